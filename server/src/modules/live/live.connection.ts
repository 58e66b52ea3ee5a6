import {
  LIVE_CLOSE,
  LIVE_LIMITS,
  LIVE_MODERATOR_MESSAGES,
  LIVE_PROTOCOL_VERSION,
  LiveClientMessages,
  type LiveClientMessage,
  type LiveClientMessageType,
  type LiveErrorCode,
  type LiveQuery,
  type LiveServerMessageOf,
} from '@apoc/shared';
import type { FastifyBaseLogger } from 'fastify';
import { Compile } from 'typebox/compile';
import { LiveRefusal } from './live.errors';
import type { LiveClient, LiveHub } from './live.hub';
import { RateLimit } from './live.limits';
import type { LiveAccess, LiveRequest, LiveService } from './live.service';
import type { LivePresence } from './live.presence';

type Ref = string | number | null;

/** What this module uses of a `ws` WebSocket (written out: the server does not depend on ws's types). */
export interface LiveSocket {
  readonly readyState: number;
  readonly OPEN: number;
  readonly bufferedAmount: number;
  send(data: Buffer | string, options: { binary: boolean }): void;
  ping(): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): unknown;
  on(event: 'pong', listener: () => void): unknown;
  once(event: 'close', listener: () => void): unknown;
}

// Each client message type validated by its own compiled schema, chosen by `type`: an unknown type is
// told apart from a known one with wrong fields, and a union of twenty schemas is not tried in turn.
const validators = new Map(
  Object.entries(LiveClientMessages).map(([type, schema]) => [type as LiveClientMessageType, Compile(schema)]),
);
/** Caps on open live connections (see LiveConnections.refusal). */
export const LIVE_SOCKETS = { perMember: 6, perAddress: 2000 } as const;

const moderatorOnly = new Set<LiveClientMessageType>(LIVE_MODERATOR_MESSAGES);
const votes = new Set<LiveClientMessageType>(['question.vote', 'question.unvote', 'poll.vote']);

/** A member's limits in a session, shared by all their connections so that more tabs do not buy more. */
interface MemberLimits {
  ask: RateLimit;
  votes: RateLimit;
  connections: number;
}

/** One socket. Kept small: a server holds thousands. */
class LiveConnection implements LiveClient {
  /** Whether the client showed a sign of life since the last heartbeat. */
  alive = true;
  /** Messages of any kind: a flood is refused, then closed. */
  readonly messages = new RateLimit(2 * LIVE_LIMITS.messagesPerSecond, 1000 / LIVE_LIMITS.messagesPerSecond);
  /** Refused messages (invalid or flooding): a client that keeps sending them is closed. */
  readonly strikes = new RateLimit(10, 3000);
  /** `sync` replays history, the costliest request: three at once, then one every five seconds. */
  readonly syncs = new RateLimit(3, 5000);
  /** The messages of one connection are handled in the order they came, one after the other. */
  tail: Promise<void> = Promise.resolve();

  constructor(
    readonly socket: LiveSocket,
    readonly access: LiveAccess,
    readonly limits: MemberLimits,
    readonly address: string,
  ) {}

  get sessionId(): string {
    return this.access.sessionId;
  }

  get memberId(): string {
    return this.access.memberId;
  }

  get moderator(): boolean {
    return this.access.moderator;
  }

  /**
   * What the hub hands over between joining and the snapshot (or replay) being sent waits here, so that a client
   * always hears the snapshot first; null once it was sent.
   */
  private held: (Buffer | string)[] | null = [];

  deliver(message: Buffer | string): void {
    if (this.held) this.held.push(message);
    else this.send(message);
  }

  /**
   * Sends the snapshot, or the replay ending with `resumed`, then what the hub handed over meanwhile and they
   * do not already include (events up to their `seq`).
   */
  synchronised(messages: readonly string[]): number {
    const held = this.held ?? [];
    this.held = null;
    for (const message of messages) this.send(message);
    const upTo = seqOf(messages.at(-1) ?? '') ?? 0;
    for (const message of held) if ((seqOf(message) ?? Infinity) > upTo) this.send(message);
    return upTo;
  }

  private send(message: Buffer | string): void {
    const socket = this.socket;
    if (socket.readyState !== socket.OPEN) return;
    // A client that does not read must not make the server hold an ever longer queue for it.
    if (socket.bufferedAmount > LIVE_LIMITS.sendBufferBytes) {
      socket.terminate();
      return;
    }
    socket.send(message, { binary: false });
  }
}

/** The `seq` of an event, a snapshot or `resumed` (it comes within their first few fields); null for other messages. */
function seqOf(message: Buffer | string): number | null {
  const head = typeof message === 'string' ? message.slice(0, 96) : message.toString('latin1', 0, 96);
  const match = /"seq":(\d+)/.exec(head);
  return match ? Number(match[1]) : null;
}

/** A standard close code, not one of LIVE_CLOSE: the client reconnects with backoff and its `lastSeq`. */
const GOING_AWAY = { code: 1001, reason: 'Server restarting' } as const;

/** A message's answer, decided when it arrived, given in turn. */
type Step = () => void | Promise<void>;

const isRef = (value: unknown): value is string | number =>
  (typeof value === 'string' && value.length <= 64) || Number.isInteger(value);

/**
 * The live connections of this server: reads each client message (size, JSON, schema, rate limits), hands
 * requests to the service, answers with an ack or an error, keeps connections alive with heartbeats.
 * Nothing a client sends can throw out of here: every failure becomes an `error` message.
 */
export class LiveConnections {
  private readonly open = new Set<LiveConnection>();
  private readonly limits = new Map<string, MemberLimits>();

  constructor(
    private readonly service: LiveService,
    private readonly presence: Pick<LivePresence, 'arrived' | 'departed'>,
    private readonly hub: LiveHub,
    private readonly log: FastifyBaseLogger,
  ) {}

  /**
   * Whether one more connection may open for this member from this address: a member has at most
   * LIVE_SOCKETS.perMember open (tabs and devices, across sessions), an address at most LIVE_SOCKETS.perAddress
   * (high: a hospital's whole audience may come through one gateway). A reason to refuse, or null.
   */
  refusal(memberId: string, address: string): string | null {
    let byMember = 0;
    let byAddress = 0;
    for (const connection of this.open) {
      if (connection.memberId === memberId) byMember++;
      if (connection.address === address) byAddress++;
    }
    if (byMember >= LIVE_SOCKETS.perMember) {
      return `You already have ${LIVE_SOCKETS.perMember} live connections open; close a tab or another device first.`;
    }
    if (byAddress >= LIVE_SOCKETS.perAddress) return 'Too many live connections from your network; try again shortly.';
    return null;
  }

  /**
   * Closes the connections whose access ended since they opened (see LiveService.standings): signed out,
   * no longer holding a seat, or with another role (they reconnect and are admitted again as they are now).
   */
  async recheck(): Promise<void> {
    const connections = [...this.open];
    if (connections.length === 0) return;
    const standings = await this.service.standings(connections.map((connection) => connection.access));
    connections.forEach((connection, index) => {
      switch (standings[index]) {
        case 'signed-out':
          return connection.socket.close(LIVE_CLOSE.signedOut, 'You were signed out. Sign in again to take part.');
        case 'ended':
          return connection.socket.close(
            LIVE_CLOSE.accessEnded,
            'Your registration no longer holds a place at this summit.',
          );
        case 'changed':
          return connection.socket.close(LIVE_CLOSE.accessChanged, 'Your role changed: reconnecting.');
        case 'ok':
        case undefined:
          return;
      }
    });
  }

  /** Connections open on this server. */
  get count(): number {
    return this.open.size;
  }

  /** Takes over an upgraded socket. Listeners are attached at once, before anything can arrive. */
  async accept(socket: LiveSocket, access: LiveAccess, query: LiveQuery, address = ''): Promise<void> {
    const key = `${access.sessionId}\n${access.memberId}`;
    let limits = this.limits.get(key);
    if (!limits) {
      limits = {
        ask: new RateLimit(1, LIVE_LIMITS.askEveryMs),
        votes: new RateLimit(LIVE_LIMITS.votesPerSecond, 1000 / LIVE_LIMITS.votesPerSecond),
        connections: 0,
      };
      this.limits.set(key, limits);
    }
    limits.connections++;
    const connection = new LiveConnection(socket, access, limits, address);
    socket.on('message', (data, isBinary) => {
      // Read and counted against the limits as it arrives: a burst that waits behind a slow request is limited at
      // the pace it came, not at the pace the database gets to it. Answered in the order it came.
      const step = this.receive(connection, data, isBinary);
      connection.tail = connection.tail.then(step).catch((error: unknown) => {
        this.log.error({ err: error, sessionId: access.sessionId }, 'live message failed');
        this.error(connection, 'internal', 'Something went wrong on our side; try again.', null, null);
      });
    });
    socket.on('pong', () => (connection.alive = true));
    socket.once('close', () => {
      // After what the connection sent, so that its last vote is not overtaken by its departure.
      connection.tail = connection.tail
        .then(() => this.remove(connection))
        .catch((error: unknown) =>
          this.log.error({ err: error, sessionId: access.sessionId }, 'live departure failed'),
        );
    });
    this.open.add(connection);

    if (query.protocol !== undefined && query.protocol !== LIVE_PROTOCOL_VERSION) {
      // No snapshot follows: the error goes out at once.
      connection.synchronised([]);
      this.error(
        connection,
        'unsupported-protocol',
        `This server speaks version ${LIVE_PROTOCOL_VERSION}.`,
        null,
        null,
      );
      socket.close(LIVE_CLOSE.unsupportedProtocol, 'Unsupported protocol version');
      return;
    }
    try {
      if (this.hub.join(connection)) {
        // On the connection's queue, so that a close arriving while the interval is being opened departs after it
        // (and closes it) rather than before, finding nothing to close and leaving the member present for good.
        const arrival = connection.tail.then(() => this.presence.arrived(access));
        connection.tail = arrival.catch(() => undefined);
        await arrival;
      }
      await this.synchronise(connection, query.lastSeq);
    } catch (error) {
      this.log.error({ err: error, sessionId: access.sessionId }, 'live connection could not start');
      socket.close(1011, 'Internal error');
    }
  }

  /**
   * Tells every client that the server is going away (1001), so that each reconnects with its `lastSeq` to
   * the next start (or another instance) rather than seeing a close without a code. A request arriving
   * during the closing handshake is still committed, and no longer answered: the client sees it on resuming.
   */
  goAway(): void {
    for (const connection of this.open) connection.socket.close(GOING_AWAY.code, GOING_AWAY.reason);
  }

  /**
   * Drops the connections that did not answer the previous ping, and pings the others. Also forgets the
   * limits of members gone since the previous beat: kept until then, so that reconnecting does not reset them.
   */
  heartbeat(): void {
    for (const [key, limits] of this.limits) if (limits.connections === 0) this.limits.delete(key);
    for (const connection of this.open) {
      if (!connection.alive) {
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
    }
  }

  private async remove(connection: LiveConnection): Promise<void> {
    if (!this.open.delete(connection)) return;
    connection.limits.connections--;
    if (this.hub.leave(connection)) await this.presence.departed(connection.access);
  }

  private async synchronise(connection: LiveConnection, lastSeq: number | undefined): Promise<void> {
    const missed = lastSeq === undefined ? null : await this.service.resume(connection.access, lastSeq);
    const seq = connection.synchronised(missed ?? [await this.service.snapshot(connection.access)]);
    this.hub.synchronised(connection, seq);
  }

  /** What to do with a message, decided as it arrives (parsed, checked, counted); done in turn on the connection's tail. */
  private receive(connection: LiveConnection, data: Buffer, isBinary: boolean): Step {
    connection.alive = true;
    const flood = connection.messages.take();
    if (flood > 0) return () => this.refuse(connection, 'rate-limited', 'Too many messages.', null, null, flood);
    if (isBinary) return () => this.refuse(connection, 'invalid-json', 'Send JSON in text frames.', null, null);
    if (data.length > LIVE_LIMITS.messageBytes) {
      return () => this.refuse(connection, 'too-large', `Messages are limited to ${LIVE_LIMITS.messageBytes} bytes.`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString('utf8'));
    } catch {
      return () => this.refuse(connection, 'invalid-json', 'This message is not JSON.');
    }
    const fields = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : {};
    const ref = 'ref' in fields && isRef(fields.ref) ? fields.ref : null;
    const type = 'type' in fields && typeof fields.type === 'string' ? fields.type : null;
    const validator = type === null ? undefined : validators.get(type as LiveClientMessageType);
    if (!validator) {
      const known = [...validators.keys()].join(', ');
      return () => this.refuse(connection, 'unknown-type', `A message needs a "type" among: ${known}.`, ref, type);
    }
    if (!validator.Check(parsed)) {
      const [first] = validator.Errors(parsed);
      const where = first?.instancePath || '/';
      return () =>
        this.refuse(connection, 'invalid-message', `${where}: ${first?.message ?? 'is not valid'}`, ref, type);
    }
    return this.dispatch(connection, parsed as LiveClientMessage, ref);
  }

  private dispatch(connection: LiveConnection, message: LiveClientMessage, ref: Ref): Step {
    if (message.type === 'ping') {
      const pong: LiveServerMessageOf<'pong'> = { type: 'pong', ref };
      return () => connection.deliver(JSON.stringify(pong));
    }
    if (message.type === 'sync') {
      const wait = connection.syncs.take();
      if (wait > 0) return () => this.refuse(connection, 'rate-limited', 'Too many sync requests.', ref, 'sync', wait);
      return () => this.synchronise(connection, message.lastSeq);
    }
    return this.request(connection, message, ref);
  }

  private request(connection: LiveConnection, request: LiveRequest, ref: Ref): Step {
    const { access, limits } = connection;
    if (moderatorOnly.has(request.type) && !access.moderator) {
      return () =>
        this.error(
          connection,
          'forbidden',
          'Only the session’s chairs and the organisers moderate.',
          ref,
          request.type,
        );
    }
    // Moderators are not limited in asking: they also type in the questions asked in the room.
    const wait =
      request.type === 'question.ask'
        ? access.moderator
          ? 0
          : limits.ask.take()
        : votes.has(request.type)
          ? limits.votes.take()
          : 0;
    if (wait > 0) {
      const what = request.type === 'question.ask' ? 'questions' : 'votes';
      return () =>
        this.error(connection, 'rate-limited', `Too many ${what}: try again shortly.`, ref, request.type, wait);
    }
    return async () => {
      try {
        await this.service.handle(access, request);
      } catch (error) {
        if (error instanceof LiveRefusal) {
          return this.error(connection, error.code, error.message, ref, request.type, error.retryAfterMs);
        }
        this.log.error({ err: error, sessionId: access.sessionId, type: request.type }, 'live request failed');
        return this.error(connection, 'internal', 'Something went wrong on our side; try again.', ref, request.type);
      }
      const ack: LiveServerMessageOf<'ack'> = { type: 'ack', ref, of: request.type };
      connection.deliver(JSON.stringify(ack));
    };
  }

  /** Answers a message the protocol refuses; a client that keeps sending such messages is closed. */
  private refuse(
    connection: LiveConnection,
    code: LiveErrorCode,
    message: string,
    ref: Ref = null,
    of: string | null = null,
    retryAfterMs?: number,
  ): void {
    this.error(connection, code, message, ref, of, retryAfterMs);
    if (connection.strikes.take() > 0) {
      connection.socket.close(LIVE_CLOSE.policyViolation, 'Too many refused messages');
    }
  }

  private error(
    connection: LiveConnection,
    code: LiveErrorCode,
    message: string,
    ref: Ref,
    of: string | null,
    retryAfterMs?: number,
  ): void {
    const error: LiveServerMessageOf<'error'> = {
      type: 'error',
      ref,
      of,
      code,
      message,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
    connection.deliver(JSON.stringify(error));
  }
}
