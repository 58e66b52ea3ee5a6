import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { tables, type Db } from '@apoc/db';
import type { FeedScope } from '@apoc/shared';
import { hashSecret } from '../auth/auth.secrets';

const { members, registrations, stars, sessions, institutions } = tables;

export interface FeedOwner {
  id: string;
  name: string;
  feedScope: FeedScope;
}

/** What the calendar feeds read beyond the published agendas: owners, registrations, stars, sequences. */
export class CalendarRepository {
  private readonly ownerByToken;
  // Read for every feed built: prepared once rather than per feed.
  private readonly sequencesOfSummit;

  constructor(private readonly db: Db) {
    this.ownerByToken = db
      .select({ id: members.id, name: members.name, feedScope: members.feedScope })
      .from(members)
      .where(and(eq(members.feedTokenHash, sql.placeholder('hash')), eq(members.active, true)))
      .prepare();
    this.sequencesOfSummit = db
      .select({ id: sessions.id, sequence: sessions.sequence })
      .from(sessions)
      .where(eq(sessions.summitId, sql.placeholder('summitId')))
      .prepare();
  }

  /** The member whose feed this secret opens: looked up by its hash, the only form stored. */
  ownerOf(token: string): FeedOwner | undefined {
    return this.ownerByToken.get({ hash: hashSecret(token) });
  }

  feedOf(memberId: string): { exists: boolean; scope: FeedScope } {
    const row = this.db
      .select({ hash: members.feedTokenHash, scope: members.feedScope })
      .from(members)
      .where(eq(members.id, memberId))
      .get();
    return { exists: Boolean(row?.hash), scope: row?.scope ?? 'agenda' };
  }

  /** Keeps only the hash of a new feed secret: a copied database file opens nobody's feed. */
  setToken(memberId: string, token: string): void {
    this.db
      .update(members)
      .set({ feedToken: null, feedTokenHash: hashSecret(token) })
      .where(eq(members.id, memberId))
      .run();
  }

  /**
   * Feeds made before secrets were hashed kept theirs readable: hash them in place (the addresses members
   * subscribed to keep working) and forget the readable form. Idempotent; run at start-up.
   */
  hashReadableTokens(): number {
    const readable = this.db
      .select({ id: members.id, token: members.feedToken })
      .from(members)
      .where(isNotNull(members.feedToken))
      .all();
    this.db.transaction(() => {
      for (const row of readable) {
        this.db
          .update(members)
          .set({ feedToken: null, feedTokenHash: hashSecret(row.token ?? '') })
          .where(eq(members.id, row.id))
          .run();
      }
    });
    return readable.length;
  }

  setScope(memberId: string, scope: FeedScope): void {
    this.db.update(members).set({ feedScope: scope }).where(eq(members.id, memberId)).run();
  }

  /** Summits the member holds a place at (confirmed or offered). */
  registeredSummits(memberId: string): string[] {
    return this.db
      .select({ summitId: registrations.summitId })
      .from(registrations)
      .where(and(eq(registrations.memberId, memberId), inArray(registrations.status, ['confirmed', 'offered'])))
      .all()
      .map((row) => row.summitId);
  }

  starredSessions(memberId: string): { sessionId: string; summitId: string }[] {
    return this.db
      .select({ sessionId: stars.sessionId, summitId: sessions.summitId })
      .from(stars)
      .innerJoin(sessions, eq(sessions.id, stars.sessionId))
      .where(eq(stars.memberId, memberId))
      .all();
  }

  /** The SEQUENCE of each session of a summit: how many publications changed it. */
  sequences(summitId: string): Map<string, number> {
    return new Map(this.sequencesOfSummit.all({ summitId }).map((row) => [row.id, row.sequence]));
  }

  institutionNames(): Map<string, string> {
    return new Map(
      this.db
        .select({ id: institutions.id, shortName: institutions.shortName })
        .from(institutions)
        .all()
        .map((row) => [row.id, row.shortName]),
    );
  }
}
