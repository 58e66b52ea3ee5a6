// The announcement as an e-mail, in the recipient's language: which summit, the title, the organiser's words (in
// the recipient's language where the organiser gave them, else as written), a link to the summit.
import type { AnnouncementAudience, AnnouncementTranslations, Language } from '@apoc/shared';
import { markdownHtml, markdownText } from '@apoc/shared/markdown';
import { languageOf, m } from '../../i18n/locale';
import { renderMail } from '../outbox/outbox.layout';
import type { NewMessage } from '../outbox/outbox.repository';
import { wordsIn } from './announcements.translations';

export interface AnnouncementContext {
  summit: { id: string; title: string };
  title: string;
  /** Markdown, as the organiser wrote it. */
  body: string;
  /** The title and body in other languages; none: everyone reads them as written. */
  translations?: AnnouncementTranslations;
  audience: AnnouncementAudience;
  institutionName: string | null;
  authorName: string;
  publicUrl: URL;
}

/** "The organisers of Essen Summit write to everyone attending online:": whom the announcement is written to. */
function addressed(context: AnnouncementContext, locale: Language): string {
  const summit = context.summit.title;
  switch (context.audience) {
    case 'all':
      return m.mail_announcement_to_all({ summit }, { locale });
    case 'in_person':
      return m.mail_announcement_to_in_person({ summit }, { locale });
    case 'virtual':
      return m.mail_announcement_to_online({ summit }, { locale });
    case 'institution':
      return context.institutionName === null
        ? m.mail_announcement_to_one_institution({ summit }, { locale })
        : m.mail_announcement_to_institution({ summit, institution: context.institutionName }, { locale });
  }
}

export function announcement(
  context: AnnouncementContext,
  recipient: { name: string; email: string; language?: string | null },
): NewMessage {
  const locale = languageOf(recipient.language);
  const { title, body } = wordsIn(context, context.translations ?? {}, locale);
  const summitUrl = new URL(`/summits/${encodeURIComponent(context.summit.id)}`, context.publicUrl).toString();
  return {
    kind: 'announcement',
    recipient: recipient.email,
    subject: m.mail_announcement_subject({ summit: context.summit.title, title }, { locale }),
    ...renderMail({
      language: locale,
      greeting: m.mail_greeting_dear({ name: recipient.name }, { locale }),
      paragraphs: [
        addressed(context, locale),
        title,
        // Lists, bold and links as HTML in the HTML part; the same words without markup in the text part.
        { text: markdownText(body), html: markdownHtml(body) },
        m.mail_announcement_signed({ author: context.authorName }, { locale }),
      ],
      action: { label: m.mail_see_summit({}, { locale }), url: summitUrl },
      footnotes: [m.mail_announcement_footnote({ summit: context.summit.title }, { locale })],
    }),
  };
}
