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

/**
 * A check-in outside the summit's days and the evening before: more often a code read at the wrong summit
 * than an arrival. The desk shows why and sends the request again with `confirm: true` if the organiser agrees.
 */
export class CheckInOutsideWindow extends DomainError {
  readonly status = 409;
  readonly slug = 'check-in-outside-window';
  readonly title: string;

  constructor(
    readonly timing: Exclude<CheckInTiming, 'open'>,
    readonly window: CheckInWindow,
    readonly summit: CheckInSummit,
  ) {
    const zone = summit.timeZone;
    const reason =
      timing === 'early'
        ? `Check-in opens on ${when(window.opensAt, zone)} (${zone}), the evening before the summit.`
        : `The summit ended on ${formatCalendarDate(summit.endDate, 'en-GB')} (${zone}): check-in is closed.`;
    super(`${reason} Confirm to check this attendee in anyway.`);
    this.title = timing === 'early' ? 'Check-in is not open yet' : 'The summit is over';
  }

  override get extensions(): Record<string, unknown> {
    return {
      checkIn: {
        timing: this.timing,
        opensAt: this.window.opensAt.toISOString(),
        closesAt: this.window.closesAt.toISOString(),
        timeZone: this.summit.timeZone,
      },
    };
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
