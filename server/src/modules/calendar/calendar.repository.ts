import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { first, type Database } from '@apoc/db';
import type { FeedScope } from '@apoc/shared';
import { hashSecret } from '../auth/auth.secrets';

export interface FeedOwner {
  id: string;
  name: string;
  feedScope: FeedScope;
  /** The feed's own words (its name, "Speakers: …") are in the member's language; null: English. */
  language: string | null;
}

/** What the calendar feeds read beyond the published agendas: owners, registrations, stars, sequences. */
export class CalendarRepository {
  private readonly ownerByToken;
  // Read for every feed built: prepared once rather than per feed.
  private readonly sequencesOfSummit;

  constructor(private readonly db: Database) {
    const { members, sessions } = db.tables;
    this.ownerByToken = db.prepare((q) =>
      q
        .select({ id: members.id, name: members.name, feedScope: members.feedScope, language: members.language })
        .from(members)
        .where(and(eq(members.feedTokenHash, sql.placeholder('hash')), eq(members.active, true)))
        .prepare(),
    );
    this.sequencesOfSummit = db.prepare((q) =>
      q
        .select({ id: sessions.id, sequence: sessions.sequence })
        .from(sessions)
        .where(eq(sessions.summitId, sql.placeholder('summitId')))
        .prepare(),
    );
  }

  /** The member whose feed this secret opens: looked up by its hash, the only form stored. */
  async ownerOf(token: string): Promise<FeedOwner | undefined> {
    return first(this.ownerByToken().execute({ hash: hashSecret(token) }));
  }

  async feedOf(memberId: string): Promise<{ exists: boolean; scope: FeedScope }> {
    const { members } = this.db.tables;
    const row = await first(
      this.db.q
        .select({ hash: members.feedTokenHash, scope: members.feedScope })
        .from(members)
        .where(eq(members.id, memberId)),
    );
    return { exists: Boolean(row?.hash), scope: row?.scope ?? 'agenda' };
  }

  /** Keeps only the hash of a new feed secret: a copied database file opens nobody's feed. */
  async setToken(memberId: string, token: string): Promise<void> {
    const { members } = this.db.tables;
    await this.db.unit(() =>
      this.db.q
        .update(members)
        .set({ feedToken: null, feedTokenHash: hashSecret(token) })
        .where(eq(members.id, memberId)),
    );
  }

  /**
   * Feeds made before secrets were hashed kept theirs readable: hash them in place (the addresses members
   * subscribed to keep working) and forget the readable form. Idempotent; run at start-up.
   */
  async hashReadableTokens(): Promise<number> {
    const { members } = this.db.tables;
    const readable = await this.db.q
      .select({ id: members.id, token: members.feedToken })
      .from(members)
      .where(isNotNull(members.feedToken));
    await this.db.unit(async () => {
      for (const row of readable) {
        await this.db.q
          .update(members)
          .set({ feedToken: null, feedTokenHash: hashSecret(row.token ?? '') })
          .where(eq(members.id, row.id));
      }
    });
    return readable.length;
  }

  async setScope(memberId: string, scope: FeedScope): Promise<void> {
    const { members } = this.db.tables;
    await this.db.unit(() => this.db.q.update(members).set({ feedScope: scope }).where(eq(members.id, memberId)));
  }

  /** Summits the member holds a place at (confirmed or offered). */
  async registeredSummits(memberId: string): Promise<string[]> {
    const { registrations } = this.db.tables;
    const rows = await this.db.q
      .select({ summitId: registrations.summitId })
      .from(registrations)
      .where(and(eq(registrations.memberId, memberId), inArray(registrations.status, ['confirmed', 'offered'])));
    return rows.map((row) => row.summitId);
  }

  async starredSessions(memberId: string): Promise<{ sessionId: string; summitId: string }[]> {
    const { stars, sessions } = this.db.tables;
    return this.db.q
      .select({ sessionId: stars.sessionId, summitId: sessions.summitId })
      .from(stars)
      .innerJoin(sessions, eq(sessions.id, stars.sessionId))
      .where(eq(stars.memberId, memberId));
  }

  /** The SEQUENCE of each session of a summit: how many publications changed it. */
  async sequences(summitId: string): Promise<Map<string, number>> {
    const rows = await this.sequencesOfSummit().execute({ summitId });
    return new Map(rows.map((row) => [row.id, row.sequence]));
  }

  async institutionNames(): Promise<Map<string, string>> {
    const { institutions } = this.db.tables;
    const rows = await this.db.q.select({ id: institutions.id, shortName: institutions.shortName }).from(institutions);
    return new Map(rows.map((row) => [row.id, row.shortName]));
  }
}
