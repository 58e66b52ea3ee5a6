import type { EvaluationAnswer, EvaluationForm } from '@apoc/shared';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { viewerTimeZone } from '@apoc/shared/time';
import { formatInstant } from '../../lib/instant';
import { router } from '../../lib/router.svelte';
import { myCredits, summit } from '../../testing/fixtures';
import { jsonResponse, settle } from '../../testing/http';
import EvaluationPage from './EvaluationPage.svelte';

// The London summit (9–10 March 2027) is over; the member attended the keynote and the panel.
const NOW = new Date('2027-03-11T09:00:00Z');

const form: EvaluationForm = {
  required: true,
  questions: ['The summit met its stated objectives', 'The content was free of commercial bias'],
  sessions: [
    { sessionId: 'keynote', title: 'Keynote: ctDNA in practice' },
    { sessionId: 'panel', title: 'Panel: access to trials' },
  ],
  submitted: null,
  opensAt: '2027-03-09T09:00:00.000Z',
};

const credits = myCredits({
  earnedCredits: 1.75,
  evaluation: { required: true, submitted: true },
  availableAt: '2027-03-10T15:00:00.000Z',
});

describe('<EvaluationPage>', () => {
  let component: ReturnType<typeof mount> | undefined;
  /** What the server answers, by method and path; a PUT's answer is built from what it was sent. */
  let answers: Record<string, Response | ((body: unknown) => Response)> = {};
  const fetch = vi.fn((path: string, init?: RequestInit) => {
    const answer = answers[`${init?.method ?? 'GET'} ${path}`];
    const response =
      typeof answer === 'function'
        ? answer(JSON.parse(String(init?.body)))
        : (answer?.clone() ?? jsonResponse({}, 404));
    return Promise.resolve(response);
  });

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    // The page reads its summit from the address (set directly: jsdom cannot scroll as navigate() does).
    router.path = '/summits/summit-1/evaluation';
    answers = {
      'GET /api/summits/summit-1': jsonResponse(summit()),
      'GET /api/summits/summit-1/evaluation': jsonResponse(form),
      'GET /api/summits/summit-1/credits/me': jsonResponse(credits),
    };
    vi.stubGlobal('fetch', fetch);
  });

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
    vi.useRealTimers();
    fetch.mockClear();
  });

  async function render(): Promise<void> {
    component = mount(EvaluationPage, { target: document.body });
    await settle();
  }

  const groups = (testId: string) => [...document.querySelectorAll<HTMLFieldSetElement>(`[data-testid="${testId}"]`)];
  const text = () => document.body.textContent?.replace(/\s+/g, ' ') ?? '';

  function rate(group: HTMLFieldSetElement, rating: number): void {
    group.querySelector<HTMLInputElement>(`input[value="${rating}"]`)?.click();
    flushSync();
  }

  function submit(): void {
    document.querySelector<HTMLFormElement>('[data-testid="evaluation-form"]')?.requestSubmit();
    flushSync();
  }

  const puts = () => fetch.mock.calls.filter(([, init]) => init?.method === 'PUT');

  it('asks each question as a labelled group of five radio buttons, and says the answers are anonymous', async () => {
    await render();
    const [first] = groups('question-rating');
    expect(first?.querySelector('legend')?.textContent).toContain('The summit met its stated objectives');
    const radios = [...(first?.querySelectorAll<HTMLInputElement>('input[type="radio"]') ?? [])];
    expect(radios.map((radio) => radio.closest('label')?.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      '1 Poor',
      '2',
      '3',
      '4',
      '5 Excellent',
    ]);
    expect(new Set(radios.map((radio) => radio.name)).size).toBe(1);
    expect(radios.every((radio) => radio.required)).toBe(true);
    expect(groups('session-rating').map((group) => group.querySelector('legend')?.textContent?.trim())).toEqual([
      'Keynote: ctDNA in practice (optional)',
      'Panel: access to trials (optional)',
    ]);
    expect(document.querySelector('[data-testid="evaluation-anonymous"]')?.textContent).toContain(
      'Speakers never see who rated them',
    );
    expect(document.title).toBe('Evaluation · APoC Spring Summit 2027 · APoC Summits');
  });

  it('sends nothing while a question is unrated: says which, and takes the focus there', async () => {
    await render();
    const [first, second] = groups('question-rating');
    rate(first!, 4);
    submit();
    await settle();

    expect(puts()).toHaveLength(0);
    expect(document.querySelector('[data-testid="evaluation-errors"]')?.textContent).toContain(
      'Rate the question left unrated before sending.',
    );
    expect(second?.textContent).toContain('Choose a rating from 1 to 5.');
    expect(first?.textContent).not.toContain('Choose a rating');
    expect(document.activeElement).toBe(second?.querySelector('input'));

    // The message leaves as soon as the question is rated.
    rate(second!, 5);
    expect(second?.textContent).not.toContain('Choose a rating');
    expect(document.querySelector('[data-testid="evaluation-errors"]')).toBeNull();
  });

  it('sends the ratings in order, the sessions rated and the comment, then thanks and shows the answers read-only', async () => {
    answers['PUT /api/summits/summit-1/evaluation'] = (body) => {
      const sent = body as EvaluationAnswer;
      return jsonResponse({ ...form, submitted: { ...sent, submittedAt: NOW.toISOString() } });
    };
    await render();
    const [first, second] = groups('question-rating');
    rate(first!, 4);
    rate(second!, 5);
    rate(groups('session-rating')[1]!, 3);
    const comment = document.querySelector<HTMLTextAreaElement>('textarea')!;
    comment.value = '  More time for questions, please.  ';
    comment.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    submit();
    await settle();
    await settle();

    expect(puts()).toHaveLength(1);
    const [path, init] = puts()[0]!;
    expect(path).toBe('/api/summits/summit-1/evaluation');
    expect(JSON.parse(String(init?.body))).toEqual({
      ratings: [4, 5],
      sessionRatings: { panel: 3 },
      comment: 'More time for questions, please.',
    });

    expect(document.querySelector('[data-testid="evaluation-form"]')).toBeNull();
    expect(document.querySelector('[data-testid="evaluation-thanks"]')?.textContent).toContain(
      'Your evaluation was sent.',
    );
    const rows = [...document.querySelectorAll('[data-testid="evaluation-answers"] dl > div')].map((row) => [
      row.querySelector('dt')?.textContent?.trim(),
      row.querySelector('dd')?.textContent?.trim(),
    ]);
    expect(rows).toEqual([
      ['The summit met its stated objectives', '4 / 5'],
      ['The content was free of commercial bias', '5 / 5'],
      ['Keynote: ctDNA in practice', 'Not rated'],
      ['Panel: access to trials', '3 / 5'],
      ['Comment', 'More time for questions, please.'],
    ]);
    expect(document.querySelectorAll('input[type="radio"]')).toHaveLength(0);
    // The certificate is ready: its download is offered at once.
    expect(document.querySelector('[data-testid="certificate-download"]')?.textContent).toBe(
      'Download the certificate (PDF)',
    );
  });

  it('shows an evaluation already sent read-only, with when it was sent', async () => {
    answers['GET /api/summits/summit-1/evaluation'] = jsonResponse({
      ...form,
      submitted: { ratings: [2, 3], sessionRatings: {}, comment: '', submittedAt: '2027-03-10T16:00:00.000Z' },
    });
    await render();
    expect(document.querySelector('[data-testid="evaluation-form"]')).toBeNull();
    expect(text()).toContain('You sent your evaluation on');
    expect(document.querySelector('[data-testid="evaluation-answers"]')?.textContent).toContain('No comment');
  });

  it('says the answers were already sent when the server refuses them as such, and shows them', async () => {
    answers['PUT /api/summits/summit-1/evaluation'] = jsonResponse(
      {
        type: 'https://apoc.example/problems/evaluation-submitted',
        title: 'Evaluation already submitted',
        status: 409,
        detail: 'You have already submitted the evaluation of this summit.',
      },
      409,
    );
    await render();
    for (const group of groups('question-rating')) rate(group, 3);
    answers['GET /api/summits/summit-1/evaluation'] = jsonResponse({
      ...form,
      submitted: { ratings: [3, 3], sessionRatings: {}, comment: '', submittedAt: NOW.toISOString() },
    });
    submit();
    await settle();
    await settle();
    expect(document.querySelector('[data-testid="evaluation-form"]')).toBeNull();
    expect(document.querySelector('[data-testid="evaluation-answers"]')).not.toBeNull();
  });

  it('says when the evaluation opens before the summit’s first session', async () => {
    vi.setSystemTime(new Date('2027-03-01T09:00:00Z'));
    await render();
    expect(document.querySelector('[data-testid="evaluation-form"]')).toBeNull();
    const opens = formatInstant(form.opensAt, viewerTimeZone());
    expect(document.querySelector('[data-testid="evaluation-not-open"]')?.textContent).toContain(
      `The evaluation opens when the summit’s first session starts: ${opens}`,
    );
  });

  it('tells a member without a registration that the evaluation is for the summit’s attendees', async () => {
    answers['GET /api/summits/summit-1/evaluation'] = jsonResponse(
      {
        type: 'https://apoc.example/problems/forbidden',
        title: 'Forbidden',
        status: 403,
      },
      403,
    );
    await render();
    expect(document.querySelector('h1')?.textContent).toBe('Evaluation');
    expect(text()).toContain('You are not registered for this summit');
    expect(document.querySelector<HTMLAnchorElement>('a.button')?.getAttribute('href')).toBe('/summits/summit-1');
  });
});
