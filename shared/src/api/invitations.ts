import { Type, type Static } from 'typebox';
import { Id, Instant } from './common';

/** An organiser invites one guest (role `guest`) to one summit: only then may the guest see and register for it. */
export const InviteGuest = Type.Object({ memberId: Id }, { additionalProperties: false });
export type InviteGuest = Static<typeof InviteGuest>;

export const Invitation = Type.Object({
  summitId: Id,
  memberId: Id,
  name: Type.String(),
  invitedAt: Instant,
});
export type Invitation = Static<typeof Invitation>;

export const InvitationList = Type.Array(Invitation);

export const InvitationParams = Type.Object({ id: Id, memberId: Id });
