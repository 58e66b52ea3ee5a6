// The announcement as an e-mail: which summit, the title, the organiser's words, a link to the summit.
import type { AnnouncementAudience } from '@apoc/shared';
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

const BLOCK_LINE = /^\s{0,3}(?:[-*+]|\d{1,9}[.)]|#{1,3})\s+/;

/**
 * The body's paragraphs for the mail layout, which has paragraphs only. Markdown reads well as plain
 * text, so the words stay as written; but blank lines separate paragraphs, and the lines of lists and
 * headings get a paragraph each, so that they do not run together into one line in the HTML part.
 */
export function bodyParagraphs(body: string): string[] {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.split('\n').map((line) => line.trimEnd()))
    .flatMap((lines) => (lines.some((line) => BLOCK_LINE.test(line)) ? lines : [lines.join('\n')]))
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
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
        ...bodyParagraphs(context.body),
        `— ${context.authorName}, for the organisers`,
      ],
      action: { label: 'See the summit', url: summitUrl },
      footnotes: [`You receive this because you hold a place at ${context.summit.title}.`],
    }),
  };
}
