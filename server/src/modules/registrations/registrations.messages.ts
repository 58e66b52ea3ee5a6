// The e-mails of registration, each written in the member's own language and time zone, with the summit's time
// beside theirs.
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { formatCalendarDate, formatMoment, zoneLabel, type AttendanceMode, type Language } from '@apoc/shared';
import { languageOf, m } from '../../i18n/locale';
import { invitation, type Invitation } from '../calendar/calendar.ical';
import { drawnWhenSent, type AttachmentRenderer } from '../outbox/outbox.attachments';
import { mailLocale, renderMail } from '../outbox/outbox.layout';
import type { NewMessage, StoredAttachment } from '../outbox/outbox.repository';
import type { SummitRow } from '../summits/summits.repository';

export interface Recipient {
  name: string;
  email: string;
  timeZone: string;
  /** The member's language ('en', 'fr', …); null or absent: English. */
  language?: string | null;
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
  /** The attendee's language, for the invitation's own words; absent in confirmations queued before it: English. */
  language?: Language;
}

/** The one-event invitation that confirmations queued before per-session invitations stored. */
type OneEventInvitation = Omit<Invitation, 'start' | 'end' | 'stamp'> & { start: string; end: string };

const INVITATION: Pick<AttachmentRenderer<InvitationInput>, 'name'> = { name: 'registration-summit-invitation' };

/** Writes a member's invitation from the summit's published agenda (see CalendarService.invitation). */
export type InvitationWriter = (
  summitId: string,
  attendee: { name: string; email: string },
  language: Language,
) => Promise<string>;

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
          ? await write(stored.summitId, stored.attendee, languageOf(stored.language))
          : invitation({ ...stored, start: new Date(stored.start), end: new Date(stored.end), stamp: clock() }),
      ),
  };
}

const modeWords = (mode: AttendanceMode, locale: Language) =>
  mode === 'in_person' ? m.mail_mode_in_person({}, { locale }) : m.mail_mode_online({}, { locale });

// A burst of registrations writes the same summit start in the same few zones over and over, and
// formatting through Intl costs more than the rest of a confirmation.
const written = new Map<string, string>();

/**
 * "Tue 19 Jan 2027, 21:00 (Seoul), which is Tue 19 Jan 2027, 07:00 (New York) summit time": a moment in
 * the member's zone, with the summit's beside it, in the member's language.
 */
export function bothZones(instant: Date, summitZone: string, viewerZone: string, language: Language = 'en'): string {
  const key = `${instant.getTime()}|${summitZone}|${viewerZone}|${language}`;
  let text = written.get(key);
  if (text === undefined) {
    const at = (zone: string) => formatMoment(instant, zone, mailLocale(language));
    text =
      viewerZone === summitZone
        ? at(summitZone)
        : m.mail_both_zones({ here: at(viewerZone), there: at(summitZone) }, { locale: language });
    if (written.size >= 1_000) written.clear();
    written.set(key, text);
  }
  return text;
}

/** When the summit starts for the member: its first session, or its first day while nothing is scheduled. */
function startSentence(context: MessageContext, recipient: Recipient, locale: Language): string {
  const { summit, firstSessionStart } = context;
  if (firstSessionStart) {
    return m.mail_starts(
      { when: bothZones(firstSessionStart, summit.timeZone, recipient.timeZone, locale) },
      { locale },
    );
  }
  const date = (day: string) => formatCalendarDate(day, mailLocale(locale));
  return m.mail_takes_place(
    { start: date(summit.startDate), end: date(summit.endDate), zone: zoneLabel(summit.timeZone, mailLocale(locale)) },
    { locale },
  );
}

const registrationsUrl = (context: MessageContext) => new URL('/me/registrations', context.publicUrl).toString();

const venue = (summit: SummitRow): string =>
  [summit.venueName, summit.venueAddress, summit.venueCity].filter(Boolean).join(', ');

const greeting = (recipient: Recipient, locale: Language) => m.mail_greeting_dear({ name: recipient.name }, { locale });

export function confirmation(
  context: MessageContext,
  recipient: Recipient,
  registration: { mode: AttendanceMode; checkInCode: string },
  promoted: boolean,
): NewMessage {
  const { summit } = context;
  const locale = languageOf(recipient.language);
  const attachments: StoredAttachment[] = [
    drawnWhenSent(INVITATION, 'invite.ics', 'text/calendar; charset=utf-8; method=REQUEST', {
      summitId: summit.id,
      attendee: { name: recipient.name, email: recipient.email },
      language: locale,
    } satisfies InvitationInput),
  ];
  const about = { summit: summit.title, mode: modeWords(registration.mode, locale) };
  const paragraphs = [
    promoted ? m.mail_promoted_intro(about, { locale }) : m.mail_confirmed_intro(about, { locale }),
    startSentence(context, recipient, locale),
    registration.mode === 'in_person'
      ? m.mail_where_check_in({ place: venue(summit), code: registration.checkInCode }, { locale })
      : m.mail_join_links({}, { locale }),
    m.mail_invitation_attached({}, { locale }),
  ];
  if (registration.mode === 'in_person') {
    attachments.push(drawnWhenSent(checkInQrCode, 'check-in.png', 'image/png', { code: registration.checkInCode }));
  }
  return {
    kind: promoted ? 'registration-promoted' : 'registration-confirmed',
    recipient: recipient.email,
    subject: promoted
      ? m.mail_promoted_subject({ summit: summit.title }, { locale })
      : m.mail_confirmed_subject({ summit: summit.title }, { locale }),
    ...renderMail({
      language: locale,
      greeting: greeting(recipient, locale),
      paragraphs,
      action: { label: m.mail_see_registrations({}, { locale }), url: registrationsUrl(context) },
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
  const locale = languageOf(recipient.language);
  const summit = context.summit.title;
  return {
    kind: 'registration-waitlisted',
    recipient: recipient.email,
    subject: m.mail_waitlisted_subject({ summit }, { locale }),
    ...renderMail({
      language: locale,
      greeting: greeting(recipient, locale),
      paragraphs: [
        m.mail_waitlisted_intro({ summit, mode: modeWords(mode, locale), position }, { locale }),
        mode === 'in_person' ? m.mail_waitlisted_in_person({}, { locale }) : m.mail_waitlisted_online({}, { locale }),
      ],
      action: { label: m.mail_waitlisted_action({}, { locale }), url: registrationsUrl(context) },
    }),
  };
}

export function offer(context: MessageContext, recipient: Recipient, expiresAt: Date): NewMessage {
  const locale = languageOf(recipient.language);
  const summit = context.summit.title;
  const when = bothZones(expiresAt, context.summit.timeZone, recipient.timeZone, locale);
  return {
    kind: 'registration-offer',
    recipient: recipient.email,
    subject: m.mail_offer_subject({ summit }, { locale }),
    ...renderMail({
      language: locale,
      greeting: greeting(recipient, locale),
      paragraphs: [m.mail_offer_intro({ summit }, { locale }), m.mail_offer_deadline({ when }, { locale })],
      action: { label: m.mail_offer_action({}, { locale }), url: registrationsUrl(context) },
    }),
  };
}

export function pending(context: MessageContext, recipient: Recipient): NewMessage {
  const locale = languageOf(recipient.language);
  const summit = context.summit.title;
  return {
    kind: 'registration-pending',
    recipient: recipient.email,
    subject: m.mail_pending_subject({ summit }, { locale }),
    ...renderMail({
      language: locale,
      greeting: greeting(recipient, locale),
      paragraphs: [m.mail_pending_intro({ summit }, { locale })],
      action: { label: m.mail_see_registrations({}, { locale }), url: registrationsUrl(context) },
    }),
  };
}

/**
 * The reasons the platform itself gives for a cancellation (an organiser's own reason goes out as written). They
 * are kept in English in the audit log, and written in the member's language in the mail.
 */
export const CANCEL_REASONS = {
  declined: 'you declined the offered seat',
  expired: 'the offered seat was not accepted in time',
  rejected: 'the organisers could not accept it',
  erased: 'Personal data erased.',
} as const;

const reasonWords = new Map<string, (locale: Language) => string>([
  [CANCEL_REASONS.declined, (locale) => m.mail_reason_declined({}, { locale })],
  [CANCEL_REASONS.expired, (locale) => m.mail_reason_expired({}, { locale })],
  [CANCEL_REASONS.rejected, (locale) => m.mail_reason_rejected({}, { locale })],
  [CANCEL_REASONS.erased, (locale) => m.mail_reason_erased({}, { locale })],
]);

export function cancelled(context: MessageContext, recipient: Recipient, reason: string): NewMessage {
  const locale = languageOf(recipient.language);
  const summit = context.summit.title;
  const why = reasonWords.get(reason)?.(locale) ?? reason;
  return {
    kind: 'registration-cancelled',
    recipient: recipient.email,
    subject: m.mail_cancelled_subject({ summit }, { locale }),
    ...renderMail({
      language: locale,
      greeting: greeting(recipient, locale),
      paragraphs: [
        why
          ? m.mail_cancelled_intro_reason({ summit, reason: why }, { locale })
          : m.mail_cancelled_intro({ summit }, { locale }),
        m.mail_cancelled_again({}, { locale }),
      ],
      action: {
        label: m.mail_see_summit({}, { locale }),
        url: new URL(`/summits/${context.summit.id}`, context.publicUrl).toString(),
      },
    }),
  };
}
