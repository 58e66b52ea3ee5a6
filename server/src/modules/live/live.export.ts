// A session's questions after the event, for its moderators: most voted first, with who asked (anonymous
// questions too: moderators always know), the status, and times as wall-clock times in the summit's zone.
import { localDate, localTime } from '@apoc/shared';
import { spreadsheetCsv } from '../../spreadsheet';
import type { QuestionRow } from './live.repository';

export interface QuestionsExport {
  title: string;
  timeZone: string;
  questions: QuestionRow[];
}

const byVotes = (questions: QuestionRow[]) =>
  [...questions].sort((a, b) => b.votes - a.votes || a.createdAt.getTime() - b.createdAt.getTime());

const wallClock = (instant: Date | null, zone: string) =>
  instant ? `${localDate(instant, zone)} ${localTime(instant, zone)}` : '';

export function questionsCsv({ timeZone, questions }: QuestionsExport): string {
  return spreadsheetCsv(
    ['votes', 'question', 'status', 'asked by', 'anonymous', 'asked at', 'answered at', 'time zone'],
    byVotes(questions).map((question) => [
      String(question.votes),
      question.text,
      question.status,
      question.authorName,
      question.anonymous ? 'yes' : 'no',
      wallClock(question.createdAt, timeZone),
      wallClock(question.answeredAt, timeZone),
      timeZone,
    ]),
  );
}

/**
 * Text of attendees, made inert: on one line, so it cannot start a heading or a list, and with what makes
 * emphasis, code, links, images, tables or HTML escaped.
 */
function inert(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/([\\`*_[\]<>!|~])/g, '\\$1');
}

export function questionsMarkdown({ title, timeZone, questions }: QuestionsExport): string {
  const lines = [`# Questions: ${inert(title)}`, '', `Times in ${timeZone}; most voted first.`, ''];
  if (questions.length === 0) lines.push('No questions were asked.');
  byVotes(questions).forEach((question, index) => {
    const votes = `${question.votes} vote${question.votes === 1 ? '' : 's'}`;
    const who = `${inert(question.authorName)}${question.anonymous ? ' (anonymous to attendees)' : ''}`;
    lines.push(`${index + 1}. **${votes}**, ${question.status}: ${inert(question.text)}`);
    lines.push(`   — ${who}, ${wallClock(question.createdAt, timeZone)}`);
  });
  return `${lines.join('\n')}\n`;
}
