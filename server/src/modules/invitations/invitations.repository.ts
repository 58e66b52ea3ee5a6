import { and, asc, eq } from 'drizzle-orm';
import { tables, type Db } from '@apoc/db';

const { summitInvitations, members } = tables;

/** Guests' invitations to summits: the only code that touches the summit_invitations table. */
export class InvitationsRepository {
  constructor(private readonly db: Db) {}

  list(summitId: string) {
    return this.db
      .select({
        summitId: summitInvitations.summitId,
        memberId: summitInvitations.memberId,
        name: members.name,
        invitedAt: summitInvitations.createdAt,
      })
      .from(summitInvitations)
      .innerJoin(members, eq(members.id, summitInvitations.memberId))
      .where(eq(summitInvitations.summitId, summitId))
      .orderBy(asc(members.name))
      .all();
  }

  /** Adds the invitation unless it exists; true when it is new. */
  add(summitId: string, memberId: string, invitedBy: string, now: Date): boolean {
    return (
      this.db
        .insert(summitInvitations)
        .values({ summitId, memberId, invitedBy, createdAt: now })
        .onConflictDoNothing()
        .run().changes > 0
    );
  }

  remove(summitId: string, memberId: string): boolean {
    return (
      this.db
        .delete(summitInvitations)
        .where(and(eq(summitInvitations.summitId, summitId), eq(summitInvitations.memberId, memberId)))
        .run().changes > 0
    );
  }
}
