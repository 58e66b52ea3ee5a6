import type { PubSub } from '@apoc/db';
import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { LiveClient, LiveDelivery } from './live.hub';
import { LIVE_CHANNEL, PostgresLiveHub } from './live.hub-postgres';
import type { EventRow } from './live.repository';

// The ordering of a session's events on one instance, whoever recorded them. The database's side (the notice sent
// with the commit, events read back from live_events) is proven on PostgreSQL in several-instances.test.ts; here
// the events kept are a list, and the other instances' notices are handed in by hand.

const SESSION = 'session-1';
const log = { warn: () => undefined, error: () => undefined } as unknown as FastifyBaseLogger;

const message = (seq: number) => JSON.stringify({ type: 'question', seq });

function event(seq: number): EventRow {
  return {
    sessionId: SESSION,
    seq,
    type: 'question',
    moderatorMessage: message(seq),
    attendeeMessage: message(seq),
    memberId: null,
    memberMessage: null,
    at: new Date(0),
  };
}

function setUp() {
  const kept: EventRow[] = [];
  const notified: string[] = [];
  let onMessage: (payload: string) => void = () => undefined;
  let onReconnect: () => void = () => undefined;
  const pubsub: PubSub = {
    listen: (_channel, message, reconnect) => {
      onMessage = message;
      onReconnect = reconnect ?? onReconnect;
      return Promise.resolve({ close: () => Promise.resolve() });
    },
    notify: (channel, payload) => {
      notified.push(`${channel} ${payload}`);
      return Promise.resolve();
    },
  };
  const reads: [number, number | undefined][] = [];
  const live = {
    eventsAfter: (_sessionId: string, after: number, upTo?: number) => {
      reads.push([after, upTo]);
      return Promise.resolve(kept.filter((row) => row.seq > after && (upTo === undefined || row.seq <= upTo)));
    },
  };
  const people = { peoplePresent: () => Promise.resolve(1) };
  const hub = new PostgresLiveHub(pubsub, live, people, log);
  const seen: number[] = [];
  const client: LiveClient = {
    sessionId: SESSION,
    memberId: 'member-1',
    moderator: true,
    deliver: (buffer) => {
      // Presence, which has no number, is not what this is about.
      const { seq } = JSON.parse(String(buffer)) as { seq?: number };
      if (seq !== undefined) seen.push(seq);
    },
  };
  const local = (seq: number): LiveDelivery => ({ seq, moderators: message(seq), attendees: null, member: null });
  /** An event committed on another instance, announced (or not) with its commit. */
  const elsewhere = (seq: number, announced = true) => {
    kept.push(event(seq));
    if (announced) onMessage(JSON.stringify({ k: 'e', i: 'other', s: SESSION, q: seq }));
  };
  const recordedHere = (seq: number) => {
    kept.push(event(seq));
    hub.publish(SESSION, local(seq));
  };
  const settled = () => new Promise((resolve) => setTimeout(resolve, 10));
  /** The client connects here and is sent its snapshot, as of the last event committed (or `seq`). */
  const follow = (seq = kept.at(-1)?.seq ?? 0) => {
    hub.join(client);
    hub.synchronised(client, seq);
  };
  return {
    hub,
    client,
    seen,
    reads,
    notified,
    elsewhere,
    recordedHere,
    settled,
    follow,
    reconnect: () => onReconnect(),
  };
}

describe('the PostgreSQL live hub', () => {
  it('tells the other instances of recorded events with their number, through the unit’s own NOTIFY', async () => {
    const { hub, notified } = setUp();
    await hub.start();
    await hub.recorded(SESSION, 7);
    expect(notified).toHaveLength(1);
    expect(notified[0]?.startsWith(`${LIVE_CHANNEL} `)).toBe(true);
    expect(JSON.parse(notified[0]?.slice(LIVE_CHANNEL.length + 1) ?? '')).toMatchObject({ k: 'e', s: SESSION, q: 7 });
    hub.close();
  });

  it('hands its own events over at once, without reading the database, while nothing is missing', async () => {
    const { hub, seen, reads, recordedHere, follow } = setUp();
    await hub.start();
    follow();
    for (const seq of [1, 2, 3]) recordedHere(seq);
    expect(seen).toEqual([1, 2, 3]);
    expect(reads).toEqual([]);
    hub.close();
  });

  it('reads an event committed elsewhere, and any before it that nobody announced, in order and once', async () => {
    const { hub, seen, elsewhere, recordedHere, settled, follow } = setUp();
    await hub.start();
    follow();
    recordedHere(1);
    elsewhere(2, false);
    elsewhere(3);
    await settled();
    expect(seen).toEqual([1, 2, 3]);
    // Its own event after one it has not heard of yet waits for it; a late notice changes nothing.
    elsewhere(4, false);
    recordedHere(5);
    elsewhere(6, false);
    await settled();
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    elsewhere(7);
    await settled();
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
    hub.close();
  });

  it('hands over an event committed elsewhere, announced late, that came before its own first event', async () => {
    const { hub, seen, elsewhere, recordedHere, settled, follow } = setUp();
    await hub.start();
    elsewhere(1);
    elsewhere(2);
    follow();
    // Nothing happened here yet; another instance commits 3, whose notice is late, then this one commits 4.
    elsewhere(3, false);
    recordedHere(4);
    await settled();
    expect(seen).toEqual([3, 4]);
    hub.close();
  });

  it('holds the events that come before its first client has its snapshot, and hands over those after it', async () => {
    const { hub, client, seen, elsewhere, recordedHere, settled } = setUp();
    await hub.start();
    hub.join(client);
    elsewhere(1, false);
    recordedHere(2);
    await settled();
    expect(seen).toEqual([]);
    // Its snapshot was read before 1 was committed: it needs both.
    hub.synchronised(client, 0);
    await settled();
    expect(seen).toEqual([1, 2]);
    hub.close();
  });

  it('reads what was announced while its listening connection was down, once it is back', async () => {
    const { hub, seen, elsewhere, recordedHere, settled, reconnect, follow } = setUp();
    await hub.start();
    follow();
    recordedHere(1);
    elsewhere(2, false);
    elsewhere(3, false);
    reconnect();
    await settled();
    expect(seen).toEqual([1, 2, 3]);
    hub.close();
  });

  it('forgets a session nobody here follows: events of a session it rejoins start from its snapshot', async () => {
    const { hub, client, seen, reads, elsewhere, recordedHere, settled, follow } = setUp();
    await hub.start();
    follow();
    recordedHere(1);
    hub.leave(client);
    elsewhere(2);
    elsewhere(3, false);
    await settled();
    follow();
    recordedHere(4);
    expect(seen).toEqual([1, 4]);
    expect(reads).toEqual([]);
    hub.close();
  });
});
