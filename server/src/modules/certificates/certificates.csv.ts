// Credits and evaluations as spreadsheets for the accrediting body's reports: one line per member with the credits of
// each session, and the evaluation's aggregates (never a name beside an answer).
import type { CreditsReport, EvaluationResults } from '@apoc/shared';
import { spreadsheetCsv } from '../../spreadsheet';

const number = (value: number | null) => (value === null ? '' : String(value));

/** One line per member: the credits earned in each session (empty where not earned), the total, the certificate. */
export function creditsCsv(report: CreditsReport): string {
  return spreadsheetCsv(
    [
      'member',
      'institution',
      'mode',
      ...report.sessions.map((session) => `${session.title} (${session.startsAt})`),
      `total (${report.creditName})`,
      'evaluation submitted',
      'certificate',
      'certificate status',
    ],
    report.rows.map((row) => {
      const earned = new Set(row.sessions.filter((session) => session.earned).map((session) => session.sessionId));
      return [
        row.name,
        row.institution ?? 'guest',
        row.mode ?? '',
        ...report.sessions.map((session) => (earned.has(session.sessionId) ? String(session.credits) : '')),
        String(row.earnedCredits),
        row.evaluationSubmitted ? 'yes' : 'no',
        row.certificate?.code ?? '',
        row.certificate?.status ?? '',
      ];
    }),
  );
}

/** The questions' and sessions' ratings (how many gave 1 to 5, and the average), then the comments. */
export function evaluationCsv(results: EvaluationResults): string {
  return spreadsheetCsv(
    ['kind', 'text', 'responses', 'average', 'rated 1', 'rated 2', 'rated 3', 'rated 4', 'rated 5'],
    [
      ...results.questions.map((question) => [
        'question',
        question.text,
        String(question.responses),
        number(question.average),
        ...question.counts.map(String),
      ]),
      ...results.sessions.map((session) => [
        'session',
        session.title,
        String(session.responses),
        number(session.average),
        '',
        '',
        '',
        '',
        '',
      ]),
      ...results.comments.map((comment) => ['comment', comment, '', '', '', '', '', '', '']),
    ],
  );
}
