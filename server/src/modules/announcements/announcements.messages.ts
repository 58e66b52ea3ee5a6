// The announcement as an e-mail: which summit, the title, the organiser's words, a link to the summit.
import type { AnnouncementAudience } from '@apoc/shared';
import { markdownHtml, markdownText } from '@apoc/shared/markdown';
import { renderMail } from '../outbox/outbox.layout';
import type { NewMessage } from '../outbox/outbox.repository';
import { audienceWords } from './announcements.audience';

export interface AnnouncementContext {
  summit: { id: string; title: string };
  title: string;
  /** Markdown, as the organiser wrote it. */
  body: string;
  audience: AnnouncementAudience;
  institutionName: string | null;
  authorName: string;
  publicUrl: URL;
}

export function announcement(context: AnnouncementContext, recipient: { name: string; email: string }): NewMessage {
  const summitUrl = new URL(`/summits/${encodeURIComponent(context.summit.id)}`, context.publicUrl).toString();
  return {
    kind: 'announcement',
    recipient: recipient.email,
    subject: `${context.summit.title}: ${context.title}`,
    ...renderMail({
      greeting: `Dear ${recipient.name},`,
      paragraphs: [
        `The organisers of ${context.summit.title} write to ${audienceWords(context.audience, context.institutionName)}:`,
        context.title,
        // Lists, bold and links as HTML in the HTML part; the same words without markup in the text part.
        { text: markdownText(context.body), html: markdownHtml(context.body) },
        `— ${context.authorName}, for the organisers`,
      ],
      action: { label: 'See the summit', url: summitUrl },
      footnotes: [`You receive this because you hold a place at ${context.summit.title}.`],
    }),
  };
}
