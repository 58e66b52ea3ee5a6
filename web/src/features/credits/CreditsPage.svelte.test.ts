import type { Accreditation, CreditsReport, EvaluationResults, SummitDetail } from '@apoc/shared';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { router } from '../../lib/router.svelte';
import { summit } from '../../testing/fixtures';
import CreditsPage from './CreditsPage.svelte';

const accreditation: Accreditation = {
  statement: 'Accredited by the EACCME® with 6 ECMEC®s.',
  creditName: 'ECMEC®s',
  signatoryName: 'Dr Ana Souza',
  signatoryTitle: 'Chair, Scientific Committee',
  minimumPercent: 80,
  issue: 'end',
  evaluation: { required: true, questions: ['Met its objectives'] },
};

const keynote = {
  sessionId: 'keynote',
  title: 'Keynote',
  startsAt: '2027-03-09T09:00:00.000Z',
  endsAt: '2027-03-09T10:00:00.000Z',
  credits: 1,
};

const member = (earnedCredits: number): CreditsReport['rows'][number] => ({
  memberId: 'm-kim',
  name: '김민준',
  institution: 'Asan Medical Center',
  mode: 'virtual',
  earnedCredits,
  sessions: [
    { sessionId: 'keynote', minutesPresent: earnedCredits ? 55 : null, checkedIn: false, earned: earnedCredits > 0 },
  ],
  evaluationSubmitted: false,
  certificate: null,
});

const noAnswers: EvaluationResults = { responses: 0, questions: [], sessions: [], comments: [] };

describe('<CreditsPage>', () => {
  let component: ReturnType<typeof mount> | undefined;
  let answers: Record<string, unknown> = {};
  const fetch = vi.fn((path: string) => {
    const body = answers[path];
    return Promise.resolve(
      body === undefined
        ? new Response(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404 }), {
            status: 404,
            headers: { 'content-type': 'application/problem+json' },
          })
        : new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }),
    );
  });

  beforeEach(() => router.navigate('/organise/summits/summit-1/credits'));

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
    fetch.mockClear();
  });

  async function render(detail: SummitDetail, report?: CreditsReport, results?: EvaluationResults) {
    answers = {
      '/api/summits/summit-1': detail,
      '/api/summits/summit-1/credits': report,
      '/api/summits/summit-1/evaluation/results': results,
    };
    vi.stubGlobal('fetch', fetch);
    component = mount(CreditsPage, { target: document.body });
    await vi.waitFor(() => {
      flushSync();
      expect(document.querySelector('[data-testid="credits-section"] [aria-busy], .loading')).toBeNull();
      expect(document.querySelector('[data-testid="credits-section"]')).not.toBeNull();
    });
    flushSync();
  }

  const heading = (section: string) =>
    document.querySelector(`[data-testid="${section}"] .empty-title`)?.textContent?.trim();
  const paths = () => fetch.mock.calls.map(([path]) => path);

  it('before any accreditation, opens its form and says to turn it on, without asking for a report', async () => {
    await render(summit({ accreditation: null }));
    expect(heading('credits-section')).toBe('This summit is not accredited yet');
    expect(document.querySelector<HTMLDetailsElement>('details')?.open).toBe(true);
    expect(document.querySelector('[data-testid="evaluation-section"]')).toBeNull();
    expect(paths()).toEqual(['/api/summits/summit-1']);
    // The Credits tab is the current one.
    expect(document.querySelector('a[aria-current="page"]')?.getAttribute('href')).toBe(
      '/organise/summits/summit-1/credits',
    );
  });

  it('sends the organiser to the agenda builder while no session gives credits', async () => {
    await render(
      summit({ accreditation }),
      { summitId: 'summit-1', creditName: 'ECMEC®s', sessions: [], rows: [] },
      noAnswers,
    );
    expect(heading('credits-section')).toBe('No session gives credits yet');
    expect(document.querySelector('[data-testid="credits-section"] a.button-primary')?.getAttribute('href')).toBe(
      '/organise/summits/summit-1/agenda',
    );
    // The fold is closed once the accreditation is set, and says what it is.
    expect(document.querySelector<HTMLDetailsElement>('details')?.open).toBe(false);
    expect(document.querySelector('summary')?.textContent).toContain(
      'On: ECMEC®s, from 80% of a session in its live room',
    );
  });

  it('says nobody has earned credits yet before the summit, and that no evaluation is in', async () => {
    const report = { summitId: 'summit-1', creditName: 'ECMEC®s', sessions: [keynote], rows: [member(0)] };
    await render(summit({ accreditation }), report, noAnswers);
    expect(heading('credits-section')).toBe('Nobody has earned credits yet');
    await vi.waitFor(() => expect(heading('evaluation-section')).toBe('No evaluation has been filled in yet'));
  });

  it('shows who earned what, and the evaluation’s charts, ranked sessions and comments, with their CSVs', async () => {
    const report = { summitId: 'summit-1', creditName: 'ECMEC®s', sessions: [keynote], rows: [member(1)] };
    const results: EvaluationResults = {
      responses: 4,
      questions: [{ text: 'Met its objectives', responses: 4, average: 4.25, counts: [0, 0, 1, 1, 2] }],
      sessions: [
        { sessionId: 'panel', title: 'Panel', responses: 2, average: 3.5 },
        { sessionId: 'keynote', title: 'Keynote', responses: 4, average: 4.5 },
      ],
      comments: ['More time for questions, please.'],
    };
    await render(summit({ accreditation }), report, results);
    expect(document.querySelector('[data-testid="credits-offered"]')?.textContent).toBe('1');
    expect(document.querySelector('[data-testid="credits-report"] tbody tr')?.textContent).toContain('김민준');
    expect(document.querySelector('a[href="/api/summits/summit-1/credits.csv"]')).not.toBeNull();

    await vi.waitFor(() => expect(document.querySelector('[data-testid="question-chart"]')).not.toBeNull());
    const chart = document.querySelector('[data-testid="question-chart"]')!;
    expect(chart.querySelector('figcaption')?.textContent).toContain('Average 4.3 of 5');
    expect(chart.querySelectorAll('svg rect')).toHaveLength(5);
    // The picture is hidden from screen readers, which read the table of the same numbers.
    expect(chart.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    const rows = [...chart.querySelectorAll('table tbody tr')].map((line) =>
      [...line.children].map((cell) => cell.textContent),
    );
    expect(rows).toEqual([
      ['1', '0', '0%'],
      ['2', '0', '0%'],
      ['3', '1', '25%'],
      ['4', '1', '25%'],
      ['5', '2', '50%'],
    ]);
    expect(
      [...document.querySelectorAll('[data-testid="session-averages"] tbody th')].map((cell) => cell.textContent),
    ).toEqual(['Keynote', 'Panel']);
    expect(document.querySelector('[data-testid="comments"]')?.textContent).toContain(
      'More time for questions, please.',
    );
    expect(document.querySelector('a[href="/api/summits/summit-1/evaluation.csv"]')).not.toBeNull();
    // Each is read once: an answer is no reason to read again.
    expect(paths().filter((path) => path === '/api/summits/summit-1/credits')).toHaveLength(1);
    expect(paths().filter((path) => path === '/api/summits/summit-1/evaluation/results')).toHaveLength(1);
  });
});
