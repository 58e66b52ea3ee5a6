// The browser's end of a session's live protocol (see `@apoc/shared/live`): one WebSocket per page, the
// state it describes as Svelte state, and requests that resolve on their `ack`.
//
// The connection mends itself: when it closes for any reason but the protocol's own refusals, it reconnects
// after a growing, jittered delay (0.5 s, 1 s, 2 s … at most 30 s; at once when the browser comes back
// online) and sends the last `seq` it saw, so the server replays what was missed, or sends a fresh snapshot.
// A `ping` every 25 s checks the line from this side: no answer within 10 s counts as a lost line. When
// several attempts in a row fail before the socket even opens, a plain GET of the same address asks the
// server why (401 signed out, 403 not registered, 404 no such session, 426 "fine, upgrade"), since a
// browser never shows a refused upgrade's status to the page.
import {
  LIVE_CLOSE,
  LIVE_LIMITS,
  LIVE_PROTOCOL_VERSION,
  type LiveMutedMember,
  type LiveRequest,
  type LiveErrorCode,
  type LivePoll,
  type LiveQa,
  type LiveQuestion,
  type LiveServerMessage,
  type LiveYou,
} from '@apoc/shared/live';
import { m } from '../paraglide/messages.js';

/** What the connection indicator shows. */
export type LiveStatus =
  /** The first connection is being opened. */
  | 'connecting'
  /** Up to date with the server. */
  | 'live'
  /** The line dropped; trying again (see `retryAt`). */
  | 'reconnecting'
  /** The browser says it is offline: waiting for the network to come back. */
  | 'offline'
  /** The server refused this page for good (not allowed, outdated, misbehaving): see `problem`. */
  | 'stopped';

/** Why the connection stopped for good, in words for the page. */
export interface LiveProblem {
  kind: 'signed-out' | 'forbidden' | 'not-found' | 'outdated' | 'refused';
  message: string;
}

/** A request the server refused, or one that could not be sent. */
export class LiveRequestError extends Error {
  constructor(
    readonly code: LiveErrorCode | 'offline' | 'interrupted',
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'LiveRequestError';
  }
}

/** What the client needs of the browser's WebSocket (a test passes its own). */
export interface LiveSocketLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface LiveClientOptions {
  sessionId: string;
  /** Opens the socket; the browser's WebSocket unless a test says otherwise. */
  connect?: (url: string) => LiveSocketLike;
  /** Asks the server why connecting fails: the HTTP status and problem detail of a plain GET. */
  probe?: (path: string) => Promise<{ status: number; detail: string | null }>;
  /** Where the page is served from (ws: or wss: follows http: or https:). */
  location?: { protocol: string; host: string };
}

type Pending = { resolve: () => void; reject: (error: LiveRequestError) => void; type: string };

const PING_EVERY_MS = 25_000;
/** A request not answered within this long is given up (and reported) rather than left pending. */
const REQUEST_TIMEOUT_MS = 15_000;
const PONG_WITHIN_MS = 10_000;
const BACKOFF_MIN_MS = 500;
const BACKOFF_MAX_MS = 30_000;
/** Attempts in a row that fail before opening, after which the server is asked why. */
const PROBE_AFTER_FAILURES = 2;
const OPEN = 1;

async function httpProbe(path: string): Promise<{ status: number; detail: string | null }> {
  const response = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/problem+json' } });
  let detail: string | null = null;
  try {
    const body = (await response.json()) as { detail?: unknown; title?: unknown };
    detail = typeof body.detail === 'string' ? body.detail : typeof body.title === 'string' ? body.title : null;
  } catch {
    // No problem document: the status says enough.
  }
  return { status: response.status, detail };
}

/** Questions newest first. */
export function byNewest(a: LiveQuestion, b: LiveQuestion): number {
  return Date.parse(b.createdAt) - Date.parse(a.createdAt);
}

/** Questions most voted first; among equals, the one asked first. */
export function byVotes(a: LiveQuestion, b: LiveQuestion): number {
  return b.votes - a.votes || byNewest(b, a);
}

export class LiveClient {
  status = $state<LiveStatus>('connecting');
  problem = $state<LiveProblem | null>(null);
  /** When the next attempt to reconnect is due (ms since the epoch), while reconnecting. */
  retryAt = $state<number | null>(null);
  /** Whether the state below came from the server at least once (a reconnecting panel keeps showing it). */
  ready = $state(false);

  you = $state.raw<LiveYou | null>(null);
  qa = $state.raw<LiveQa>({ open: true, premoderation: false, pinnedQuestionId: null });
  questions = $state.raw<LiveQuestion[]>([]);
  polls = $state.raw<LivePoll[]>([]);
  /** The questions this member voted for. */
  myVotes = $state.raw<readonly string[]>([]);
  myPollVotes = $state.raw<Record<string, number[]>>({});
  presence = $state(0);
  muted = $state.raw<LiveMutedMember[]>([]);
  /** The highest event number received: sent when reconnecting. */
  seq: number | null = null;

  readonly #sessionId: string;
  readonly #connect: (url: string) => LiveSocketLike;
  readonly #probe: (path: string) => Promise<{ status: number; detail: string | null }>;
  readonly #location: { protocol: string; host: string };
  #socket: LiveSocketLike | null = null;
  /** Requests waiting for their ack, by ref (not state: the page never shows them). */
  #pending: Record<number, Pending> = {};
  #nextRef = 1;
  #attempt = 0;
  #failuresBeforeOpen = 0;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #pingTimer: ReturnType<typeof setInterval> | null = null;
  #pongTimer: ReturnType<typeof setTimeout> | null = null;
  #stopped = false;
  /** Whether the current socket caught up with the server (a snapshot or `resumed` came through it). */
  #caughtUpHere = false;
  readonly #online = () => {
    if (this.#socket) {
      // The browser went offline and back without the socket closing: it may still be fine, or dead
      // without knowing it. Show what it was, and let a ping decide (silence starts a reconnect).
      if (this.status === 'offline') {
        this.status = this.#caughtUpHere ? 'live' : this.ready ? 'reconnecting' : 'connecting';
      }
      this.#ping();
      return;
    }
    this.#reconnectNow();
  };
  readonly #offline = () => {
    if (this.status !== 'stopped') this.status = 'offline';
  };

  constructor(options: LiveClientOptions) {
    this.#sessionId = options.sessionId;
    this.#connect = options.connect ?? ((url) => new WebSocket(url));
    this.#probe = options.probe ?? httpProbe;
    this.#location = options.location ?? window.location;
  }

  get path(): string {
    return `/api/sessions/${encodeURIComponent(this.#sessionId)}/live`;
  }

  /** Opens the connection; call `close()` when the page goes. */
  start(): void {
    this.#stopped = false;
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.#online);
      window.addEventListener('offline', this.#offline);
    }
    this.#open();
  }

  /** Closes the connection for good (the page is leaving). */
  close(): void {
    this.#stopped = true;
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.#online);
      window.removeEventListener('offline', this.#offline);
    }
    this.#clearTimers();
    this.#rejectPending('interrupted', m.common_live_page_closed());
    const socket = this.#socket;
    this.#socket = null;
    socket?.close(1000, 'Page closed');
  }

  /** Sends a request; resolves when the server acknowledged it (after committing it). */
  send(message: LiveRequest): Promise<void> {
    const socket = this.#socket;
    if (!socket || socket.readyState !== OPEN || this.status !== 'live') {
      return Promise.reject(new LiveRequestError('offline', m.common_live_not_connected()));
    }
    const ref = this.#nextRef++;
    const text = JSON.stringify({ ...message, ref });
    // The server cannot tell which request an oversized message was (its error carries no ref): refuse it here.
    if (new TextEncoder().encode(text).length > LIVE_LIMITS.messageBytes) {
      return Promise.reject(new LiveRequestError('too-large', m.common_live_too_large()));
    }
    return new Promise<void>((resolve, reject) => {
      // A server that never answers (a refusal it could not tie to this request) must not leave a button busy.
      const timer = setTimeout(() => {
        if (!this.#pending[ref]) return;
        delete this.#pending[ref];
        reject(new LiveRequestError('interrupted', m.common_live_no_answer()));
      }, REQUEST_TIMEOUT_MS);
      this.#pending[ref] = {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
        type: message.type,
      };
      socket.send(text);
    });
  }

  /** The visible questions in the order asked for; the pinned one stays in the list too. */
  sorted(order: 'votes' | 'time', statuses?: readonly LiveQuestion['status'][]): LiveQuestion[] {
    const chosen = statuses ? this.questions.filter((question) => statuses.includes(question.status)) : this.questions;
    return [...chosen].sort(order === 'votes' ? byVotes : byNewest);
  }

  voted(questionId: string): boolean {
    return this.myVotes.includes(questionId);
  }

  get pinned(): LiveQuestion | null {
    const id = this.qa.pinnedQuestionId;
    return id ? (this.questions.find((question) => question.id === id) ?? null) : null;
  }

  // The connection ------------------------------------------------------------------------------------------

  #url(): string {
    const scheme = this.#location.protocol === 'https:' ? 'wss:' : 'ws:';
    const resume = this.seq === null ? '' : `&lastSeq=${String(this.seq)}`;
    return `${scheme}//${this.#location.host}${this.path}?protocol=${String(LIVE_PROTOCOL_VERSION)}${resume}`;
  }

  #open(): void {
    if (this.#stopped) return;
    this.retryAt = null;
    this.#caughtUpHere = false;
    let opened = false;
    let socket: LiveSocketLike;
    try {
      socket = this.#connect(this.#url());
    } catch {
      this.#scheduleReconnect(false);
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      opened = true;
      this.#failuresBeforeOpen = 0;
      this.#startHeartbeat();
    };
    socket.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      let message: LiveServerMessage;
      try {
        message = JSON.parse(event.data) as LiveServerMessage;
      } catch {
        return;
      }
      this.#receive(message);
    };
    socket.onerror = () => {
      // A close event always follows; that is where the decision is made.
    };
    socket.onclose = (event) => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      this.#caughtUpHere = false;
      this.#stopHeartbeat();
      this.#rejectPending('interrupted', m.common_live_dropped());
      if (this.#stopped) return;
      if (event.code === LIVE_CLOSE.unsupportedProtocol) {
        return this.#stop('outdated', m.common_live_outdated());
      }
      if (event.code === LIVE_CLOSE.signedOut) {
        return this.#stop('signed-out', event.reason || m.common_live_signed_out());
      }
      if (event.code === LIVE_CLOSE.accessEnded) {
        return this.#stop('forbidden', event.reason || m.common_live_access_ended());
      }
      if (event.code === LIVE_CLOSE.policyViolation || event.code === LIVE_CLOSE.messageTooBig) {
        return this.#stop('refused', m.common_live_refused());
      }
      this.#scheduleReconnect(opened);
    };
  }

  #scheduleReconnect(opened: boolean): void {
    // The backoff starts again only once a connection caught up (#caughtUp), not when one merely opened:
    // a server that accepts and then drops every connection must not be called again at once, forever.
    if (!opened) this.#failuresBeforeOpen += 1;
    if (this.#failuresBeforeOpen >= PROBE_AFTER_FAILURES && this.#failuresBeforeOpen % PROBE_AFTER_FAILURES === 0) {
      void this.#diagnose();
    }
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** this.#attempt);
    this.#attempt += 1;
    // Jitter spreads the reconnections of a whole audience after a server restart.
    const wait = Math.round(delay * (0.5 + Math.random() / 2));
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      this.status = 'offline';
      return;
    }
    this.status = this.ready ? 'reconnecting' : 'connecting';
    this.retryAt = Date.now() + wait;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      this.#open();
    }, wait);
  }

  /** Reconnects without waiting (the network came back, or the person asked). */
  #reconnectNow(): void {
    if (this.#stopped || this.#socket) return;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#attempt = 0;
    this.#open();
  }

  /** Tries again at once after a stop or while waiting: the "Reconnect now" button. */
  retry(): void {
    if (this.status === 'stopped') {
      this.problem = null;
      this.#stopped = false;
      this.#failuresBeforeOpen = 0;
      this.status = this.ready ? 'reconnecting' : 'connecting';
    }
    this.#reconnectNow();
  }

  async #diagnose(): Promise<void> {
    let answer: { status: number; detail: string | null };
    try {
      answer = await this.#probe(this.path);
    } catch {
      return; // Unreachable: keep trying.
    }
    if (this.#stopped || this.status === 'live') return;
    const detail = answer.detail;
    if (answer.status === 401) this.#stop('signed-out', m.common_live_sign_in());
    else if (answer.status === 403 || answer.status === 409)
      this.#stop('forbidden', detail ?? m.common_live_registered_only());
    else if (answer.status === 404) this.#stop('not-found', detail ?? m.common_live_session_gone());
  }

  #stop(kind: LiveProblem['kind'], message: string): void {
    this.#stopped = true;
    this.#clearTimers();
    this.status = 'stopped';
    this.problem = { kind, message };
    const socket = this.#socket;
    this.#socket = null;
    socket?.close(1000);
  }

  #startHeartbeat(): void {
    this.#stopHeartbeat();
    this.#pingTimer = setInterval(() => this.#ping(), PING_EVERY_MS);
  }

  /** Checks the line: any message within PONG_WITHIN_MS will do, silence counts as a lost line. */
  #ping(): void {
    const socket = this.#socket;
    if (!socket || socket.readyState !== OPEN) return;
    socket.send(JSON.stringify({ type: 'ping' }));
    this.#pongTimer ??= setTimeout(() => {
      // Silence: the line is gone even if the browser has not noticed. Closing it starts a reconnect.
      this.#pongTimer = null;
      socket.close(4001, 'No answer to ping');
      socket.onclose?.(new CloseEvent('close', { code: 1006 }));
    }, PONG_WITHIN_MS);
  }

  #stopHeartbeat(): void {
    if (this.#pingTimer) clearInterval(this.#pingTimer);
    if (this.#pongTimer) clearTimeout(this.#pongTimer);
    this.#pingTimer = null;
    this.#pongTimer = null;
  }

  #clearTimers(): void {
    this.#stopHeartbeat();
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.retryAt = null;
  }

  #rejectPending(code: 'interrupted', message: string): void {
    const pending = Object.values(this.#pending);
    this.#pending = {};
    for (const request of pending) request.reject(new LiveRequestError(code, message));
  }

  // The state -----------------------------------------------------------------------------------------------

  #receive(message: LiveServerMessage): void {
    // Any message shows the line works.
    if (this.#pongTimer) clearTimeout(this.#pongTimer);
    this.#pongTimer = null;
    if ('seq' in message && typeof message.seq === 'number') this.seq = Math.max(this.seq ?? 0, message.seq);

    switch (message.type) {
      case 'snapshot':
        this.seq = message.seq;
        this.you = message.you;
        this.qa = message.qa;
        this.questions = message.questions;
        this.polls = message.polls;
        this.myVotes = message.myVotes;
        this.myPollVotes = message.myPollVotes;
        this.presence = message.presence;
        this.muted = message.muted;
        this.#caughtUp();
        break;
      case 'resumed':
        this.seq = message.seq;
        this.you = message.you;
        this.myVotes = message.myVotes;
        this.myPollVotes = message.myPollVotes;
        this.presence = message.presence;
        this.#caughtUp();
        break;
      case 'ack':
      case 'error': {
        const ref = typeof message.ref === 'number' ? message.ref : null;
        const pending = ref === null ? undefined : this.#pending[ref];
        if (!pending || ref === null) break;
        delete this.#pending[ref];
        if (message.type === 'ack') pending.resolve();
        else pending.reject(new LiveRequestError(message.code, message.message, message.retryAfterMs));
        break;
      }
      case 'pong':
        break;
      case 'presence':
        this.presence = message.count;
        break;
      case 'question':
        this.questions = upsert(this.questions, message.question);
        break;
      case 'question.removed':
        this.questions = this.questions.filter((question) => question.id !== message.questionId);
        break;
      case 'votes':
        this.questions = this.questions.map((question) => {
          const votes = message.votes[question.id];
          return votes === undefined || votes === question.votes ? question : { ...question, votes };
        });
        break;
      case 'qa':
        this.qa = message.qa;
        break;
      case 'poll':
        this.polls = upsert(this.polls, message.poll);
        break;
      case 'poll.results':
        this.polls = this.polls.map((poll) =>
          poll.id === message.pollId ? { ...poll, results: message.results, voters: message.voters } : poll,
        );
        break;
      case 'muted': {
        const member = message.member;
        if (this.you?.memberId === member.memberId) this.you = { ...this.you, muted: member.muted };
        if (this.you?.moderator) {
          const others = this.muted.filter((entry) => entry.memberId !== member.memberId);
          this.muted = member.muted ? [...others, member] : others;
        }
        break;
      }
      case 'question.myVote': {
        const others = this.myVotes.filter((id) => id !== message.questionId);
        this.myVotes = message.voted ? [...others, message.questionId] : others;
        break;
      }
      case 'poll.myVote':
        this.myPollVotes = { ...this.myPollVotes, [message.pollId]: message.choices };
        break;
    }
  }

  #caughtUp(): void {
    this.#caughtUpHere = true;
    this.ready = true;
    this.status = 'live';
    this.problem = null;
    this.#attempt = 0;
  }
}

/** `list` with `item` added, or replacing the entry with its id. */
function upsert<T extends { id: string }>(list: T[], item: T): T[] {
  const index = list.findIndex((entry) => entry.id === item.id);
  return index === -1 ? [...list, item] : list.map((entry, i) => (i === index ? item : entry));
}
