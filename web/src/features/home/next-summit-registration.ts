// What the next summit's card on the home page says about registering: the member's status as a badge,
// or where the registration window stands, and at most one action. Every action leads to the summit
// page's registration box, where the mode is chosen and changes are made: the home page only points there.
import type { Registration } from '@apoc/shared';
import type { AttendanceMode } from '@apoc/shared/domain';
import type { BadgeTone } from '../../components/Badge.svelte';
import { m } from '../../paraglide/messages.js';
import {
  STATUS_LABELS,
  STATUS_TONES,
  type BoxView,
  type RegistrationWindow,
} from '../registrations/registration-state';

export interface StatusBadge {
  tone: BadgeTone;
  text: string;
}

export type CardRegistration =
  | { kind: 'checking' }
  /** A visitor, while registration is open. */
  | { kind: 'sign-in'; closesAt: number }
  /** A member without a registration, while registration is open. */
  | { kind: 'register'; closesAt: number }
  /** Registration has not opened yet; `opensAt` is null until the summit is published. */
  | { kind: 'opens'; opensAt: number | null }
  | { kind: 'closed' }
  | { kind: 'guest' }
  /** The member's registration could not be read: the card links to the summit instead. */
  | { kind: 'failed' }
  /** `offerDeadline` is set while a seat offered to the member can still be accepted. */
  | { kind: 'registered'; badge: StatusBadge; offerDeadline: number | null };

/** "Confirmed — in person", "Confirmed — online". */
function confirmedIn(mode: AttendanceMode): string {
  switch (mode) {
    case 'in_person':
      return m.home_status_confirmed_in_person();
    case 'virtual':
      return m.home_status_confirmed_online();
  }
}

/** "Confirmed — in person", "Waitlisted #4", "Seat offered", "Awaiting approval". */
export function statusBadge(
  registration: Pick<Registration, 'status' | 'mode' | 'waitlistPosition'>,
  offerOpen: boolean,
): StatusBadge {
  const tone = STATUS_TONES[registration.status];
  switch (registration.status) {
    case 'confirmed':
      return { tone, text: confirmedIn(registration.mode) };
    case 'waitlisted':
      return {
        tone,
        text: registration.waitlistPosition
          ? m.home_status_waitlisted_at({ position: registration.waitlistPosition })
          : m.home_status_waitlisted(),
      };
    case 'offered':
      // The server's periodic sweep passes an expired offer on; until it has, say so rather than offer it.
      return offerOpen
        ? { tone, text: STATUS_LABELS.offered }
        : { tone: 'neutral', text: m.home_status_offer_expired() };
    case 'pending':
    case 'cancelled':
      return { tone, text: STATUS_LABELS[registration.status] };
  }
}

/** The registration box's view of the summit, folded into the few things the card has room for. */
export function cardRegistration(view: BoxView, period: RegistrationWindow): CardRegistration {
  // Without a registration to show, the card says where the window stands.
  const byWindow = (): CardRegistration => {
    switch (period.state) {
      case 'open':
        return view.kind === 'sign-in'
          ? { kind: 'sign-in', closesAt: period.closesAt }
          : { kind: 'register', closesAt: period.closesAt };
      case 'not-yet':
        return { kind: 'opens', opensAt: period.opensAt };
      case 'unscheduled':
        return { kind: 'opens', opensAt: null };
      case 'closed':
        return { kind: 'closed' };
    }
  };
  switch (view.kind) {
    case 'checking':
    case 'guest':
    case 'closed':
    case 'failed':
      return { kind: view.kind };
    case 'sign-in':
    case 'register':
    case 'wait':
      return byWindow();
    case 'registered': {
      const { registration, actions } = view;
      const offerDeadline =
        actions.answerOffer && registration.offerExpiresAt ? Date.parse(registration.offerExpiresAt) : null;
      return { kind: 'registered', badge: statusBadge(registration, offerDeadline !== null), offerDeadline };
    }
  }
}
