import type { Accreditation } from '@apoc/shared';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { summit } from '../../testing/fixtures';
import AccreditationForm from './AccreditationForm.svelte';

const json = (body: unknown, status = 200) =>
  Promise.resolve(
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
    }),
  );

const accreditation: Accreditation = {
  statement: 'Accredited by the EACCME® with 6 ECMEC®s.',
  creditName: 'ECMEC®s',
  signatoryName: 'Dr Ana Souza',
  signatoryTitle: '',
  minimumPercent: 80,
  issue: 'end',
  evaluation: { required: true, questions: ['Met its objectives', 'Relevant to my practice', 'Free of bias'] },
};

describe('<AccreditationForm>', () => {
  let component: ReturnType<typeof mount> | undefined;
  const onsaved = vi.fn();
  let answer: () => Promise<Response> = () => json(summit());
  const fetch = vi.fn((_path: string, _init?: RequestInit) => answer());

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
    fetch.mockClear();
    onsaved.mockClear();
    answer = () => json(summit());
  });

  function render(given: Accreditation | null) {
    vi.stubGlobal('fetch', fetch);
    component = mount(AccreditationForm, {
      target: document.body,
      props: { summitId: 'summit-1', accreditation: given, onsaved },
    });
    flushSync();
  }

  const field = (label: string) => {
    const labelled = [...document.querySelectorAll('label')].find((node) => node.textContent?.trim() === label);
    const id = labelled?.getAttribute('for');
    if (!id) throw new Error(`no field labelled ${label}`);
    return document.getElementById(id) as HTMLInputElement | HTMLTextAreaElement;
  };
  const type = (input: HTMLInputElement | HTMLTextAreaElement, value: string) => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
  };
  const click = (element: Element | null | undefined) => {
    (element as HTMLElement).click();
    flushSync();
  };
  const button = (text: string) =>
    [...document.querySelectorAll('button')].find((node) => node.textContent?.trim() === text);
  const labelled = (label: string) => document.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`);
  const questions = () =>
    [...document.querySelectorAll<HTMLInputElement>('.questions input')].map((input) => input.value);
  const status = () => document.querySelector('.status')?.textContent;
  const sent = () =>
    fetch.mock.calls.map(([path, init]) => ({
      path,
      method: init?.method,
      body: JSON.parse(String(init?.body)) as unknown,
    }));
  const submit = () => {
    document.querySelector('form')?.requestSubmit();
    flushSync();
  };

  it('asks for what a certificate must state before sending anything, each message beside its field', async () => {
    render(null);
    expect(document.querySelector('.fields')).toBeNull();
    click(document.querySelector('input[type="checkbox"]'));
    expect(status()).toBe('Unsaved changes.');

    submit();
    await vi.waitFor(() => expect(document.activeElement).toBe(field('Name of the credits')));
    const errors = [...document.querySelectorAll('.field-error')].map((node) => node.textContent);
    expect(errors).toEqual([
      'Give the name of the credits.',
      'Give the accrediting body’s statement.',
      'Give the signatory’s name.',
    ]);
    expect(field('Accreditation statement').getAttribute('aria-invalid')).toBe('true');
    expect(fetch).not.toHaveBeenCalled();

    // Each message leaves as its field is fixed.
    type(field('Name of the credits'), 'ECMEC®s');
    expect(document.querySelectorAll('.field-error')).toHaveLength(2);
  });

  it('sends the whole accreditation, with the default questions, and reads as saved after', async () => {
    const saved = summit({ accreditation });
    answer = () => json(saved);
    render(null);
    click(document.querySelector('input[type="checkbox"]'));
    type(field('Name of the credits'), '  ECMEC®s ');
    type(field('Accreditation statement'), 'Accredited by the EACCME® with 6 ECMEC®s.');
    type(field('Signatory'), 'Dr Ana Souza');
    type(field('Attendance rule'), '75');
    click(document.querySelector('input[value="daily"]'));

    submit();
    await vi.waitFor(() => expect(onsaved).toHaveBeenCalledWith(saved));
    expect(sent()).toEqual([
      {
        path: '/api/summits/summit-1',
        method: 'PATCH',
        body: {
          accreditation: {
            statement: 'Accredited by the EACCME® with 6 ECMEC®s.',
            creditName: 'ECMEC®s',
            signatoryName: 'Dr Ana Souza',
            signatoryTitle: '',
            minimumPercent: 75,
            issue: 'daily',
            evaluation: {
              required: true,
              questions: [
                'The summit met its stated learning objectives.',
                'What I learned is relevant to my clinical practice.',
                'The content was balanced and free of commercial bias.',
              ],
            },
          },
        },
      },
    ]);
    expect(status()).toBe('Everything is saved.');
  });

  it('adds, puts in order and removes questions, and sends them in their new order', async () => {
    render(accreditation);
    expect(questions()).toEqual(['Met its objectives', 'Relevant to my practice', 'Free of bias']);
    expect(labelled('Move question 1 up')?.disabled).toBe(true);
    expect(labelled('Move question 3 down')?.disabled).toBe(true);

    click(labelled('Move question 3 up'));
    expect(questions()).toEqual(['Met its objectives', 'Free of bias', 'Relevant to my practice']);
    expect(document.querySelector('[aria-live="polite"].visually-hidden')?.textContent).toBe(
      'Question moved to position 2 of 3.',
    );
    click(labelled('Remove question 1'));
    expect(questions()).toEqual(['Free of bias', 'Relevant to my practice']);

    click(button('Add a question'));
    await vi.waitFor(() => expect(document.activeElement).toBe(field('Question 3')));
    // An empty question is not sent: it is to be written or removed.
    submit();
    expect(document.querySelector('.question-error')?.textContent).toBe('Write the question, or remove it.');
    type(field('Question 3'), 'Would recommend');

    submit();
    await vi.waitFor(() => expect(onsaved).toHaveBeenCalled());
    const [patch] = sent();
    expect((patch?.body as { accreditation: Accreditation }).accreditation.evaluation.questions).toEqual([
      'Free of bias',
      'Relevant to my practice',
      'Would recommend',
    ]);
  });

  it('stops at twelve questions', () => {
    render({ ...accreditation, evaluation: { required: false, questions: [] } });
    expect(document.querySelector('.questions')).toBeNull();
    for (let index = 0; index < 12; index += 1) click(button('Add a question'));
    expect(questions()).toHaveLength(12);
    expect(button('Add a question')?.disabled).toBe(true);
    expect(document.body.textContent).toContain('12 of 12 questions');
  });

  it('withdraws the accreditation with null, and says so', async () => {
    render(accreditation);
    click(document.querySelector('input[type="checkbox"]'));
    expect(document.querySelector('.fields')).toBeNull();
    submit();
    await vi.waitFor(() => expect(onsaved).toHaveBeenCalled());
    expect(sent()[0]?.body).toEqual({ accreditation: null });
  });

  it('shows the server’s problem and keeps the changes', async () => {
    answer = () =>
      json(
        { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'body/accreditation/statement is too long' },
        400,
      );
    render(accreditation);
    type(field('Signatory'), 'Dr Min-jun Kim');
    submit();
    await vi.waitFor(() =>
      expect(document.querySelector('[role="alert"]')?.textContent).toContain(
        'body/accreditation/statement is too long',
      ),
    );
    expect(onsaved).not.toHaveBeenCalled();
    expect(status()).toBe('Unsaved changes.');
    // Discard goes back to what the summit has.
    click(button('Discard changes'));
    expect(field('Signatory').value).toBe('Dr Ana Souza');
  });
});
