import {
  formatCalendarDate,
  formatDay,
  formatTime,
  type CheckInSummit,
  type CheckInTiming,
  type CheckInWindow,
} from '@apoc/shared';
import { DomainError, refusal } from '../../errors';

const when = (instant: Date, zone: string) =>
  `${formatDay(instant, zone, 'en-GB')}, ${formatTime(instant, zone, 'en-GB')}`;

/** The session of a room door that scans badges. */
export interface Door {
  id: string;
  title: string;
}

/** Why a check-in is refused outside its window, at the summit's desk or at a room door, in the summit's zone. */
function outsideWindow(
  timing: Exclude<CheckInTiming, 'open'>,
  window: CheckInWindow,
  summit: CheckInSummit,
  door: Door | null,
): { title: string; detail: string } {
  const zone = summit.timeZone;
  const early = timing === 'early';
  if (door) {
    const reason = early
      ? `The door of “${door.title}” opens on ${when(window.opensAt, zone)} (${zone}), 30 minutes before the session starts.`
      : `“${door.title}” ended on ${when(window.closesAt, zone)} (${zone}).`;
    return {
      title: early ? 'The room door is not open yet' : 'The session is over',
      detail: `${reason} Confirm to scan this attendee in anyway.`,
    };
  }
  const reason = early
    ? `Check-in opens on ${when(window.opensAt, zone)} (${zone}), the evening before the summit.`
    : `The summit ended on ${formatCalendarDate(summit.endDate, 'en-GB')} (${zone}): check-in is closed.`;
  return {
    title: early ? 'Check-in is not open yet' : 'The summit is over',
    detail: `${reason} Confirm to check this attendee in anyway.`,
  };
}

/**
 * A check-in outside its window: at the summit's desk, outside the summit's days and the evening before (more often a
 * code read at the wrong summit than an arrival); at a room door, outside its session's window (from 30 minutes before
 * the session starts until it ends: more often the wrong session chosen on the door's tablet). The desk shows why and
 * sends the request again with `confirm: true` if the organiser agrees.
 */
export class CheckInOutsideWindow extends DomainError {
  readonly status = 409;
  readonly slug = 'check-in-outside-window';
  readonly title: string;

  constructor(
    readonly timing: Exclude<CheckInTiming, 'open'>,
    readonly window: CheckInWindow,
    readonly summit: CheckInSummit,
    /** The room door scanned at; null at the summit's desk. */
    readonly door: Door | null = null,
  ) {
    const refused = outsideWindow(timing, window, summit, door);
    super(refused.detail);
    this.title = refused.title;
  }

  override get extensions(): Record<string, unknown> {
    return {
      checkIn: {
        timing: this.timing,
        opensAt: this.window.opensAt.toISOString(),
        closesAt: this.window.closesAt.toISOString(),
        timeZone: this.summit.timeZone,
      },
      ...(this.door ? { sessionId: this.door.id } : {}),
    };
  }
}

/**
 * A scan at the room door of a session that has none: not a session of the summit's latest published agenda (404), or
 * cancelled (409 `session-cancelled`, as elsewhere for a cancelled session). The problem names the session, so that the door's tablet can say to choose another.
 */
export class NoSuchDoor extends DomainError {
  readonly status: 404 | 409;
  readonly slug: 'not-found' | 'session-cancelled';
  readonly title: string;

  constructor(
    readonly sessionId: string,
    why: 'unknown' | 'cancelled',
  ) {
    super(
      why === 'unknown'
        ? `No session of the summit's published agenda has the id "${sessionId}".`
        : 'This session was cancelled: nobody is scanned in at its door.',
    );
    this.status = why === 'unknown' ? 404 : 409;
    this.slug = why === 'unknown' ? 'not-found' : 'session-cancelled';
    this.title = why === 'unknown' ? 'Not found' : 'This session was cancelled';
  }

  override get extensions(): Record<string, unknown> {
    return { sessionId: this.sessionId };
  }
}

export class RegistrationNotOpen extends refusal('registration-not-open', 'Registration is not open yet') {}
export class RegistrationClosed extends refusal('registration-closed', 'Registration has closed') {}
export class NoFreeSeat extends refusal('no-free-seat', 'There is no free seat') {}
export class OfferNotOpen extends refusal('offer-not-open', 'This offer is no longer open') {}
export class NotPending extends refusal('registration-not-pending', 'The registration is not waiting for approval') {}
export class AlreadyCancelled extends refusal('registration-cancelled', 'The registration is cancelled') {}
export class NotPromotable extends refusal('registration-not-promotable', 'The registration cannot be promoted') {}
export class NoSeatToCheckIn extends refusal('no-seat-to-check-in', 'This registration has no seat to check in to') {}
