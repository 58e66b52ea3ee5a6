import { and, count, desc, eq, inArray, isNull, lt, lte, min, ne, or, sql } from 'drizzle-orm';
import { first, type Database, type tables } from '@apoc/db';
import type { OutboxStatus } from '@apoc/shared';
import { orderedId } from '../../ids';

export type OutboxRow = typeof tables.outbox.$inferSelect;
/** A message as `claimNext` handed it to a worker: which one, and when this worker claimed it. */
export interface Claim {
  id: string;
  claimedAt: Date;
}
/** A message a worker has claimed for delivery. */
export type ClaimedMessage = OutboxRow & Claim;

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
 * The outbox table. `enqueue` joins the caller's unit of work, so the message commits together with the change
 * that caused it, or not at all.
 */
export class OutboxRepository {
  // Prepared once: a registration burst queues a message per request, and building and preparing the
  // insert each time cost more than running it.
  private readonly insert;

  constructor(
    private readonly db: Database,
    private readonly clock: () => Date,
  ) {
    const { outbox } = db.tables;
    this.insert = db.prepare((q) =>
      q
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
        .prepare(),
    );
  }

  async enqueue(message: NewMessage, now = this.clock()): Promise<string> {
    const id = orderedId();
    await this.db.unit(() =>
      this.insert().execute({
        id,
        kind: message.kind,
        recipient: message.recipient,
        subject: message.subject,
        text: message.text,
        html: message.html,
        attachments: JSON.stringify(message.attachments ?? []),
        nextAttemptAt: now,
        createdAt: now,
      }),
    );
    return id;
  }

  /**
   * Takes the message due first for delivery, marking it `sending` in one statement so that no other worker takes
   * it too: on PostgreSQL a row another instance is claiming at the same moment is skipped (FOR UPDATE SKIP
   * LOCKED). A message left `sending` by a worker that died (a claim older than the lease) is due again, whichever
   * instance finds it.
   */
  async claimNext(now: Date, staleClaimBefore: Date): Promise<ClaimedMessage | undefined> {
    const { outbox } = this.db.tables;
    const due = or(
      and(eq(outbox.status, 'queued'), lte(outbox.nextAttemptAt, now)),
      and(eq(outbox.status, 'sending'), lt(outbox.claimedAt, staleClaimBefore)),
    );
    const skipLocked = this.db.dialect === 'postgres' ? sql` for update skip locked` : sql``;
    const [claimed] = await this.db.unit(() =>
      this.db.q
        .update(outbox)
        .set({ status: 'sending', claimedAt: now })
        .where(
          sql`${outbox.id} = (select ${outbox.id} from ${outbox} where ${due} order by ${outbox.nextAttemptAt} limit 1${skipLocked})`,
        )
        .returning(),
    );
    return claimed && { ...claimed, claimedAt: now };
  }

  /**
   * The row is still this worker's claim: a worker whose lease ran out (a slow mail server, a paused process) must
   * not queue again or fail a message that another worker has since taken over, and perhaps sent. Each mark answers
   * whether it applied.
   */
  private stillClaimed(claim: Claim) {
    const { outbox } = this.db.tables;
    return and(eq(outbox.id, claim.id), eq(outbox.status, 'sending'), eq(outbox.claimedAt, claim.claimedAt));
  }

  /**
   * Records a delivery, whoever holds the message's claim now: once the mail server has accepted it, it must not be
   * sent again, even if another worker took the claim over meanwhile and queued it for a retry. False when it was
   * already recorded as sent (by a worker that took it over): then it has gone out twice.
   */
  async markSent(id: string, now: Date): Promise<boolean> {
    const { outbox } = this.db.tables;
    const signIn = sql`${outbox.kind} = 'sign-in'`;
    const marked = await this.db.unit(() =>
      this.db.q
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
          purgedAt: sql`CASE WHEN ${signIn} THEN ${this.db.value(outbox.purgedAt, now)} ELSE NULL END`,
        })
        .where(and(eq(outbox.id, id), ne(outbox.status, 'sent')))
        .returning({ id: outbox.id }),
    );
    return marked.length > 0;
  }

  /**
   * Removes bodies the platform no longer needs: sign-in mail whose link has expired (delivered or not), and
   * any mail sent before `sentBefore` (the retention period). Recipient, subject, kind and times stay.
   */
  async purgeBodies(now: Date, sentBefore: Date, signInLinksBefore: Date): Promise<number> {
    const { outbox } = this.db.tables;
    const signIn = sql`${outbox.kind} = 'sign-in'`;
    const purged = await this.db.unit(() =>
      this.db.q
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
        .returning({ id: outbox.id }),
    );
    return purged.length;
  }

  async markRetry(claim: Claim, error: string, nextAttemptAt: Date): Promise<boolean> {
    const { outbox } = this.db.tables;
    const marked = await this.db.unit(() =>
      this.db.q
        .update(outbox)
        .set({
          status: 'queued',
          claimedAt: null,
          lastError: error,
          nextAttemptAt,
          attempts: sql`${outbox.attempts} + 1`,
        })
        .where(this.stillClaimed(claim))
        .returning({ id: outbox.id }),
    );
    return marked.length > 0;
  }

  async markFailed(claim: Claim, error: string): Promise<boolean> {
    const { outbox } = this.db.tables;
    const marked = await this.db.unit(() =>
      this.db.q
        .update(outbox)
        .set({ status: 'failed', claimedAt: null, lastError: error, attempts: sql`${outbox.attempts} + 1` })
        .where(this.stillClaimed(claim))
        .returning({ id: outbox.id }),
    );
    return marked.length > 0;
  }

  /** Puts a failed message back in the queue, due now. Returns false when there is no such failed message. */
  async retry(id: string, now: Date): Promise<boolean> {
    const { outbox } = this.db.tables;
    const retried = await this.db.unit(() =>
      this.db.q
        .update(outbox)
        .set({ status: 'queued', nextAttemptAt: now, claimedAt: null })
        .where(and(eq(outbox.id, id), eq(outbox.status, 'failed')))
        .returning({ id: outbox.id }),
    );
    return retried.length > 0;
  }

  async find(id: string): Promise<OutboxRow | undefined> {
    const { outbox } = this.db.tables;
    return first(this.db.q.select().from(outbox).where(eq(outbox.id, id)));
  }

  async list(status: OutboxStatus | undefined, limit: number): Promise<OutboxRow[]> {
    const { outbox } = this.db.tables;
    return this.db.q
      .select()
      .from(outbox)
      .where(status ? eq(outbox.status, status) : undefined)
      .orderBy(desc(outbox.createdAt))
      .limit(limit);
  }

  async counts(): Promise<Record<OutboxStatus, number>> {
    const { outbox } = this.db.tables;
    const rows = await this.db.q.select({ status: outbox.status, n: count() }).from(outbox).groupBy(outbox.status);
    const counts: Record<OutboxStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0 };
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }

  /** When the oldest message still waiting (queued or being sent) was queued: how far behind the outbox is. */
  async oldestWaiting(): Promise<Date | null> {
    const { outbox } = this.db.tables;
    const row = await first(
      this.db.q
        .select({ at: min(outbox.createdAt) })
        .from(outbox)
        .where(inArray(outbox.status, ['queued', 'sending'])),
    );
    return row?.at ?? null;
  }

  /** The earliest moment a queued message becomes due, to let the worker sleep until then. */
  async nextDueAt(): Promise<Date | null> {
    const { outbox } = this.db.tables;
    const row = await first(
      this.db.q
        .select({ at: sql<number | Date | null>`min(${outbox.nextAttemptAt})` })
        .from(outbox)
        .where(eq(outbox.status, 'queued')),
    );
    return row?.at ? new Date(row.at) : null;
  }
}
