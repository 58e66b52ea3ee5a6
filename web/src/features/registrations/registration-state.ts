// What a member is told about registering for a summit: whether registration is open, where they
// stand, and what they can do about it. Pure functions of the summit, the registration and "now",
// so that every state of the registration box is a line in a test.
import type { Registration, SummitSummary } from '@apoc/shared';
import type { AttendanceMode, RegistrationStatus } from '@apoc/shared/domain';
import { registrationState, summitModes, type RegistrationWindowState } from '@apoc/shared/registrations';
import { localDate, localTime } from '@apoc/shared/time';
import type { BadgeTone } from '../../components/Badge.svelte';
import { formatInstant } from '../../lib/instant';
import type { ResourceState } from '../../lib/resource.svelte';
import type { SessionState } from '../../lib/session.svelte';
import { m } from '../../paraglide/messages.js';

export { summitModes };

export const MODE_LABELS: Record<AttendanceMode, string> = {
  in_person: m.registration_mode_in_person(),
  virtual: m.registration_mode_virtual(),
};

/** The mode inside a sentence ("in person → online"): lower case where the language writes it so. */
export const MODE_INLINE: Record<AttendanceMode, string> = {
  in_person: m.registration_mode_in_person_inline(),
  virtual: m.registration_mode_virtual_inline(),
};

export const STATUS_LABELS: Record<RegistrationStatus, string> = {
  pending: m.registration_status_pending(),
  confirmed: m.registration_status_confirmed(),
  waitlisted: m.registration_status_waitlisted(),
  offered: m.registration_status_offered(),
  cancelled: m.registration_status_cancelled(),
};

/** The status inside a sentence ("Summit: confirmed, in person."). */
export const STATUS_INLINE: Record<RegistrationStatus, string> = {
  pending: m.registration_status_pending_inline(),
  confirmed: m.registration_status_confirmed_inline(),
  waitlisted: m.registration_status_waitlisted_inline(),
  offered: m.registration_status_offered_inline(),
  cancelled: m.registration_status_cancelled_inline(),
};

export const STATUS_TONES: Record<RegistrationStatus, BadgeTone> = {
  pending: 'warning',
  confirmed: 'success',
  waitlisted: 'blue',
  offered: 'teal',
  cancelled: 'neutral',
};

type WindowSummit = Pick<SummitSummary, 'status' | 'registration'>;

export type RegistrationWindow = RegistrationWindowState;

/** Where "now" falls in the summit's registration window, by the rule the server registers by. */
export function registrationWindow(summit: WindowSummit, now: number): RegistrationWindow {
  const window = {
    opensAt: summit.registration.opensAt === null ? null : Date.parse(summit.registration.opensAt),
    closesAt: Date.parse(summit.registration.closesAt),
  };
  return registrationState(window, now, summit.status === 'archived');
}

/** The summit's seats in words: "80 seats at the venue", "Online: no limit". */
export function seatsText(summit: Pick<SummitSummary, 'format' | 'seats'>): string[] {
  const modes = summitModes(summit.format);
  const lines: string[] = [];
  if (modes.includes('in_person') && summit.seats.inPerson !== null) {
    lines.push(m.registration_seats_at_venue({ count: summit.seats.inPerson }));
  }
  if (modes.includes('virtual')) {
    lines.push(
      summit.seats.virtual === null
        ? m.registration_seats_online_unlimited()
        : m.registration_seats_online({ count: summit.seats.virtual }),
    );
  }
  return lines;
}

/** An instant in the summit's zone and, when the viewer's clock reads differently, in the viewer's. */
export function inBothZones(
  instant: number | string,
  summitZone: string,
  viewerZone: string,
  locale?: string,
): { summit: string; viewer: string | null } {
  const at = typeof instant === 'string' ? Date.parse(instant) : instant;
  const clock = (zone: string) => `${localDate(at, zone)} ${localTime(at, zone)}`;
  const summit = formatInstant(at, summitZone, locale);
  const sameClock = viewerZone === summitZone || clock(viewerZone) === clock(summitZone);
  return { summit, viewer: sameClock ? null : formatInstant(at, viewerZone, locale) };
}

const DURATION_UNITS: Record<'day' | 'hour' | 'minute', (count: number) => string> = {
  day: (count) => m.registration_duration_days({ count }),
  hour: (count) => m.registration_duration_hours({ count }),
  minute: (count) => m.registration_duration_minutes({ count }),
};

/** "2 days 4 hours left": the larger unit, then the smaller one unless it is 0. */
function leftText(count: number, unit: 'day' | 'hour', rest: number, restUnit: 'hour' | 'minute'): string {
  const first = DURATION_UNITS[unit](count);
  const duration = rest ? m.registration_duration_pair({ first, second: DURATION_UNITS[restUnit](rest) }) : first;
  return m.registration_time_left({ count, duration });
}

export interface TimeLeft {
  expired: boolean;
  /** "2 days 4 hours left", "3 hours 12 minutes left", "12 minutes left". */
  text: string;
  /** Under three hours: the page says so louder. */
  urgent: boolean;
}

/** The countdown to an offer's deadline, to the minute (the page re-reads it every minute). */
export function timeLeft(deadline: number, now: number): TimeLeft {
  const ms = deadline - now;
  if (ms <= 0) return { expired: true, text: m.registration_offer_expired(), urgent: true };
  const minutes = Math.ceil(ms / 60_000);
  const urgent = ms < 3 * 3_600_000;
  if (minutes < 60) {
    return {
      expired: false,
      text: m.registration_time_left({ count: minutes, duration: DURATION_UNITS.minute(minutes) }),
      urgent,
    };
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { expired: false, text: leftText(hours, 'hour', minutes % 60, 'minute'), urgent };
  const days = Math.floor(hours / 24);
  return { expired: false, text: leftText(days, 'day', hours % 24, 'hour'), urgent };
}

/** Where the member stands, as one sentence addressed to them. */
export function statusSentence(registration: Pick<Registration, 'status' | 'mode' | 'waitlistPosition'>): string {
  switch (registration.status) {
    case 'pending':
      return m.registration_sentence_pending();
    case 'confirmed':
      return registration.mode === 'in_person'
        ? m.registration_sentence_confirmed_in_person()
        : m.registration_sentence_confirmed_virtual();
    case 'waitlisted': {
      const position = registration.waitlistPosition;
      if (registration.mode === 'in_person') {
        return position
          ? m.registration_sentence_waitlisted_in_person_at({ position })
          : m.registration_sentence_waitlisted_in_person();
      }
      return position
        ? m.registration_sentence_waitlisted_virtual_at({ position })
        : m.registration_sentence_waitlisted_virtual();
    }
    case 'offered':
      return m.registration_sentence_offered();
    case 'cancelled':
      return m.registration_sentence_cancelled();
  }
}

export interface RegistrationActions {
  /** Accept or decline an offered seat, before its deadline. */
  answerOffer: boolean;
  /** The other mode of a hybrid summit, when the member may switch to it. */
  switchTo: AttendanceMode | null;
  cancel: boolean;
}

type ActionSummit = Pick<SummitSummary, 'format' | 'endsAt'>;
type ActionRegistration = Pick<Registration, 'status' | 'mode' | 'offerExpiresAt' | 'checkedInAt'>;

export function registrationActions(
  summit: ActionSummit,
  registration: ActionRegistration,
  now: number,
): RegistrationActions {
  // Nothing changes after the summit, or once the member has been checked in at the desk.
  const changeable =
    registration.status !== 'cancelled' && now < Date.parse(summit.endsAt) && !registration.checkedInAt;
  const offerOpen =
    registration.status === 'offered' &&
    registration.offerExpiresAt !== null &&
    Date.parse(registration.offerExpiresAt) > now;
  const other = summitModes(summit.format).find((mode) => mode !== registration.mode) ?? null;
  return {
    answerOffer: changeable && offerOpen,
    switchTo: changeable && registration.status !== 'offered' ? other : null,
    cancel: changeable && !offerOpen,
  };
}

/** Who is looking at the box: the session as the registration box needs it. */
export type Viewer = 'unknown' | 'signed-out' | 'guest' | 'member';

/** The viewer a sign-in state makes (an unreachable server counts as signed out). */
export function viewerOf(state: SessionState, isMember: boolean): Viewer {
  switch (state.status) {
    case 'unknown':
      return 'unknown';
    case 'signed-in':
      return isMember ? 'member' : 'guest';
    case 'signed-out':
    case 'error':
      return 'signed-out';
  }
}

export type MineState =
  { status: 'loading' } | { status: 'ready'; registration: Registration | null } | { status: 'error' };

/** The member's registration as its read stands (see keyedResource). */
export function mineOf(read: ResourceState<Registration | null>): MineState {
  return read.status === 'ready' ? { status: 'ready', registration: read.value } : { status: read.status };
}

export type BoxView =
  | { kind: 'checking' }
  /** A visitor, while registering is or will be possible. */
  | { kind: 'sign-in' }
  /** Signed in below the member role: guests are registered by the organisers. */
  | { kind: 'guest' }
  | { kind: 'register' }
  /** No registration, and registration has not opened yet. */
  | { kind: 'wait' }
  /** No registration, and registration is over. */
  | { kind: 'closed' }
  | { kind: 'failed' }
  | { kind: 'registered'; registration: Registration; actions: RegistrationActions };

export function registrationBoxView(
  summit: ActionSummit,
  window: RegistrationWindow,
  viewer: Viewer,
  mine: MineState,
  now: number,
): BoxView {
  if (viewer === 'unknown') return { kind: 'checking' };
  if (viewer === 'signed-out') return window.state === 'closed' ? { kind: 'closed' } : { kind: 'sign-in' };
  if (viewer === 'guest') return { kind: 'guest' };
  if (mine.status === 'loading') return { kind: 'checking' };
  if (mine.status === 'error') return { kind: 'failed' };
  const registration = mine.registration;
  if (registration && registration.status !== 'cancelled') {
    return { kind: 'registered', registration, actions: registrationActions(summit, registration, now) };
  }
  switch (window.state) {
    case 'open':
      return { kind: 'register' };
    case 'closed':
      return { kind: 'closed' };
    case 'not-yet':
    case 'unscheduled':
      return { kind: 'wait' };
  }
}
