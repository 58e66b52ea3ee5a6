import { LIVE_LIMITS, type LiveServerMessageOf } from '@apoc/shared';

/** One open connection, as the hub sees it: who it is, and how to hand it a message already serialised. */
export interface LiveClient {
  readonly sessionId: string;
  readonly memberId: string;
  readonly moderator: boolean;
  /** Sends a message; the same buffer goes to every client of an audience. */
  deliver(message: Buffer): void;
}

/**
 * One event, serialised once per audience. Moderators get `moderators`; the member the event is about gets
 * `member.message` (the author of a question sees it with their name, and while it waits for approval);
 * every other attendee gets `attendees`, or nothing when it is null.
 */
export interface LiveDelivery {
  /** The event's number in its session (kept in live_events): other instances read the event by it. */
  seq?: number;
  moderators: string;
  attendees: string | null;
  member: { id: string; message: string } | null;
}

/**
 * Fan-out of a session's events to the connections of its members. The in-process hub serves one server;
 * a multi-instance hub (Redis or PostgreSQL pub/sub) implements the same interface by publishing each
 * delivery to every instance, each of which hands it to its own connections, and by summing presence.
 * Events reach the hub only after they are committed, so a hub may drop nothing that matters: a client that
 * misses an event resynchronises from the database with `lastSeq`.
 */
export interface LiveHub {
  /** Adds a connection; true when it is the member's first in the session (they just arrived). */
  join(client: LiveClient): boolean;
  /** Removes a connection; true when it was the member's last in the session. */
  leave(client: LiveClient): boolean;
  /**
   * Called inside the unit of work that records events, with the number of the last: a hub shared between
   * instances tells the others there, so that they hear of the events exactly when they are committed, even if
   * this process dies right after the commit.
   */
  recorded(sessionId: string, seq: number): Promise<void>;
  /** A client was sent its snapshot (or replay) up to `seq`: what it hears next must follow from there. */
  synchronised(client: LiveClient, seq: number): void;
  publish(sessionId: string, delivery: LiveDelivery): void;
  /** A message for every connection of one member (their own votes, seen from their other tabs). */
  toMember(sessionId: string, memberId: string, message: string): void;
  /** Distinct members connected to the session. */
  presence(sessionId: string): number;
  close(): void;
}

export class Room {
  readonly clients = new Set<LiveClient>();
  /** Each member's connections: presence counts members, not tabs. */
  readonly members = new Map<string, LiveClient[]>();
  announcedPresence = 0;
  presenceSentAt = 0;
  presenceTimer: NodeJS.Timeout | null = null;
}

const done = Promise.resolve();

const encode = (message: string | null): Buffer | null => (message === null ? null : Buffer.from(message));

export class InProcessLiveHub implements LiveHub {
  protected readonly rooms = new Map<string, Room>();
  /** Events handed to this server's connections since it started (for /metrics). */
  eventsDelivered = 0;

  constructor(private readonly presenceEveryMs: number = LIVE_LIMITS.presenceMs) {}

  join(client: LiveClient): boolean {
    let room = this.rooms.get(client.sessionId);
    if (!room) {
      room = new Room();
      this.rooms.set(client.sessionId, room);
    }
    room.clients.add(client);
    const mine = room.members.get(client.memberId);
    if (mine) mine.push(client);
    else room.members.set(client.memberId, [client]);
    if (!mine) this.presenceChanged(client.sessionId, room);
    return !mine;
  }

  leave(client: LiveClient): boolean {
    const room = this.rooms.get(client.sessionId);
    if (!room || !room.clients.delete(client)) return false;
    const mine = room.members.get(client.memberId) ?? [];
    const rest = mine.filter((candidate) => candidate !== client);
    if (rest.length > 0) {
      room.members.set(client.memberId, rest);
      return false;
    }
    room.members.delete(client.memberId);
    if (room.clients.size === 0) {
      if (room.presenceTimer) clearTimeout(room.presenceTimer);
      this.rooms.delete(client.sessionId);
    } else {
      this.presenceChanged(client.sessionId, room);
    }
    return true;
  }

  recorded(_sessionId: string, _seq: number): Promise<void> {
    return done;
  }

  synchronised(_client: LiveClient, _seq: number): void {}

  publish(sessionId: string, delivery: LiveDelivery): void {
    const room = this.rooms.get(sessionId);
    if (!room) return;
    this.eventsDelivered += 1;
    // Serialised and encoded once per audience, whatever the number of connections.
    const moderators = Buffer.from(delivery.moderators);
    const attendees = delivery.attendees === delivery.moderators ? moderators : encode(delivery.attendees);
    const member = delivery.member
      ? {
          id: delivery.member.id,
          message: delivery.member.message === delivery.moderators ? moderators : Buffer.from(delivery.member.message),
        }
      : null;
    for (const client of room.clients) {
      const message = client.moderator
        ? moderators
        : member && client.memberId === member.id
          ? member.message
          : attendees;
      if (message) client.deliver(message);
    }
  }

  toMember(sessionId: string, memberId: string, message: string): void {
    const clients = this.rooms.get(sessionId)?.members.get(memberId);
    if (!clients) return;
    const buffer = Buffer.from(message);
    for (const client of clients) client.deliver(buffer);
  }

  presence(sessionId: string): number {
    return this.rooms.get(sessionId)?.members.size ?? 0;
  }

  /** Whether any connection of this server follows the session. */
  protected follows(sessionId: string): boolean {
    return this.rooms.has(sessionId);
  }

  close(): void {
    for (const room of this.rooms.values()) if (room.presenceTimer) clearTimeout(room.presenceTimer);
    this.rooms.clear();
  }

  /**
   * Presence is sent at most once per interval, longer in larger rooms (one more interval per thousand
   * connections): when 5,000 people join in the same minute, each of them must not cause a message to all
   * the others, and a count is all it carries.
   */
  protected presenceChanged(sessionId: string, room: Room): void {
    if (room.presenceTimer) return;
    const every = this.presenceEveryMs * Math.max(1, Math.ceil(room.clients.size / 1000));
    const wait = Math.max(0, room.presenceSentAt + every - Date.now());
    room.presenceTimer = setTimeout(() => {
      room.presenceTimer = null;
      room.presenceSentAt = Date.now();
      const count = this.presence(sessionId);
      if (count === room.announcedPresence || this.rooms.get(sessionId) !== room) return;
      room.announcedPresence = count;
      const message = { type: 'presence', count } satisfies LiveServerMessageOf<'presence'>;
      const buffer = Buffer.from(JSON.stringify(message));
      for (const client of room.clients) client.deliver(buffer);
    }, wait);
    room.presenceTimer.unref();
  }
}
