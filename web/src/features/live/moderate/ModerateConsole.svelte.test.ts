import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toasts } from '../../../lib/toasts.svelte';
import {
  fakeLiveClient,
  livePoll,
  liveQuestion,
  moderatorSnapshot,
  sessionDetail,
  type FakeLiveSocket,
} from '../../../testing/fake-live';
import ModerateConsole from './ModerateConsole.svelte';

// The console of a session whose Q&A runs with pre-moderation: one question waiting, two in the queue (one of
// them asked anonymously), one pinned as "now answering", and a draft poll.
const waiting = liveQuestion({ id: 'q-waiting', status: 'pending', text: 'Is the waiting one seen?' });
const popular = liveQuestion({ id: 'q-popular', votes: 9, text: 'Which biomarker first?' });
const anonymous = liveQuestion({
  id: 'q-anonymous',
  votes: 2,
  anonymous: true,
  author: { id: 'm-shy', name: 'Sam Shy', institutionId: null },
  text: 'Can I ask this quietly?',
});
const pinned = liveQuestion({ id: 'q-pinned', votes: 4, text: 'What about trial access in Asia?' });

/** Lets pending promises settle and Svelte apply what they changed. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  flushSync();
}

describe('<ModerateConsole> driven by the live protocol', () => {
  let component: ReturnType<typeof mount> | undefined;
  let socket: FakeLiveSocket;

  beforeAll(() => {
    // jsdom has no modal dialogs: open and close the element as a browser would.
    HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
      this.setAttribute('open', '');
    };
    HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
      this.removeAttribute('open');
      this.dispatchEvent(new Event('close'));
    };
  });

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    toasts.items = [];
    document.body.innerHTML = '';
  });

  function render(snapshot = moderatorSnapshot()) {
    const fake = fakeLiveClient();
    socket = fake.socket;
    component = mount(ModerateConsole, {
      target: document.body,
      props: { detail: sessionDetail(), client: fake.client },
    });
    flushSync();
    socket.open();
    socket.receive(snapshot);
    flushSync();
  }

  const fullState = () =>
    moderatorSnapshot({
      qa: { open: true, premoderation: true, pinnedQuestionId: pinned.id },
      questions: [waiting, popular, anonymous, pinned],
      polls: [livePoll()],
    });

  const byTestId = <T extends HTMLElement = HTMLElement>(id: string, root: ParentNode = document) => {
    const element = root.querySelector<T>(`[data-testid="${id}"]`);
    if (!element) throw new Error(`no [data-testid="${id}"]`);
    return element;
  };
  const question = (id: string) => {
    const element = document.querySelector<HTMLElement>(`[data-testid="mod-question"][data-question-id="${id}"]`);
    if (!element) throw new Error(`no question ${id}`);
    return element;
  };
  const ids = (listId: string) =>
    [...byTestId(listId).querySelectorAll<HTMLElement>('[data-testid="mod-question"]')].map(
      (element) => element.dataset['questionId'],
    );

  it('sorts the questions into waiting, the queue by votes, and now answering', () => {
    render(fullState());
    expect(ids('mod-pending')).toEqual(['q-waiting']);
    expect(ids('mod-approved')).toEqual(['q-popular', 'q-anonymous']);
    expect(ids('mod-now')).toEqual(['q-pinned']);
    expect(byTestId('mod-presence').textContent).toContain('12');
    expect(byTestId<HTMLInputElement>('mod-premoderation').checked).toBe(true);
    expect(byTestId<HTMLInputElement>('mod-qa-open').checked).toBe(true);
  });

  it('keeps Answered and Dismissed as headings, folded behind a Show/Hide summary', () => {
    render(
      moderatorSnapshot({
        questions: [
          popular,
          liveQuestion({ id: 'q-done', status: 'answered', answeredAt: '2027-03-09T10:30:00.000Z' }),
        ],
      }),
    );
    const answered = byTestId<HTMLDetailsElement>('mod-answered');
    const summary = answered.querySelector('summary');
    expect(summary?.querySelector('h2, h3')).toBeNull();
    const heading = document.getElementById(answered.closest('section')?.getAttribute('aria-labelledby') ?? '');
    expect(heading?.tagName).toBe('H2');
    expect(heading?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Answered 1');
    expect(summary?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Show answered questions');
    answered.open = true;
    answered.dispatchEvent(new Event('toggle'));
    flushSync();
    expect(summary?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Hide answered questions');
    expect(ids('mod-answered')).toEqual(['q-done']);
    expect(byTestId('mod-dismissed').querySelector('summary')?.textContent).toContain('dismissed questions');
  });

  it('words a rate-limited moderator action as attendees see it', async () => {
    render(fullState());
    byTestId<HTMLButtonElement>('mod-answer', question('q-popular')).click();
    flushSync();
    socket.refuse(socket.last('question.answer'), 'rate-limited', 'Too many requests.');
    await settle();
    expect(byTestId('mod-question-error', question('q-popular')).textContent).toMatch(
      /^That was a lot at once: try again in \d+ s\.$/,
    );
  });

  it('shows moderators the real author of an anonymous question, and offers to mute them by name', () => {
    render(fullState());
    const item = question('q-anonymous');
    expect(byTestId('mod-question-author', item).textContent).toContain('Sam Shy');
    expect(item.textContent).toContain('anonymous to attendees');
    expect(byTestId('mod-mute', item).textContent).toContain('Mute Sam Shy');
  });

  it('approves a waiting question: the button waits for the server, then the question joins the queue', async () => {
    render(fullState());
    const approve = byTestId<HTMLButtonElement>('mod-approve', question('q-waiting'));
    approve.click();
    flushSync();
    const request = socket.last('question.approve');
    expect(request).toMatchObject({ questionId: 'q-waiting' });
    expect(approve.disabled).toBe(true);
    approve.click();
    expect(socket.sent.filter((message) => message.type === 'question.approve')).toHaveLength(1);

    socket.receive({ type: 'question', seq: 2, question: { ...waiting, status: 'approved' } });
    socket.ack(request);
    await settle();
    expect(question('q-waiting').dataset['status']).toBe('approved');
    expect(ids('mod-approved')).toContain('q-waiting');
    expect(document.querySelector('[data-testid="mod-pending"]')).toBeNull();
  });

  it("shows the server's refusal beside the question and lets the moderator try again", async () => {
    render(fullState());
    byTestId<HTMLButtonElement>('mod-answer', question('q-popular')).click();
    flushSync();
    socket.refuse(socket.last('question.answer'), 'conflict', 'This question was already answered.');
    await settle();
    const item = question('q-popular');
    expect(byTestId('mod-question-error', item).textContent).toBe('This question was already answered.');
    expect(byTestId<HTMLButtonElement>('mod-answer', item).disabled).toBe(false);
  });

  it('pins a question and unpins the one being answered', async () => {
    render(fullState());
    byTestId<HTMLButtonElement>('mod-pin', question('q-popular')).click();
    flushSync();
    expect(socket.last('question.pin')).toMatchObject({ questionId: 'q-popular' });
    socket.ack(socket.last('question.pin'));
    await settle();

    byTestId<HTMLButtonElement>('mod-unpin', byTestId('mod-now')).click();
    flushSync();
    expect(socket.last('question.pin')).toMatchObject({ questionId: null });
  });

  it('edits the text of a question inline', async () => {
    render(fullState());
    byTestId<HTMLButtonElement>('mod-edit', question('q-popular')).click();
    flushSync();
    const text = byTestId<HTMLTextAreaElement>('mod-edit-text', question('q-popular'));
    expect(text.value).toBe('Which biomarker first?');
    text.value = 'Which biomarker should be tested first?';
    text.dispatchEvent(new Event('input', { bubbles: true }));
    byTestId<HTMLButtonElement>('mod-edit-save', question('q-popular')).click();
    flushSync();
    const request = socket.last('question.edit');
    expect(request).toMatchObject({ questionId: 'q-popular', text: 'Which biomarker should be tested first?' });
    socket.receive({
      type: 'question',
      seq: 2,
      question: { ...popular, text: 'Which biomarker should be tested first?', editedAt: '2027-03-09T10:30:00.000Z' },
    });
    socket.ack(request);
    await settle();
    expect(document.querySelector('[data-testid="mod-edit-text"]')).toBeNull();
    expect(question('q-popular').textContent).toContain('Which biomarker should be tested first?');
  });

  it('asks for confirmation before muting an author, then lists them with Unmute', async () => {
    render(fullState());
    byTestId<HTMLButtonElement>('mod-mute', question('q-anonymous')).click();
    flushSync();
    expect(socket.sent.some((message) => message.type === 'member.mute')).toBe(false);
    expect(document.querySelector('dialog')?.hasAttribute('open')).toBe(true);
    expect(document.querySelector('dialog')?.textContent).toContain('Mute Sam Shy?');

    byTestId<HTMLButtonElement>('mod-mute-confirm').click();
    flushSync();
    const request = socket.last('member.mute');
    expect(request).toMatchObject({ memberId: 'm-shy', muted: true });
    socket.receive({ type: 'muted', seq: 2, member: { memberId: 'm-shy', name: 'Sam Shy', muted: true } });
    socket.ack(request);
    await settle();
    expect(document.querySelector('dialog')?.hasAttribute('open')).toBe(false);
    expect(byTestId('mod-muted').textContent).toContain('Sam Shy');
    expect(byTestId('mod-mute', question('q-anonymous')).textContent).toContain('Unmute Sam Shy');

    byTestId<HTMLButtonElement>('mod-unmute').click();
    flushSync();
    expect(socket.last('member.mute')).toMatchObject({ memberId: 'm-shy', muted: false });
  });

  it('turns pre-moderation off, and puts the switch back when the server refuses', async () => {
    render(fullState());
    const premoderation = byTestId<HTMLInputElement>('mod-premoderation');
    premoderation.click();
    flushSync();
    expect(socket.last('qa.settings')).toEqual({ type: 'qa.settings', premoderation: false, ref: expect.any(Number) });
    expect(premoderation.disabled).toBe(true);
    socket.refuse(socket.last('qa.settings'), 'forbidden', 'Only moderators change the Q&A.');
    await settle();
    expect(premoderation.checked).toBe(true);
    expect(premoderation.disabled).toBe(false);
    expect(byTestId('mod-settings-error').textContent).toBe('Only moderators change the Q&A.');
  });

  it('creates a poll from the options typed, and says what is missing first', async () => {
    render();
    const setValue = (input: HTMLInputElement, value: string) => {
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    };
    byTestId<HTMLButtonElement>('mod-poll-create').click();
    flushSync();
    expect(byTestId('mod-poll-create-error').textContent).toContain('question');
    expect(socket.sent.some((message) => message.type === 'poll.create')).toBe(false);

    setValue(byTestId<HTMLInputElement>('mod-poll-question'), 'Which trial design?');
    byTestId<HTMLButtonElement>('mod-poll-add-option').click();
    flushSync();
    const options = () => [...document.querySelectorAll<HTMLInputElement>('[data-testid="mod-poll-option"]')];
    expect(options()).toHaveLength(3);
    options().forEach((input, index) => setValue(input, ['Basket', 'Umbrella', 'Platform'][index] ?? ''));
    byTestId<HTMLInputElement>('mod-poll-kind-multiple').click();
    byTestId<HTMLButtonElement>('mod-poll-create').click();
    flushSync();
    const request = socket.last('poll.create');
    expect(request).toMatchObject({
      question: 'Which trial design?',
      kind: 'multiple',
      options: ['Basket', 'Umbrella', 'Platform'],
    });
    expect(byTestId<HTMLButtonElement>('mod-poll-create').disabled).toBe(true);
    socket.receive({
      type: 'poll',
      seq: 2,
      poll: livePoll({ id: 'p-new', question: 'Which trial design?', options: ['Basket', 'Umbrella', 'Platform'] }),
    });
    socket.ack(request);
    await settle();
    expect(byTestId<HTMLInputElement>('mod-poll-question').value).toBe('');
    expect(document.querySelector('[data-testid="mod-poll"][data-poll-id="p-new"]')).not.toBeNull();
  });

  it('opens a draft poll and reveals its results to attendees', async () => {
    render(fullState());
    const poll = () => byTestId('mod-poll');
    byTestId<HTMLButtonElement>('mod-poll-open', poll()).click();
    flushSync();
    expect(socket.last('poll.open')).toMatchObject({ pollId: 'p-1' });
    socket.receive({ type: 'poll', seq: 2, poll: livePoll({ status: 'open', openedAt: '2027-03-09T10:10:00.000Z' }) });
    socket.ack(socket.last('poll.open'));
    await settle();
    expect(poll().dataset['status']).toBe('open');
    expect(byTestId('mod-poll-close', poll())).toBeTruthy();

    byTestId<HTMLButtonElement>('mod-poll-reveal', poll()).click();
    flushSync();
    expect(socket.last('poll.reveal')).toMatchObject({ pollId: 'p-1', visible: true });
  });

  it('says what to do while nothing has been asked yet', () => {
    render();
    expect(byTestId('mod-now-empty').textContent).toContain('Pin a question');
    expect(document.body.textContent).toContain('No questions waiting');
    expect(document.body.textContent).toContain('No polls yet');
  });
});
