// The mail that tells a member their certificate of attendance is ready, or that the evaluation stands before it, in
// their own language.
import { formatCalendarDate, type Language } from '@apoc/shared';
import { languageOf, m } from '../../i18n/locale';
import { mailLocale, renderMail } from '../outbox/outbox.layout';
import type { NewMessage } from '../outbox/outbox.repository';

/** Whom the mail goes to. */
export interface CertificateRecipient {
  name: string;
  email: string;
  language: string | null;
}

/** What the mail says of the summit and of the credits, and where it links to. */
export interface CertificateNews {
  /** The summit's title, as translated into each language (the original where none is). */
  summitTitle: (language: Language) => string;
  hours: number;
  creditName: string;
  /** For a certificate of one day. */
  day: string | null;
  /** The member's registrations, where the certificate is listed. */
  registrationsUrl: string;
  /** The PDF itself (a signed-in download). */
  downloadUrl: string;
  evaluationUrl: string;
}

const hoursIn = (hours: number, locale: Language) =>
  new Intl.NumberFormat(mailLocale(locale), { maximumFractionDigits: 2 }).format(hours);

/** "Your certificate is ready", with a link to the member's registrations and to the download. */
export function certificateReady(recipient: CertificateRecipient, news: CertificateNews): NewMessage {
  const locale = languageOf(recipient.language);
  const about = { summit: news.summitTitle(locale), hours: hoursIn(news.hours, locale), creditName: news.creditName };
  const intro = news.day
    ? m.mail_certificate_ready_day_intro(
        { ...about, date: formatCalendarDate(news.day, mailLocale(locale)) },
        { locale },
      )
    : m.mail_certificate_ready_intro(about, { locale });
  return {
    kind: 'certificate-ready',
    recipient: recipient.email,
    subject: m.mail_certificate_ready_subject({ summit: about.summit }, { locale }),
    ...renderMail({
      language: locale,
      greeting: m.mail_greeting_dear({ name: recipient.name }, { locale }),
      paragraphs: [intro, m.mail_certificate_download({ url: news.downloadUrl }, { locale })],
      action: { label: m.mail_see_registrations({}, { locale }), url: news.registrationsUrl },
      footnotes: [m.mail_certificate_verify_note({}, { locale })],
    }),
  };
}

/** "Fill in the evaluation to receive your certificate", with a link to the form. */
export function evaluationNeeded(recipient: CertificateRecipient, news: CertificateNews): NewMessage {
  const locale = languageOf(recipient.language);
  const about = { summit: news.summitTitle(locale), hours: hoursIn(news.hours, locale), creditName: news.creditName };
  return {
    kind: 'certificate-evaluation',
    recipient: recipient.email,
    subject: m.mail_evaluation_subject({ summit: about.summit }, { locale }),
    ...renderMail({
      language: locale,
      greeting: m.mail_greeting_dear({ name: recipient.name }, { locale }),
      paragraphs: [m.mail_evaluation_intro(about, { locale }), m.mail_evaluation_anonymous({}, { locale })],
      action: { label: m.mail_evaluation_action({}, { locale }), url: news.evaluationUrl },
    }),
  };
}
