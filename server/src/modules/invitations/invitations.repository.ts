import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '@apoc/db';

/** Guests' invitations to summits: the only code that touches the summit_invitations table. */
export class InvitationsRepository {
  constructor(private readonly db: Database) {}

  async list(summitId: string) {
    const { summitInvitations, members } = this.db.tables;
    return this.db.q
      .select({
        summitId: summitInvitations.summitId,
        memberId: summitInvitations.memberId,
        name: members.name,
        invitedAt: summitInvitations.createdAt,
      })
      .from(summitInvitations)
      .innerJoin(members, eq(members.id, summitInvitations.memberId))
      .where(eq(summitInvitations.summitId, summitId))
      .orderBy(asc(members.name));
  }

  /** Adds the invitation unless it exists; true when it is new. */
  async add(summitId: string, memberId: string, invitedBy: string, now: Date): Promise<boolean> {
    const { summitInvitations } = this.db.tables;
    const added = await this.db.unit(() =>
      this.db.q
        .insert(summitInvitations)
        .values({ summitId, memberId, invitedBy, createdAt: now })
        .onConflictDoNothing()
        .returning({ memberId: summitInvitations.memberId }),
    );
    return added.length > 0;
  }

  async remove(summitId: string, memberId: string): Promise<boolean> {
    const { summitInvitations } = this.db.tables;
    const removed = await this.db.unit(() =>
      this.db.q
        .delete(summitInvitations)
        .where(and(eq(summitInvitations.summitId, summitId), eq(summitInvitations.memberId, memberId)))
        .returning({ memberId: summitInvitations.memberId }),
    );
    return removed.length > 0;
  }
}
