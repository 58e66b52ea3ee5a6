// What people read of the API's problems (RFC 9457), in the page's language. The server writes its problems in
// English, for every client and for its logs; a page in another language says each kind of problem (its `type`,
// from the closed list in @apoc/shared) with a message of its own instead (problem-messages.ts, loaded with the
// first problem met). An English page keeps the server's words, which are often more precise (they name the
// summit, the field, the time).
import type { Problem } from '@apoc/shared';
import type { Language } from '@apoc/shared/domain';
import { problemSlug, type ProblemSlug } from '@apoc/shared/problems';
import type { LocalProblem, Say } from './problem-messages';

export type { LocalProblem } from './problem-messages';

let messages: Record<ProblemSlug, Say> | undefined;

/**
 * Loads the problems' messages for a page in another language (an English page needs none). The API client awaits
 * it before it reads a problem, so a problem is always said in the page's language.
 */
export async function problemsReady(language: Language): Promise<void> {
  if (language === 'en' || messages) return;
  messages = (await import('./problem-messages')).PROBLEM_MESSAGES;
}

/**
 * The problem in `language`, or undefined where the server's own words are shown: on an English page, until
 * `problemsReady` has loaded the messages, and for a problem of no known kind (`about:blank`, a proxy's answer, a
 * kind newer than this page). Dates are written in `dateLocale` (the page's `formatLocale`, which may carry the
 * browser's region).
 */
export function localProblem(
  problem: Problem,
  language: Language,
  dateLocale: string = language,
): LocalProblem | undefined {
  if (language === 'en') return undefined;
  const slug = problemSlug(problem.type);
  if (!slug || !messages) return undefined;
  const said = messages[slug]({ locale: language }, problem, dateLocale);
  return typeof said === 'string' ? { title: said, detail: said } : said;
}
