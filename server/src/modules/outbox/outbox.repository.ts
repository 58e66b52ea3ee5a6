import { and, asc, count, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { tables, type Db } from '@apoc/db';
import type { OutboxStatus } from '@apoc/shared';
import { newId } from '../../ids';

const { outbox } = tables;

export type OutboxRow = typeof outbox.$inferSelect;

export interface Attachment {
  filename: string;
  contentType: string;
  /** base64 */
  content: string;
}

/**
 * An attachment too costly to draw inside the transaction that queues its message (a QR code, a
 * calendar invitation): the message keeps what is needed to draw it, and the worker draws it when it
 * sends, with the renderer registered under `renderer` (see outbox.attachments.ts).
 */
export interface DeferredAttachment {
  filename: string;
  contentType: string;
  renderer: string;
  /** JSON: stored with the message, so that a restart between commit and delivery loses nothing. */
  input: unknown;
}

export type StoredAttachment = Attachment | DeferredAttachment;

export interface NewMessage {
  kind: string;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  attachments?: StoredAttachment[];
}

/** What a sign-in mail says once its link is gone: delivered or expired, it must not sign anyone in from a copy. */
export const SIGN_IN_BODY_REMOVED =
  'This message carried a sign-in link. The link was removed from the outbox once it was sent or expired.';
/** What any other mail says after the retention period: the outbox keeps who, what and when, not the text. */
export const BODY_PURGED = 'The text of this message was removed after the retention period.';

const placeholder = (name: keyof OutboxRow) => sql.placeholder(name);

/**
 * The outbox table. `enqueue` is synchronous on purpose: it is called inside the caller's
 * transaction, so the message commits together with the change that caused it, or not at all.
 */
export class OutboxRepository {
  // Prepared once: a registration burst queues a message per request, and building and preparing the
  // insert each time cost more than running it.
  private readonly insert;

  constructor(
    private readonly db: Db,
    private readonly clock: () => Date,
  ) {
    this.insert = db
      .insert(outbox)
      .values({
        id: placeholder('id'),
        kind: placeholder('kind'),
        recipient: placeholder('recipient'),
        subject: placeholder('subject'),
        text: placeholder('text'),
        html: placeholder('html'),
        attachments: placeholder('attachments'),
        status: 'queued',
        nextAttemptAt: placeholder('nextAttemptAt'),
        createdAt: placeholder('createdAt'),
      })
      .prepare();
  }

  enqueue(message: NewMessage, now = this.clock()): string {
    const id = newId();
    this.insert.run({
      id,
      kind: message.kind,
      recipient: message.recipient,
      subject: message.subject,
      text: message.text,
      html: message.html,
      attachments: JSON.stringify(message.attachments ?? []),
      nextAttemptAt: now,
      createdAt: now,
    });
    return id;
  }

  /**
   * Takes up to `limit` due messages for delivery, marking them `sending` in one transaction so that
   * no other worker takes them too. Messages left `sending` by a crashed worker (an old claim) are due again.
   */
  claimDue(now: Date, staleClaimBefore: Date, limit: number): OutboxRow[] {
    return this.db.transaction(
      (tx) => {
        const due = tx
          .select()
          .from(outbox)
          .where(
            sql`(${outbox.status} = 'queued' and ${outbox.nextAttemptAt} <= ${now.getTime()}) or (${outbox.status} = 'sending' and ${outbox.claimedAt} < ${staleClaimBefore.getTime()})`,
          )
          .orderBy(asc(outbox.nextAttemptAt))
          .limit(limit)
          .all();
        if (due.length === 0) return [];
        tx.update(outbox)
          .set({ status: 'sending', claimedAt: now })
          .where(
            inArray(
              outbox.id,
              due.map((row) => row.id),
            ),
          )
          .run();
        return due.map((row) => ({ ...row, status: 'sending' as const, claimedAt: now }));
      },
      { behavior: 'immediate' },
    );
  }

  markSent(id: string, now: Date): void {
    const signIn = sql`${outbox.kind} = 'sign-in'`;
    this.db
      .update(outbox)
      .set({
        status: 'sent',
        sentAt: now,
        claimedAt: null,
        lastError: null,
        attempts: sql`${outbox.attempts} + 1`,
        // A delivered sign-in link lives on only in the member's inbox.
        text: sql`CASE WHEN ${signIn} THEN ${SIGN_IN_BODY_REMOVED} ELSE ${outbox.text} END`,
        html: sql`CASE WHEN ${signIn} THEN '' ELSE ${outbox.html} END`,
        purgedAt: sql`CASE WHEN ${signIn} THEN ${now.getTime()} ELSE NULL END`,
      })
      .where(eq(outbox.id, id))
      .run();
  }

  /**
   * Removes bodies the platform no longer needs: sign-in mail whose link has expired (delivered or not), and
   * any mail sent before `sentBefore` (the retention period). Recipient, subject, kind and times stay.
   */
  purgeBodies(now: Date, sentBefore: Date, signInLinksBefore: Date): number {
    const signIn = sql`${outbox.kind} = 'sign-in'`;
    return this.db
      .update(outbox)
      .set({
        text: sql`CASE WHEN ${signIn} THEN ${SIGN_IN_BODY_REMOVED} ELSE ${BODY_PURGED} END`,
        html: '',
        attachments: '[]',
        purgedAt: now,
      })
      .where(
        and(
          isNull(outbox.purgedAt),
          or(
            and(eq(outbox.status, 'sent'), lt(outbox.sentAt, sentBefore)),
            and(eq(outbox.kind, 'sign-in'), lt(outbox.createdAt, signInLinksBefore)),
          ),
        ),
      )
      .run().changes;
  }

  markRetry(id: string, error: string, nextAttemptAt: Date): void {
    this.db
      .update(outbox)
      .set({
        status: 'queued',
        claimedAt: null,
        lastError: error,
        nextAttemptAt,
        attempts: sql`${outbox.attempts} + 1`,
      })
      .where(eq(outbox.id, id))
      .run();
  }

  markFailed(id: string, error: string): void {
    this.db
      .update(outbox)
      .set({ status: 'failed', claimedAt: null, lastError: error, attempts: sql`${outbox.attempts} + 1` })
      .where(eq(outbox.id, id))
      .run();
  }

  /** Puts a failed message back in the queue, due now. Returns false when there is no such failed message. */
  retry(id: string, now: Date): boolean {
    const result = this.db
      .update(outbox)
      .set({ status: 'queued', nextAttemptAt: now, claimedAt: null })
      .where(and(eq(outbox.id, id), eq(outbox.status, 'failed')))
      .run();
    return result.changes > 0;
  }

  async find(id: string): Promise<OutboxRow | undefined> {
    return this.db.select().from(outbox).where(eq(outbox.id, id)).get();
  }

  async list(status: OutboxStatus | undefined, limit: number): Promise<OutboxRow[]> {
    return this.db
      .select()
      .from(outbox)
      .where(status ? eq(outbox.status, status) : undefined)
      .orderBy(desc(outbox.createdAt))
      .limit(limit)
      .all();
  }

  async counts(): Promise<Record<OutboxStatus, number>> {
    const rows = this.db.select({ status: outbox.status, n: count() }).from(outbox).groupBy(outbox.status).all();
    const counts: Record<OutboxStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0 };
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }

  /** The earliest moment a queued message becomes due, to let the worker sleep until then. */
  nextDueAt(): Date | null {
    const row = this.db
      .select({ at: sql<number>`min(${outbox.nextAttemptAt})` })
      .from(outbox)
      .where(eq(outbox.status, 'queued'))
      .get();
    return row?.at ? new Date(row.at) : null;
  }
}
