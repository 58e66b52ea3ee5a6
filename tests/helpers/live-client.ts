import { expect } from 'vitest';
import {
  LiveServerMessages,
  type LiveClientMessage,
  type LiveServerMessage,
  type LiveServerMessageOf,
  type LiveServerMessageType,
} from '@apoc/shared';
import { Compile } from 'typebox/compile';
import type WebSocket from 'ws';

// A real WebSocket client (the `ws` package) of the live protocol, for tests against a listening server. Every
// message it receives is checked against the protocol's schema in @apoc/shared.

const serverSchemas = new Map(Object.entries(LiveServerMessages).map(([type, schema]) => [type, Compile(schema)]));

export type Of<K extends LiveServerMessageType> = LiveServerMessageOf<K>;

export interface Refused {
  status: number;
  contentType: string;
  body: { title?: string; detail?: string };
}

/** One live connection, with an inbox of what the server sent that tests take messages from. */
export class LiveTestClient {
  private readonly inbox: LiveServerMessage[] = [];
  private readonly waiters = new Set<() => void>();
  private nextRef = 1;
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      expect(isBinary).toBe(false);
      const message = JSON.parse(String(data)) as LiveServerMessage;
      const validator = serverSchemas.get(message.type);
      expect(validator, `unknown server message type ${message.type}`).toBeDefined();
      expect(validator?.Errors(message) ?? [], JSON.stringify(message)).toEqual([]);
      this.inbox.push(message);
      for (const wake of this.waiters) wake();
    });
    this.closed = new Promise((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );
  }

  /** Takes the first message not yet taken of a type (and matching `where`), waiting for it if need be. */
  async take<K extends LiveServerMessageType>(
    type: K,
    where: (message: Of<K>) => boolean = () => true,
    timeoutMs = 3000,
  ): Promise<Of<K>> {
    const find = () => this.inbox.findIndex((m) => m.type === type && where(m as Of<K>));
    let index = find();
    if (index < 0) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.waiters.delete(wake);
          const recent = JSON.stringify(this.inbox.slice(-10));
          reject(new Error(`no ${type} message within ${timeoutMs} ms; last received: ${recent}`));
        }, timeoutMs);
        const wake = () => {
          if (find() < 0) return;
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        this.waiters.add(wake);
      });
      index = find();
    }
    const [message] = this.inbox.splice(index, 1);
    return message as Of<K>;
  }

  /** Messages received and not taken, of some types (all by default). */
  pending(...types: LiveServerMessageType[]): LiveServerMessage[] {
    return this.inbox.filter((m) => types.length === 0 || types.includes(m.type));
  }

  /** Forgets every message received so far. */
  drain(): void {
    this.inbox.length = 0;
  }

  send(message: LiveClientMessage | string | Buffer): void {
    this.socket.send(typeof message === 'object' && !Buffer.isBuffer(message) ? JSON.stringify(message) : message);
  }

  /** Sends a request and resolves with its answer: the ack, or the error. */
  async request(message: LiveClientMessage): Promise<Of<'ack'> | Of<'error'>> {
    const ref = `r${this.nextRef++}`;
    this.send({ ...message, ref });
    const answer = await Promise.race([
      this.take('ack', (m) => m.ref === ref),
      this.take('error', (m) => m.ref === ref),
    ]);
    // The loser of the race is still waiting: its timer only rejects a promise nobody awaits.
    return answer;
  }

  /** Sends a request that must succeed. */
  async ok(message: LiveClientMessage): Promise<void> {
    const answer = await this.request(message);
    expect(answer, JSON.stringify(answer)).toMatchObject({ type: 'ack', of: message.type });
  }

  /** Sends a request that must be refused with `code`. */
  async refused(message: LiveClientMessage, code: Of<'error'>['code']): Promise<Of<'error'>> {
    const answer = await this.request(message);
    expect(answer, JSON.stringify(answer)).toMatchObject({ type: 'error', code });
    return answer as Of<'error'>;
  }

  /**
   * Waits until the server has processed everything sent before: the server handles a connection's messages
   * in order and publishes events before it acknowledges the request that caused them.
   */
  async settle(): Promise<void> {
    const ref = `p${this.nextRef++}`;
    this.send({ type: 'ping', ref });
    await this.take('pong', (m) => m.ref === ref);
  }

  close(): void {
    this.socket.close();
  }
}

/** A member as the live tests use them: who, and the cookie of their sign-in. */
export interface Person {
  id: string;
  cookie: string;
}
