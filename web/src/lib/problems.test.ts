import type { CheckInProblem, Problem } from '@apoc/shared';
import { PROBLEM_SLUGS, problemType, type ProblemSlug } from '@apoc/shared/problems';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { PROBLEM_MESSAGES } from './problem-messages';
import { localProblem, problemsReady } from './problems';

// The messages load with the first problem a page in another language meets; here, once for every test.
beforeAll(() => problemsReady('de'));

function problemOf(slug: ProblemSlug, extra: Partial<Problem> = {}): Problem {
  return {
    type: problemType(slug),
    title: 'The server’s title',
    status: 409,
    detail: 'The server’s detail.',
    ...extra,
  };
}

/** The sentence an English page would get, were it to use the messages (it keeps the server's words instead). */
function english(problem: Problem): string {
  const slug = PROBLEM_SLUGS.find((candidate) => problemType(candidate) === problem.type) as ProblemSlug;
  const said = PROBLEM_MESSAGES[slug]({ locale: 'en' }, problem, 'en');
  return typeof said === 'string' ? said : said.detail;
}

const HANGUL = /[\uac00-\ud7a3]/;

describe('problems in the page’s language', () => {
  it.each(PROBLEM_SLUGS)('says %s in German and Korean, in a sentence of their own', (slug) => {
    const problem = problemOf(slug);
    const german = localProblem(problem, 'de');
    const korean = localProblem(problem, 'ko');
    expect(german?.detail).toBeTruthy();
    expect(korean?.detail).toMatch(HANGUL);
    expect(german?.detail).not.toBe(english(problem));
    expect(korean?.detail).not.toBe(english(problem));
    expect(german?.detail).not.toContain('The server');
    expect(korean?.title).not.toContain('The server');
  });

  it('leaves every problem to the server’s words on an English page', () => {
    for (const slug of PROBLEM_SLUGS) expect(localProblem(problemOf(slug), 'en')).toBeUndefined();
  });

  it('leaves a problem of no known kind to the server’s words', () => {
    expect(localProblem({ type: 'about:blank', title: 'Bad Gateway', status: 502 }, 'de')).toBeUndefined();
    expect(
      localProblem({ type: 'https://apoc.invalid/problems/newer-kind', title: 'New', status: 409 }, 'ko'),
    ).toBeUndefined();
  });

  it('gives developers’ kinds one sentence, and a field’s validation no technical detail', () => {
    const sentences = new Set(
      (['malformed-json', 'unsupported-media-type', 'bad-content-length', 'upgrade-required'] as const).map(
        (slug) => localProblem(problemOf(slug), 'de')?.detail,
      ),
    );
    expect(sentences.size).toBe(1);
    const invalid = localProblem(
      problemOf('invalid-request', { detail: 'body/email must match format "email"' }),
      'de',
    );
    expect(invalid?.detail).toBe('Einige Angaben sind ungültig. Bitte prüfen Sie sie und versuchen Sie es erneut.');
  });

  it('says a rate limit’s 429 (a client error) as too many requests', () => {
    const limited = localProblem(problemOf('client-error', { status: 429, title: 'Too many requests' }), 'de');
    expect(limited?.detail).toBe(localProblem(problemOf('too-many-requests'), 'de')?.detail);
    expect(localProblem(problemOf('client-error', { status: 404 }), 'de')?.detail).not.toBe(limited?.detail);
  });

  it('writes a check-in’s window in the page’s locale, with a title of its own', () => {
    const checkIn = (timing: 'early' | 'late'): CheckInProblem => ({
      ...problemOf('check-in-outside-window'),
      checkIn: {
        timing,
        opensAt: '2027-03-08T15:00:00.000Z',
        closesAt: '2027-03-11T23:00:00.000Z',
        timeZone: 'Europe/Paris',
      },
    });
    const early = localProblem(checkIn('early'), 'de');
    expect(early?.title).toBe('Der Check-in ist noch nicht geöffnet');
    expect(early?.detail).toContain('8. März 2027');
    expect(early?.detail).toContain('16:00 (Paris)');
    const late = localProblem(checkIn('late'), 'ko');
    expect(late?.title).toBe('서밋이 종료되었습니다');
    expect(late?.detail).toContain('2027년 3월 11일');
    expect(late?.detail).toContain('(Paris)');
    const unknownWindow = localProblem(problemOf('check-in-outside-window'), 'de');
    expect(unknownWindow?.detail).toMatch(/^Der Check-in ist vom Vorabend/);
  });
});

describe('an ApiError on an English page', () => {
  it('keeps the server’s exact title and detail, and its detail also as serverDetail', () => {
    const error = new ApiError(
      problemOf('no-free-seat', { detail: 'There is no free seat: raise the capacity first.' }),
    );
    expect(error).toMatchObject({
      title: 'The server’s title',
      detail: 'There is no free seat: raise the capacity first.',
      serverDetail: 'There is no free seat: raise the capacity first.',
      message: 'There is no free seat: raise the capacity first.',
      kind: 'no-free-seat',
    });
  });

  it('keeps a problem without a detail as it came', () => {
    const error = new ApiError({
      type: problemType('client-error'),
      title: 'Too many requests: try again in 1 minute.',
      status: 429,
    });
    expect(error.detail).toBeUndefined();
    expect(error.serverDetail).toBeUndefined();
    expect(error.message).toBe('Too many requests: try again in 1 minute.');
  });
});
