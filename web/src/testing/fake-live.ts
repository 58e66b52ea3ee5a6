// For component tests of the moderator console and the projector: a LiveClient wired to a socket the test
// drives by hand (open it, send it the server's messages, read what the page sent), and builders for the
// protocol's objects with valid defaults.
import type { SessionDetail } from '@apoc/shared';
import type { LivePoll, LiveQuestion, LiveServerMessage, LiveServerMessageOf } from '@apoc/shared/live';
import { LiveClient, type LiveSocketLike } from '../lib/live.svelte';

export type SentMessage = { type: string; ref?: number } & Record<string, unknown>;

export class FakeLiveSocket implements LiveSocketLike {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  /** What the page sent, parsed, oldest first. */
  sent: SentMessage[] = [];

  send(data: string): void {
    this.sent.push(JSON.parse(data) as SentMessage);
  }

  close(): void {
    this.readyState = 3;
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  receive(message: LiveServerMessage): void {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(message) }));
  }

  /** The last request of that type the page sent. */
  last(type: string): SentMessage {
    const found = this.sent.findLast((message) => message.type === type);
    if (!found) throw new Error(`nothing of type ${type} was sent (sent: ${this.sent.map((m) => m.type).join(', ')})`);
    return found;
  }

  ack(request: SentMessage): void {
    this.receive({ type: 'ack', ref: request.ref ?? null, of: request.type });
  }

  refuse(request: SentMessage, code: LiveServerMessageOf<'error'>['code'], message: string): void {
    this.receive({ type: 'error', ref: request.ref ?? null, of: request.type, code, message });
  }
}

/** A client whose one socket the test holds; `start()` is left to the component under test. */
export function fakeLiveClient(sessionId = 'session-1'): { client: LiveClient; socket: FakeLiveSocket } {
  const socket = new FakeLiveSocket();
  const client = new LiveClient({
    sessionId,
    connect: () => socket,
    probe: () => Promise.resolve({ status: 426, detail: null }),
    location: { protocol: 'http:', host: 'summit.test' },
  });
  return { client, socket };
}

let questionNumber = 0;

export function liveQuestion(overrides: Partial<LiveQuestion> = {}): LiveQuestion {
  questionNumber += 1;
  return {
    id: `q-${questionNumber}`,
    text: `Question ${questionNumber}?`,
    anonymous: false,
    author: { id: `m-${questionNumber}`, name: `Member ${questionNumber}`, institutionId: null },
    status: 'approved',
    votes: 0,
    createdAt: new Date(Date.UTC(2027, 2, 9, 10, questionNumber % 60)).toISOString(),
    editedAt: null,
    answeredAt: null,
    ...overrides,
  };
}

export function livePoll(overrides: Partial<LivePoll> = {}): LivePoll {
  return {
    id: 'p-1',
    question: 'Which drug first?',
    kind: 'single',
    options: ['A', 'B'],
    status: 'draft',
    resultsVisible: false,
    results: [0, 0],
    voters: 0,
    createdAt: '2027-03-09T10:00:00.000Z',
    openedAt: null,
    closedAt: null,
    ...overrides,
  };
}

/** The moderator's first message: the whole state. */
export function moderatorSnapshot(
  overrides: Partial<LiveServerMessageOf<'snapshot'>> = {},
): LiveServerMessageOf<'snapshot'> {
  return {
    type: 'snapshot',
    protocol: 1,
    seq: 1,
    sessionId: 'session-1',
    you: { memberId: 'm-organiser', name: 'Olivia Organiser', moderator: true, muted: false },
    qa: { open: true, premoderation: true, pinnedQuestionId: null },
    questions: [],
    myVotes: [],
    polls: [],
    myPollVotes: {},
    presence: 12,
    muted: [],
    ...overrides,
  };
}

export function sessionDetail(overrides: Partial<SessionDetail> = {}): SessionDetail {
  return {
    id: 'session-1',
    summitId: 'summit-1',
    title: 'Tumour boards across time zones',
    abstract: '',
    kind: 'panel',
    status: 'scheduled',
    startsAt: '2027-03-09T10:00:00.000Z',
    endsAt: '2027-03-09T11:00:00.000Z',
    roomId: null,
    trackId: null,
    seatLimit: null,
    people: [],
    track: null,
    room: null,
    summit: { id: 'summit-1', title: 'APoC Summit 2027', timeZone: 'Europe/London', format: 'virtual' },
    sequence: 1,
    live: 'moderator',
    ...overrides,
  };
}
