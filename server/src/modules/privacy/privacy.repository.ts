import { and, eq, inArray, or, sql, type Column } from 'drizzle-orm';
import { first, type Database } from '@apoc/db';
import { hoursOf } from '@apoc/shared';

/** What a person erased is called wherever the platform keeps a trace of them. */
export const FORMER_MEMBER = 'A former member';

/** Every row about one person: read for their export, rewritten for their erasure. */
export class PrivacyRepository {
  constructor(private readonly db: Database) {}

  async everythingAbout(memberId: string, email: string) {
    const t = this.db.tables;
    const { members, registrations, registrationEvents, stars, liveQuestions, liveQuestionVotes, livePollVotes } = t;
    const { signIns, attendance, livePresence, summitInvitations, outbox, securityEvents } = t;
    const { checkIns, evaluations, certificates, linkedIdentities, identityProviders } = t;
    const db = this.db.q;
    const registrationRows = await db.select().from(registrations).where(eq(registrations.memberId, memberId));
    return {
      member: await first(
        db
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
            language: members.language,
            createdAt: members.createdAt,
            updatedAt: members.updatedAt,
          })
          .from(members)
          .where(eq(members.id, memberId)),
      ),
      registrations: registrationRows,
      registrationHistory:
        registrationRows.length === 0
          ? []
          : await db
              .select()
              .from(registrationEvents)
              .where(
                inArray(
                  registrationEvents.registrationId,
                  registrationRows.map((row) => row.id),
                ),
              ),
      stars: await db.select().from(stars).where(eq(stars.memberId, memberId)),
      questions: await db.select().from(liveQuestions).where(eq(liveQuestions.authorId, memberId)),
      questionVotes: await db.select().from(liveQuestionVotes).where(eq(liveQuestionVotes.memberId, memberId)),
      pollVotes: await db.select().from(livePollVotes).where(eq(livePollVotes.memberId, memberId)),
      signIns: await db
        .select({
          id: signIns.id,
          device: signIns.device,
          createdAt: signIns.createdAt,
          lastSeenAt: signIns.lastSeenAt,
          expiresAt: signIns.expiresAt,
          revokedAt: signIns.revokedAt,
          providerId: signIns.providerId,
        })
        .from(signIns)
        .where(eq(signIns.memberId, memberId)),
      // Their accounts at their institutions' identity providers, by which they sign in.
      linkedIdentities: await db
        .select({
          provider: identityProviders.name,
          subject: linkedIdentities.subject,
          createdAt: linkedIdentities.createdAt,
          lastSignInAt: linkedIdentities.lastSignInAt,
        })
        .from(linkedIdentities)
        .innerJoin(identityProviders, eq(identityProviders.id, linkedIdentities.providerId))
        .where(eq(linkedIdentities.memberId, memberId)),
      attendance: await db.select().from(attendance).where(eq(attendance.memberId, memberId)),
      presence: await db.select().from(livePresence).where(eq(livePresence.memberId, memberId)),
      checkIns: await db
        .select({ summitId: checkIns.summitId, day: checkIns.day, sessionId: checkIns.sessionId, at: checkIns.at })
        .from(checkIns)
        .where(eq(checkIns.memberId, memberId)),
      evaluations: await db
        .select({
          summitId: evaluations.summitId,
          ratings: evaluations.ratings,
          sessionRatings: evaluations.sessionRatings,
          comment: evaluations.comment,
          submittedAt: evaluations.submittedAt,
        })
        .from(evaluations)
        .where(eq(evaluations.memberId, memberId)),
      certificates: (
        await db
          .select({
            code: certificates.code,
            summitId: certificates.summitId,
            day: certificates.day,
            creditHundredths: certificates.creditHundredths,
            status: certificates.status,
            issuedAt: certificates.issuedAt,
            revokedAt: certificates.revokedAt,
            replacedBy: certificates.replacedBy,
          })
          .from(certificates)
          .where(eq(certificates.memberId, memberId))
      ).map(({ creditHundredths, ...certificate }) => ({ ...certificate, hours: hoursOf(creditHundredths) })),
      invitations: await db.select().from(summitInvitations).where(eq(summitInvitations.memberId, memberId)),
      mails: await db
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
        .where(sql`lower(${outbox.recipient}) = lower(${email})`),
      securityEvents: await db
        .select({
          kind: securityEvents.kind,
          at: securityEvents.at,
          address: securityEvents.address,
          detail: securityEvents.detail,
        })
        .from(securityEvents)
        .where(or(eq(securityEvents.subjectId, memberId), eq(securityEvents.actorId, memberId))),
    };
  }

  /**
   * Replaces the person by a pseudonym everywhere, in one unit of work (the caller's): the member row keeps its id
   * (so the audit trail, attendance counts and questions stay whole) under "A former member", with an address that
   * can never receive a link; free text they wrote about themselves is emptied; what only served them is removed.
   * Their evaluations go (their comments could name them). Their certificates stay, so that the credits reported to
   * the accrediting body stay whole and a code already handed to a licensing body still verifies, but under the
   * pseudonym and without institution: the platform no longer says whose they were.
   */
  async erase(memberId: string, oldName: string, oldEmail: string, now: Date): Promise<void> {
    const { members, registrations, stars, liveQuestions, liveEvents, signIns, signInTokens, outbox } = this.db.tables;
    const { evaluations, certificates, linkedIdentities } = this.db.tables;
    const postgres = this.db.dialect === 'postgres';
    await this.db.unit(async () => {
      const db = this.db.q;
      await db
        .update(members)
        .set({
          name: FORMER_MEMBER,
          email: `erased-${memberId}@erased.invalid`,
          timeZone: null,
          active: false,
          feedToken: null,
          feedTokenHash: null,
          reminders: 'off',
          language: null,
          erasedAt: now,
          updatedAt: now,
        })
        .where(eq(members.id, memberId));
      await db
        .update(registrations)
        .set({ dietaryNeeds: '', accessibilityNeeds: '', note: '', updatedAt: now })
        .where(eq(registrations.memberId, memberId));
      await db.delete(stars).where(eq(stars.memberId, memberId));
      await db.delete(evaluations).where(eq(evaluations.memberId, memberId));
      for (const { id, document } of await db
        .select({ id: certificates.id, document: certificates.document })
        .from(certificates)
        .where(eq(certificates.memberId, memberId))) {
        await db
          .update(certificates)
          .set({ document: { ...document, name: FORMER_MEMBER, institution: null } })
          .where(eq(certificates.id, id));
      }
      await db.delete(signInTokens).where(eq(signInTokens.memberId, memberId));
      // Their accounts at identity providers no longer lead to the pseudonym.
      await db.delete(linkedIdentities).where(eq(linkedIdentities.memberId, memberId));
      await db.update(signIns).set({ revokedAt: now, device: '' }).where(eq(signIns.memberId, memberId));
      // Questions stay the session's record, anonymous from now on; names in the replayable live history go too.
      await db.update(liveQuestions).set({ anonymous: true }).where(eq(liveQuestions.authorId, memberId));
      const quoted = JSON.stringify(oldName);
      const pseudonym = JSON.stringify(FORMER_MEMBER);
      const mentions = (column: Column) =>
        postgres ? sql`strpos(${column}, ${quoted}) > 0` : sql`instr(${column}, ${quoted}) > 0`;
      await db
        .update(liveEvents)
        .set({ moderatorMessage: sql`replace(${liveEvents.moderatorMessage}, ${quoted}, ${pseudonym})` })
        .where(mentions(liveEvents.moderatorMessage));
      await db
        .update(liveEvents)
        .set({ attendeeMessage: sql`replace(${liveEvents.attendeeMessage}, ${quoted}, ${pseudonym})` })
        .where(mentions(liveEvents.attendeeMessage));
      await db
        .update(liveEvents)
        .set({ memberMessage: sql`replace(${liveEvents.memberMessage}, ${quoted}, ${pseudonym})` })
        .where(mentions(liveEvents.memberMessage));
      // Mail not sent yet is withdrawn; mail sent keeps its date and subject only.
      const theirs = sql`lower(${outbox.recipient}) = lower(${oldEmail})`;
      await db.delete(outbox).where(and(theirs, inArray(outbox.status, ['queued', 'failed'])));
      await db
        .update(outbox)
        .set({
          recipient: `erased-${memberId}@erased.invalid`,
          text: 'Removed when the recipient’s personal data was erased.',
          html: '',
          attachments: '[]',
          purgedAt: now,
        })
        .where(theirs);
    });
  }
}
