import { randomUUID } from 'node:crypto';
import { LIVE_LIMITS } from '@apoc/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { PubSub } from '@apoc/db';
import { InProcessLiveHub, type LiveClient, type LiveDelivery } from './live.hub';
import type { LivePresenceRepository } from './live.presence.repository';
import type { LiveRepository } from './live.repository';

/** The channel every instance listens on. */
export const LIVE_CHANNEL = 'apoc_live';
/** PostgreSQL's NOTIFY carries at most 8,000 bytes: a message to a member's tabs larger than this is not forwarded. */
const MAX_FORWARDED = 7_000;

/** A session's events as handed to this instance's connections. */
interface Line {
  handed: number;
  waiting: Promise<void> | null;
  /** Set while the line waits for its first client's snapshot, which says where it starts. */
  start: ((seq: number) => void) | null;
}

type Notice =
  /** Events committed, up to this number: read from live_events by whoever has clients in the session. */
  | { k: 'e'; i: string; s: string; q: number }
  /** A message for one member's connections (their own votes, seen from their other tabs). */
  | { k: 'm'; i: string; s: string; m: string; x: string }
  /** Someone arrived or left somewhere: count the session's people again. */
  | { k: 'p'; i: string; s: string };

/**
 * The live hub of an instance that shares PostgreSQL with others. Its own connections are served as by the
 * in-process hub; every unit of work that records events also sends NOTIFY with the number of its last event, in
 * the same transaction, so other instances hear of exactly what is committed, in commit order, even when this
 * process dies right after its commit. An instance with connections in that session reads the events from
 * `live_events` and hands them to them. Its connections get a session's events in order and without a gap,
 * whichever instance recorded them: an event that comes before the ones it follows is read from the database
 * first. Presence counts the people with an open interval of presence in the database, so a member with tabs on
 * two instances is one person.
 */
export class PostgresLiveHub extends InProcessLiveHub {
  private readonly instance = randomUUID();
  /** People in each session, on every instance, as last counted. */
  private readonly everywhere = new Map<string, number>();
  /** Per session followed here: the last event its connections were handed, and what waits for its turn. */
  private readonly lines = new Map<string, Line>();
  private readonly recounts = new Map<string, NodeJS.Timeout>();
  private subscription: { close(): Promise<void> } | null = null;

  constructor(
    private readonly pubsub: PubSub,
    private readonly live: Pick<LiveRepository, 'eventsAfter'>,
    private readonly people: Pick<LivePresenceRepository, 'peoplePresent'>,
    private readonly log: FastifyBaseLogger,
    presenceEveryMs: number = LIVE_LIMITS.presenceMs,
  ) {
    super(presenceEveryMs);
  }

  async start(): Promise<void> {
    this.subscription = await this.pubsub.listen(
      LIVE_CHANNEL,
      (payload) => this.received(payload),
      () => {
        this.log.warn('live: the connection listening to other instances was restored');
        // What was announced while it was down is read from the database.
        for (const sessionId of this.lines.keys()) this.inOrder(sessionId, Infinity, null);
      },
    );
  }

  override join(client: LiveClient): boolean {
    const first = super.join(client);
    if (first) this.announce({ k: 'p', i: this.instance, s: client.sessionId });
    if (!this.lines.has(client.sessionId)) this.lines.set(client.sessionId, this.awaitingSnapshot());
    return first;
  }

  /**
   * The session's first client here has its snapshot (or replay) up to `seq`: its line starts there. Starting it
   * at the first event instead (one below it) would skip an event committed elsewhere just before this instance's
   * own, whose notice comes late: it is in no snapshot, and nobody would ever read it.
   */
  override synchronised(client: LiveClient, seq: number): void {
    this.lines.get(client.sessionId)?.start?.(seq);
  }

  override leave(client: LiveClient): boolean {
    const last = super.leave(client);
    if (last) this.announce({ k: 'p', i: this.instance, s: client.sessionId });
    if (!this.follows(client.sessionId)) this.lines.delete(client.sessionId);
    return last;
  }

  /** Inside the unit that records the events: PostgreSQL sends the notice if, and when, the unit commits. */
  override recorded(sessionId: string, seq: number): Promise<void> {
    const notice: Notice = { k: 'e', i: this.instance, s: sessionId, q: seq };
    return this.pubsub.notify(LIVE_CHANNEL, JSON.stringify(notice));
  }

  override publish(sessionId: string, delivery: LiveDelivery): void {
    if (delivery.seq === undefined) return super.publish(sessionId, delivery);
    this.inOrder(sessionId, delivery.seq, delivery);
  }

  override toMember(sessionId: string, memberId: string, message: string): void {
    super.toMember(sessionId, memberId, message);
    if (message.length <= MAX_FORWARDED) {
      this.announce({ k: 'm', i: this.instance, s: sessionId, m: memberId, x: message });
    }
  }

  /** The people in the session on every instance (at least those connected here). */
  override presence(sessionId: string): number {
    return Math.max(super.presence(sessionId), this.everywhere.get(sessionId) ?? 0);
  }

  override close(): void {
    for (const timer of this.recounts.values()) clearTimeout(timer);
    this.recounts.clear();
    void this.subscription?.close();
    this.subscription = null;
    super.close();
  }

  private announce(notice: Notice): void {
    this.pubsub
      .notify(LIVE_CHANNEL, JSON.stringify(notice))
      .catch((error: unknown) => this.log.error({ err: error }, 'live: could not tell the other instances'));
  }

  private received(payload: string): void {
    let notice: Notice;
    try {
      notice = JSON.parse(payload) as Notice;
    } catch {
      return;
    }
    if (notice.k === 'p') return this.recount(notice.s);
    // What this instance published, its own connections already have.
    if (notice.i === this.instance || !this.follows(notice.s)) return;
    if (notice.k === 'm') return super.toMember(notice.s, notice.m, notice.x);
    this.inOrder(notice.s, notice.q, null);
  }

  /**
   * Hands the session's connections event `seq` once every event before it was handed: `local` when this
   * instance recorded it, otherwise read from the database together with any event before it not yet handed
   * (committed elsewhere, and announced late or lost with a connection). Infinity reads whatever is there.
   */
  private inOrder(sessionId: string, seq: number, local: LiveDelivery | null): void {
    if (!this.follows(sessionId)) {
      this.lines.delete(sessionId);
      return;
    }
    let line = this.lines.get(sessionId);
    if (!line) {
      line = this.awaitingSnapshot();
      this.lines.set(sessionId, line);
    }
    if (local && !line.waiting && seq === line.handed + 1) {
      super.publish(sessionId, local);
      line.handed = seq;
      return;
    }
    const current = line;
    const next = (current.waiting ?? Promise.resolve())
      .then(() => this.catchUp(sessionId, current, seq, local))
      .catch((error: unknown) => this.log.error({ err: error, sessionId }, 'live: could not forward'));
    current.waiting = next;
    void next.finally(() => {
      if (current.waiting === next) current.waiting = null;
    });
  }

  /** A line whose events wait until a client's snapshot says where it starts (see `synchronised`). */
  private awaitingSnapshot(): Line {
    let open = () => {};
    const started = new Promise<void>((resolve) => (open = resolve));
    const line: Line = { handed: Infinity, waiting: started, start: null };
    line.start = (seq) => {
      line.handed = seq;
      line.start = null;
      // With nothing queued, the next event of its own goes straight out.
      if (line.waiting === started) line.waiting = null;
      open();
    };
    return line;
  }

  private async catchUp(sessionId: string, line: Line, seq: number, local: LiveDelivery | null): Promise<void> {
    if (seq <= line.handed || !Number.isFinite(line.handed)) return;
    const upTo = local ? seq - 1 : seq;
    const missed =
      upTo > line.handed
        ? await this.live.eventsAfter(sessionId, line.handed, Number.isFinite(upTo) ? upTo : undefined)
        : [];
    for (const event of missed) {
      if (event.seq <= line.handed) continue;
      super.publish(sessionId, {
        seq: event.seq,
        moderators: event.moderatorMessage,
        attendees: event.attendeeMessage,
        member: event.memberId && event.memberMessage ? { id: event.memberId, message: event.memberMessage } : null,
      });
      line.handed = event.seq;
    }
    if (local && seq > line.handed) {
      super.publish(sessionId, local);
      line.handed = seq;
    } else if (Number.isFinite(seq)) {
      // Pruned already: a client that missed it resynchronises from what is kept.
      line.handed = Math.max(line.handed, seq);
    }
  }

  /** Counts the session's people again soon (arrivals come in bursts), and tells this instance's clients. */
  private recount(sessionId: string): void {
    if (this.recounts.has(sessionId)) return;
    const timer = setTimeout(() => {
      this.recounts.delete(sessionId);
      this.people
        .peoplePresent(sessionId)
        .then((count) => {
          this.everywhere.set(sessionId, count);
          const room = this.rooms.get(sessionId);
          if (room) this.presenceChanged(sessionId, room);
        })
        .catch((error: unknown) => this.log.error({ err: error, sessionId }, 'live: could not count presence'));
    }, 100);
    timer.unref();
    this.recounts.set(sessionId, timer);
  }
}
