import type { Database } from '@apoc/db';
import { LIVE_LIMITS, type LiveEvent } from '@apoc/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { LiveDelivery, LiveHub } from './live.hub';
import type { LiveRepository } from './live.repository';
import { seenByAttendees, type Emit, type EventMessages } from './live.views';

/** Events older than the kept window are pruned every so many events, not at each one. */
const PRUNE_EVERY = 100;

/**
 * The live sessions' record of events. Each accepted request is committed in one transaction together with the
 * events it causes (numbered by the session's sequence, and kept for clients that reconnect); only then are the
 * events handed to the hub. Vote counts and poll results are announced coalesced, at most every
 * LIVE_LIMITS.coalesceMs per session, so that a storm of votes costs a few broadcasts a second.
 */
export class LiveLedger {
  private readonly counts = new Map<string, { timer: NodeJS.Timeout | null; sentAt: number }>();

  constructor(
    private readonly db: Database,
    private readonly live: LiveRepository,
    private readonly hub: LiveHub,
    private readonly clock: () => Date,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Announces the session's new vote counts and poll results soon, at most once per interval. */
  announceCounts(sessionId: string): void {
    let pending = this.counts.get(sessionId);
    if (!pending) {
      pending = { timer: null, sentAt: 0 };
      this.counts.set(sessionId, pending);
    }
    if (pending.timer) return;
    const slot = pending;
    const wait = Math.max(0, slot.sentAt + LIVE_LIMITS.coalesceMs - Date.now());
    slot.timer = setTimeout(() => {
      slot.timer = null;
      slot.sentAt = Date.now();
      this.sendCounts(sessionId).catch((error: unknown) =>
        this.log.error({ err: error, sessionId }, 'live counts could not be announced'),
      );
    }, wait);
  }

  /**
   * Sends the counts committed but not yet announced, as events. What is pending is read from the database,
   * so counts committed just before a crash are announced at the next start.
   */
  async sendCounts(sessionId: string): Promise<void> {
    await this.commit(sessionId, async (emit) => {
      const questions = await this.live.takeUnannouncedVotes(sessionId);
      if (questions.length > 0) {
        const shown = questions.filter((question) => seenByAttendees(question.status));
        await emit((seq) => {
          const counts = (rows: typeof questions) => Object.fromEntries(rows.map((row) => [row.id, row.votes]));
          const moderators: LiveEvent = { type: 'votes', seq, votes: counts(questions) };
          const attendees: LiveEvent | null =
            shown.length === questions.length
              ? moderators
              : shown.length > 0
                ? { type: 'votes', seq, votes: counts(shown) }
                : null;
          return { moderators, attendees, member: null };
        });
      }
      for (const poll of await this.live.takeUnannouncedResults(sessionId)) {
        await emit((seq) => {
          const results: LiveEvent = {
            type: 'poll.results',
            seq,
            pollId: poll.id,
            results: poll.results,
            voters: poll.voters,
          };
          const shown = poll.status !== 'draft' && poll.resultsVisible;
          return { moderators: results, attendees: shown ? results : null, member: null };
        });
      }
    });
  }

  /** Counts of every session committed before the last stop, and never announced. */
  async sendLeftoverCounts(): Promise<void> {
    for (const sessionId of await this.live.sessionsWithUnannouncedCounts()) await this.sendCounts(sessionId);
  }

  /**
   * Counts another instance left unannounced because it died within its coalescing interval. Sessions whose
   * counts this instance is about to announce are left to it: the sweep adds no event to a vote storm.
   */
  async sendOrphanedCounts(): Promise<void> {
    for (const sessionId of await this.live.sessionsWithUnannouncedCounts()) {
      if (this.counts.get(sessionId)?.timer) continue;
      await this.sendCounts(sessionId);
    }
  }

  /** Sends what is waiting now instead of later: before the server stops. */
  async flush(): Promise<void> {
    for (const [sessionId, pending] of this.counts) {
      if (!pending.timer) continue;
      clearTimeout(pending.timer);
      pending.timer = null;
      await this.sendCounts(sessionId);
    }
  }

  /**
   * Runs a change and the events it emits in one unit of work, then publishes the events: nothing is broadcast
   * that is not committed, and a refusal thrown inside rolls everything back.
   *
   * The unit holds the session first, before `work` reads anything: on PostgreSQL (READ COMMITTED) two changes
   * checked against the same rows would otherwise both pass (a question answered twice, a ballot written over
   * another), and one unit per session at a time is what SQLite's single writer gives already. Every change to a
   * session's live data comes through here, so each holds the session before any other of its rows: no deadlock.
   */
  async commit(sessionId: string, work: (emit: Emit, now: Date) => Promise<void>): Promise<void> {
    const now = this.clock();
    let deliveries: LiveDelivery[] = [];
    await this.db.unit(async () => {
      // A unit retried after a deadlock starts again from nothing: the seqs of its first attempt were rolled back.
      deliveries = [];
      await this.live.hold(sessionId, now);
      await work(async (build) => {
        deliveries.push(await this.record(sessionId, build, now));
      }, now);
      const last = deliveries.at(-1)?.seq;
      if (last !== undefined) await this.hub.recorded(sessionId, last);
    });
    for (const delivery of deliveries) this.hub.publish(sessionId, delivery);
  }

  /** Numbers an event, serialises it once per audience and keeps it in the session's history. */
  private async record(sessionId: string, build: (seq: number) => EventMessages, now: Date): Promise<LiveDelivery> {
    const seq = await this.live.nextSeq(sessionId);
    const event = build(seq);
    const moderators = JSON.stringify(event.moderators);
    const serialise = (message: LiveEvent) => (message === event.moderators ? moderators : JSON.stringify(message));
    const attendees = event.attendees && serialise(event.attendees);
    const member = event.member && { id: event.member.id, message: serialise(event.member.message) };
    await this.live.insertEvent({
      sessionId,
      seq,
      type: event.moderators.type,
      moderatorMessage: moderators,
      attendeeMessage: attendees,
      memberId: member?.id ?? null,
      memberMessage: member?.message ?? null,
      at: now,
    });
    if (seq % PRUNE_EVERY === 0) await this.live.pruneEvents(sessionId, seq - LIVE_LIMITS.keptEvents);
    return { seq, moderators, attendees, member };
  }
}
