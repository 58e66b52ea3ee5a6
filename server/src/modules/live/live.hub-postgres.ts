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

type Notice =
  /** An event committed, by its number: read from live_events by whoever has clients in the session. */
  | { k: 'e'; i: string; s: string; q: number }
  /** A message for one member's connections (their own votes, seen from their other tabs). */
  | { k: 'm'; i: string; s: string; m: string; x: string }
  /** Someone arrived or left somewhere: count the session's people again. */
  | { k: 'p'; i: string; s: string };

/**
 * The live hub of an instance that shares PostgreSQL with others. Its own connections are served as by the
 * in-process hub; every event is also announced with NOTIFY by its number only (events are committed, and
 * numbered, by the database before they are published), and an instance with connections in that session
 * reads the event from `live_events` and hands it to them, in order. Presence counts the people with an open
 * interval of presence in the database, so a member with tabs on two instances is one person.
 */
export class PostgresLiveHub extends InProcessLiveHub {
  private readonly instance = randomUUID();
  /** People in each session, on every instance, as last counted. */
  private readonly everywhere = new Map<string, number>();
  /** Per session, the forwarding of events in the order they were announced. */
  private readonly forwarding = new Map<string, Promise<void>>();
  private readonly recounts = new Map<string, NodeJS.Timeout>();
  private subscription: { close(): Promise<void> } | null = null;

  constructor(
    private readonly pubsub: PubSub,
    private readonly live: Pick<LiveRepository, 'eventAt'>,
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
      () => this.log.warn('live: the connection listening to other instances was restored'),
    );
  }

  override join(client: LiveClient): boolean {
    const first = super.join(client);
    if (first) this.announce({ k: 'p', i: this.instance, s: client.sessionId });
    return first;
  }

  override leave(client: LiveClient): boolean {
    const last = super.leave(client);
    if (last) this.announce({ k: 'p', i: this.instance, s: client.sessionId });
    return last;
  }

  override publish(sessionId: string, delivery: LiveDelivery): void {
    super.publish(sessionId, delivery);
    if (delivery.seq !== undefined) this.announce({ k: 'e', i: this.instance, s: sessionId, q: delivery.seq });
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
    const previous = this.forwarding.get(notice.s) ?? Promise.resolve();
    const next = previous
      .then(() => this.forward(notice.s, notice.q))
      .catch((error: unknown) => this.log.error({ err: error, sessionId: notice.s }, 'live: could not forward'));
    this.forwarding.set(notice.s, next);
    void next.finally(() => {
      if (this.forwarding.get(notice.s) === next) this.forwarding.delete(notice.s);
    });
  }

  private async forward(sessionId: string, seq: number): Promise<void> {
    const event = await this.live.eventAt(sessionId, seq);
    // Pruned already (a client that missed it resynchronises from what is kept).
    if (!event) return;
    super.publish(sessionId, {
      seq,
      moderators: event.moderatorMessage,
      attendees: event.attendeeMessage,
      member: event.memberId && event.memberMessage ? { id: event.memberId, message: event.memberMessage } : null,
    });
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
