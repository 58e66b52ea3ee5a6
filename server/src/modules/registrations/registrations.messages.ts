// The e-mails of registration, each written in the member's own time zone with the summit's beside it.
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { formatCalendarDate, formatMoment, zoneLabel, type AttendanceMode } from '@apoc/shared';
import { invitation, type Invitation } from '../calendar/calendar.ical';
import { drawnWhenSent, type AttachmentRenderer } from '../outbox/outbox.attachments';
import { renderMail } from '../outbox/outbox.layout';
import type { NewMessage, StoredAttachment } from '../outbox/outbox.repository';
import type { SummitRow } from '../summits/summits.repository';

export interface Recipient {
  name: string;
  email: string;
  timeZone: string;
}

export interface MessageContext {
  summit: SummitRow;
  publicUrl: URL;
  /** When the summit's first published session starts; null while none is scheduled. */
  firstSessionStart: Date | null;
}

/**
 * The check-in code as a QR image (PNG): black modules on white, `scale` pixels each, in a quiet zone
 * of `margin` modules. Each module row is drawn once and copied `scale` times.
 */
export function qrPng(text: string, scale = 8, margin = 4): Buffer {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = (modules.size + margin * 2) * scale;
  const png = new PNG({ width: size, height: size });
  const rowBytes = size * 4;
  const line = Buffer.alloc(rowBytes);
  for (let row = -margin; row < modules.size + margin; row++) {
    line.fill(255);
    if (row >= 0 && row < modules.size) {
      for (let col = 0; col < modules.size; col++) {
        if (modules.get(row, col) !== 1) continue;
        const left = (col + margin) * scale * 4;
        // Colour channels only: alpha stays opaque.
        for (let pixel = 0; pixel < scale; pixel++) line.fill(0, left + pixel * 4, left + pixel * 4 + 3);
      }
    }
    const top = (row + margin) * scale;
    for (let y = 0; y < scale; y++) line.copy(png.data, (top + y) * rowBytes);
  }
  return PNG.sync.write(png);
}

// Drawing the QR code and the invitation costs far more than the rest of a registration, so they are
// drawn when the confirmation is sent, from what the outbox stored in the registration's transaction.

/** The check-in QR code of a confirmation. */
export const checkInQrCode: AttachmentRenderer<{ code: string }> = {
  name: 'registration-check-in-qr',
  render: ({ code }) => qrPng(code),
};

/** What a confirmation's invitation is drawn from: the agenda is read when the mail is sent. */
export interface InvitationInput {
  summitId: string;
  attendee: { name: string; email: string };
}

/** The one-event invitation that confirmations queued before per-session invitations stored. */
type OneEventInvitation = Omit<Invitation, 'start' | 'end' | 'stamp'> & { start: string; end: string };

const INVITATION: Pick<AttachmentRenderer<InvitationInput>, 'name'> = { name: 'registration-summit-invitation' };

/** Writes a member's invitation from the summit's published agenda (see CalendarService.invitation). */
export type InvitationWriter = (summitId: string, attendee: { name: string; email: string }) => Promise<string>;

/**
 * The `METHOD:REQUEST` invitation of a confirmation, which adds the sessions the member attends to their
 * calendar. Drawn when sent, so it holds the agenda as it stands then; a confirmation queued by an
 * earlier version (one event over the summit's days) is still drawn as it was queued.
 */
export function summitInvitation(
  write: InvitationWriter,
  clock: () => Date,
): AttachmentRenderer<InvitationInput | OneEventInvitation> {
  return {
    name: INVITATION.name,
    render: async (stored) =>
      Buffer.from(
        'summitId' in stored
          ? await write(stored.summitId, stored.attendee)
          : invitation({ ...stored, start: new Date(stored.start), end: new Date(stored.end), stamp: clock() }),
      ),
  };
}

const MODE_WORDS: Record<AttendanceMode, string> = { in_person: 'in person', virtual: 'online' };

// A burst of registrations writes the same summit start in the same few zones over and over, and
// formatting through Intl costs more than the rest of a confirmation.
const written = new Map<string, string>();

/**
 * "Tue 19 Jan 2027, 21:00 (Seoul), which is Tue 19 Jan 2027, 07:00 (New York) summit time": a moment in
 * the member's zone, with the summit's beside it.
 */
export function bothZones(instant: Date, summitZone: string, viewerZone: string): string {
  const key = `${instant.getTime()}|${summitZone}|${viewerZone}`;
  let text = written.get(key);
  if (text === undefined) {
    const at = (zone: string) => formatMoment(instant, zone, 'en-GB');
    text = viewerZone === summitZone ? at(summitZone) : `${at(viewerZone)}, which is ${at(summitZone)} summit time`;
    if (written.size >= 1_000) written.clear();
    written.set(key, text);
  }
  return text;
}

/** When the summit starts for the member: its first session, or its first day while nothing is scheduled. */
function startSentence(context: MessageContext, recipient: Recipient): string {
  const { summit, firstSessionStart } = context;
  if (firstSessionStart) return `It starts ${bothZones(firstSessionStart, summit.timeZone, recipient.timeZone)}.`;
  return `It takes place from ${formatCalendarDate(summit.startDate, 'en-GB')} to ${formatCalendarDate(summit.endDate, 'en-GB')} (${zoneLabel(summit.timeZone)}); session times follow with the agenda.`;
}

const registrationsUrl = (context: MessageContext) => new URL('/me/registrations', context.publicUrl).toString();

function where(summit: SummitRow, mode: AttendanceMode): string {
  if (mode === 'virtual') return 'Online';
  return [summit.venueName, summit.venueAddress, summit.venueCity].filter(Boolean).join(', ');
}

export function confirmation(
  context: MessageContext,
  recipient: Recipient,
  registration: { mode: AttendanceMode; checkInCode: string },
  promoted: boolean,
): NewMessage {
  const { summit } = context;
  const attachments: StoredAttachment[] = [
    drawnWhenSent(INVITATION, 'invite.ics', 'text/calendar; charset=utf-8; method=REQUEST', {
      summitId: summit.id,
      attendee: { name: recipient.name, email: recipient.email },
    } satisfies InvitationInput),
  ];
  const paragraphs = [
    promoted
      ? `Good news: a seat has become free and your registration for ${summit.title} (${MODE_WORDS[registration.mode]}) is now confirmed.`
      : `Your registration for ${summit.title} (${MODE_WORDS[registration.mode]}) is confirmed.`,
    startSentence(context, recipient),
    registration.mode === 'in_person'
      ? `Where: ${where(summit, 'in_person')}. Show the attached QR code (or the code ${registration.checkInCode}) at the desk to check in.`
      : 'Join links appear on each session’s page shortly before it starts.',
    'The attached invitation adds its sessions to your calendar.',
  ];
  if (registration.mode === 'in_person') {
    attachments.push(drawnWhenSent(checkInQrCode, 'check-in.png', 'image/png', { code: registration.checkInCode }));
  }
  return {
    kind: promoted ? 'registration-promoted' : 'registration-confirmed',
    recipient: recipient.email,
    subject: `${promoted ? 'You have a seat' : 'Registration confirmed'}: ${summit.title}`,
    ...renderMail({
      greeting: `Dear ${recipient.name},`,
      paragraphs,
      action: { label: 'See my registrations', url: registrationsUrl(context) },
    }),
    attachments,
  };
}

export function waitlisted(
  context: MessageContext,
  recipient: Recipient,
  mode: AttendanceMode,
  position: number,
): NewMessage {
  return {
    kind: 'registration-waitlisted',
    recipient: recipient.email,
    subject: `You are on the waitlist: ${context.summit.title}`,
    ...renderMail({
      greeting: `Dear ${recipient.name},`,
      paragraphs: [
        `${context.summit.title} is full (${MODE_WORDS[mode]}), so you are on the waitlist, number ${position} in line.`,
        mode === 'in_person'
          ? 'When a seat frees up and you are first in line, we will e-mail you an offer to accept within a set time.'
          : 'When a place frees up and you are first in line, your registration is confirmed at once and we will tell you.',
      ],
      action: { label: 'See my place in line', url: registrationsUrl(context) },
    }),
  };
}

export function offer(context: MessageContext, recipient: Recipient, expiresAt: Date): NewMessage {
  return {
    kind: 'registration-offer',
    recipient: recipient.email,
    subject: `A seat is yours if you want it: ${context.summit.title}`,
    ...renderMail({
      greeting: `Dear ${recipient.name},`,
      paragraphs: [
        `An in-person seat at ${context.summit.title} has become free and you are first in line.`,
        `Accept or decline it by ${bothZones(expiresAt, context.summit.timeZone, recipient.timeZone)}. After that the seat passes to the next person in line.`,
      ],
      action: { label: 'Accept or decline the seat', url: registrationsUrl(context) },
    }),
  };
}

export function pending(context: MessageContext, recipient: Recipient): NewMessage {
  return {
    kind: 'registration-pending',
    recipient: recipient.email,
    subject: `Registration received: ${context.summit.title}`,
    ...renderMail({
      greeting: `Dear ${recipient.name},`,
      paragraphs: [
        `The organisers review registrations for ${context.summit.title}; we will e-mail you once yours is approved.`,
      ],
      action: { label: 'See my registrations', url: registrationsUrl(context) },
    }),
  };
}

export function cancelled(context: MessageContext, recipient: Recipient, reason: string): NewMessage {
  return {
    kind: 'registration-cancelled',
    recipient: recipient.email,
    subject: `Registration cancelled: ${context.summit.title}`,
    ...renderMail({
      greeting: `Dear ${recipient.name},`,
      paragraphs: [
        `Your registration for ${context.summit.title} is cancelled${reason ? `: ${reason}` : '.'}`,
        'You can register again at any time while registration is open.',
      ],
      action: { label: 'See the summit', url: new URL(`/summits/${context.summit.id}`, context.publicUrl).toString() },
    }),
  };
}
