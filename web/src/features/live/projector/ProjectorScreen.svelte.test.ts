import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeLiveClient, livePoll, liveQuestion, moderatorSnapshot, sessionDetail } from '../../../testing/fake-live';
import ProjectorScreen from './ProjectorScreen.svelte';

describe('<ProjectorScreen> for the room', () => {
  let component: ReturnType<typeof mount> | undefined;

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
  });

  function render(snapshot = moderatorSnapshot()) {
    const { client, socket } = fakeLiveClient();
    component = mount(ProjectorScreen, { target: document.body, props: { detail: sessionDetail(), client } });
    flushSync();
    socket.open();
    socket.receive(snapshot);
    flushSync();
    return socket;
  }

  const byTestId = (id: string) => {
    const element = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    if (!element) throw new Error(`no [data-testid="${id}"]`);
    return element;
  };

  it('shows the question being answered, the next ones with their votes, and never who asked', () => {
    const pinned = liveQuestion({ id: 'q-pinned', text: 'What about access in Asia?', votes: 3 });
    const named = liveQuestion({
      id: 'q-named',
      text: 'Which biomarker first?',
      votes: 7,
      author: { id: 'm-1', name: 'Dana Named', institutionId: null },
    });
    const anonymous = liveQuestion({
      id: 'q-anonymous',
      text: 'Can I ask quietly?',
      votes: 1,
      anonymous: true,
      author: { id: 'm-2', name: 'Sam Shy', institutionId: null },
    });
    render(
      moderatorSnapshot({
        qa: { open: true, premoderation: false, pinnedQuestionId: 'q-pinned' },
        questions: [pinned, named, anonymous, liveQuestion({ status: 'pending', text: 'Not yet approved' })],
        presence: 87,
      }),
    );
    expect(byTestId('projector-now').textContent).toContain('Now answering');
    expect(byTestId('projector-now').textContent).toContain('What about access in Asia?');
    const top = [...byTestId('projector-top').querySelectorAll('li')].map((li) => li.textContent?.replace(/\s+/g, ' '));
    expect(top).toEqual([expect.stringContaining('7'), expect.stringContaining('1')]);
    expect(top[0]).toContain('Which biomarker first?');
    const text = document.body.textContent ?? '';
    expect(text).not.toContain('Dana Named');
    expect(text).not.toContain('Sam Shy');
    expect(text).not.toContain('Not yet approved');
    expect(byTestId('projector-presence').textContent).toContain('87');
    expect(document.querySelector('button')).toBeNull();
  });

  it('shows the open poll and keeps its results hidden until the moderators show them', () => {
    const socket = render(
      moderatorSnapshot({
        polls: [livePoll({ status: 'open', results: [5, 2], voters: 7, openedAt: '2027-03-09T10:00:00Z' })],
      }),
    );
    expect(byTestId('projector-poll').textContent).toContain('Which drug first?');
    expect(byTestId('projector-poll').textContent).toContain('hidden');
    socket.receive({
      type: 'poll',
      seq: 2,
      poll: livePoll({
        status: 'open',
        resultsVisible: true,
        results: [5, 2],
        voters: 7,
        openedAt: '2027-03-09T10:00:00Z',
      }),
    });
    flushSync();
    expect(byTestId('projector-poll').textContent).toMatch(/71\s?%/);
  });

  it('tells the room where to ask while there are no questions', () => {
    render();
    expect(byTestId('projector-now').textContent).toContain('/sessions/session-1');
    expect(document.querySelector('[data-testid="projector-poll"]')).toBeNull();
  });
});
