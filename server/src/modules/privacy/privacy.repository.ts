import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { tables, type Db } from '@apoc/db';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

const {
  members,
  registrations,
  registrationEvents,
  stars,
  liveQuestions,
  liveQuestionVotes,
  livePollVotes,
  liveEvents,
  signIns,
  signInTokens,
  attendance,
  livePresence,
  summitInvitations,
  outbox,
  securityEvents,
} = tables;

/** What a person erased is called wherever the platform keeps a trace of them. */
export const FORMER_MEMBER = 'A former member';

/** Every row about one person: read for their export, rewritten for their erasure. */
export class PrivacyRepository {
  constructor(private readonly db: Db) {}

  everythingAbout(memberId: string, email: string) {
    const db = this.db;
    const registrationRows = db.select().from(registrations).where(eq(registrations.memberId, memberId)).all();
    return {
      member: db
        .select({
          id: members.id,
          email: members.email,
          name: members.name,
          role: members.role,
          institutionId: members.institutionId,
          timeZone: members.timeZone,
          active: members.active,
          feedScope: members.feedScope,
          reminders: members.reminders,
          createdAt: members.createdAt,
          updatedAt: members.updatedAt,
        })
        .from(members)
        .where(eq(members.id, memberId))
        .get(),
      registrations: registrationRows,
      registrationHistory:
        registrationRows.length === 0
          ? []
          : db
              .select()
              .from(registrationEvents)
              .where(
                inArray(
                  registrationEvents.registrationId,
                  registrationRows.map((row) => row.id),
                ),
              )
              .all(),
      stars: db.select().from(stars).where(eq(stars.memberId, memberId)).all(),
      questions: db.select().from(liveQuestions).where(eq(liveQuestions.authorId, memberId)).all(),
      questionVotes: db.select().from(liveQuestionVotes).where(eq(liveQuestionVotes.memberId, memberId)).all(),
      pollVotes: db.select().from(livePollVotes).where(eq(livePollVotes.memberId, memberId)).all(),
      signIns: db
        .select({
          id: signIns.id,
          device: signIns.device,
          createdAt: signIns.createdAt,
          lastSeenAt: signIns.lastSeenAt,
          expiresAt: signIns.expiresAt,
          revokedAt: signIns.revokedAt,
        })
        .from(signIns)
        .where(eq(signIns.memberId, memberId))
        .all(),
      attendance: db.select().from(attendance).where(eq(attendance.memberId, memberId)).all(),
      presence: db.select().from(livePresence).where(eq(livePresence.memberId, memberId)).all(),
      invitations: db.select().from(summitInvitations).where(eq(summitInvitations.memberId, memberId)).all(),
      mails: db
        .select({
          id: outbox.id,
          kind: outbox.kind,
          subject: outbox.subject,
          status: outbox.status,
          // A sign-in mail's text holds a live link: a secret, even from its owner's download.
          text: sql<string | null>`CASE WHEN ${outbox.kind} = 'sign-in' THEN NULL ELSE ${outbox.text} END`,
          purgedAt: outbox.purgedAt,
          createdAt: outbox.createdAt,
          sentAt: outbox.sentAt,
        })
        .from(outbox)
        .where(sql`lower(${outbox.recipient}) = lower(${email})`)
        .all(),
      securityEvents: db
        .select({
          kind: securityEvents.kind,
          at: securityEvents.at,
          address: securityEvents.address,
          detail: securityEvents.detail,
        })
        .from(securityEvents)
        .where(or(eq(securityEvents.subjectId, memberId), eq(securityEvents.actorId, memberId)))
        .all(),
    };
  }

  /**
   * Replaces the person by a pseudonym everywhere, in the caller's transaction: the member row keeps its id (so
   * the audit trail, attendance counts and questions stay whole) under "A former member", with an address that
   * can never receive a link; free text they wrote about themselves is emptied; what only served them is removed.
   */
  erase(memberId: string, oldName: string, oldEmail: string, now: Date): void {
    const db = this.db;
    db.update(members)
      .set({
        name: FORMER_MEMBER,
        email: `erased-${memberId}@erased.invalid`,
        timeZone: null,
        active: false,
        feedToken: null,
        feedTokenHash: null,
        reminders: 'off',
        erasedAt: now,
        updatedAt: now,
      })
      .where(eq(members.id, memberId))
      .run();
    db.update(registrations)
      .set({ dietaryNeeds: '', accessibilityNeeds: '', note: '', updatedAt: now })
      .where(eq(registrations.memberId, memberId))
      .run();
    db.delete(stars).where(eq(stars.memberId, memberId)).run();
    db.delete(signInTokens).where(eq(signInTokens.memberId, memberId)).run();
    db.update(signIns).set({ revokedAt: now, device: '' }).where(eq(signIns.memberId, memberId)).run();
    // Questions stay the session's record, anonymous from now on; names in the replayable live history go too.
    db.update(liveQuestions).set({ anonymous: true }).where(eq(liveQuestions.authorId, memberId)).run();
    const quoted = JSON.stringify(oldName);
    const pseudonym = JSON.stringify(FORMER_MEMBER);
    const mentions = (column: SQLiteColumn) => sql`instr(${column}, ${quoted}) > 0`;
    db.update(liveEvents)
      .set({ moderatorMessage: sql`replace(${liveEvents.moderatorMessage}, ${quoted}, ${pseudonym})` })
      .where(mentions(liveEvents.moderatorMessage))
      .run();
    db.update(liveEvents)
      .set({ attendeeMessage: sql`replace(${liveEvents.attendeeMessage}, ${quoted}, ${pseudonym})` })
      .where(mentions(liveEvents.attendeeMessage))
      .run();
    db.update(liveEvents)
      .set({ memberMessage: sql`replace(${liveEvents.memberMessage}, ${quoted}, ${pseudonym})` })
      .where(mentions(liveEvents.memberMessage))
      .run();
    // Mail not sent yet is withdrawn; mail sent keeps its date and subject only.
    const theirs = sql`lower(${outbox.recipient}) = lower(${oldEmail})`;
    db.delete(outbox)
      .where(and(theirs, inArray(outbox.status, ['queued', 'failed'])))
      .run();
    db.update(outbox)
      .set({
        recipient: `erased-${memberId}@erased.invalid`,
        text: 'Removed when the recipient’s personal data was erased.',
        html: '',
        attachments: '[]',
        purgedAt: now,
      })
      .where(theirs)
      .run();
  }
}
