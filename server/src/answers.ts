import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Kept } from './kept';

/** An answer serialised once, with a strong ETag: a hash of its bytes, so the same on every instance. */
export interface Answer {
  body: string;
  etag: string;
}

export function answerOf(body: string): Answer {
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

/**
 * Answers built from data that changes rarely (the published summits), kept serialised until `clear`. An answer
 * built while a change commits is used for that request only: one that could be stale is never kept.
 */
export class AnswerCache {
  private readonly answers = new Kept<Answer>();

  /** The answer kept for `key`, if there is one. */
  peek(key: string): Answer | undefined {
    return this.answers.peek(key);
  }

  async get(key: string, build: () => Promise<string>): Promise<Answer> {
    return this.answers.get(key, async () => answerOf(await build()));
  }

  clear(): void {
    this.answers.clear();
  }
}

/** RFC 9110 If-None-Match: the client holds this very answer. */
export function holds(request: FastifyRequest, etag: string): boolean {
  const tags = request.headers['if-none-match'];
  return tags !== undefined && tags.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*');
}

/**
 * Sends a serialised JSON answer with its ETag, or 304 when the client holds it. `no-cache`: a browser keeps it
 * but asks each time, since an organiser's change must show at once.
 */
export function sendAnswer(request: FastifyRequest, reply: FastifyReply, answer: Answer): FastifyReply {
  reply.header('etag', answer.etag).header('cache-control', 'no-cache');
  if (holds(request, answer.etag)) return reply.status(304).send();
  return reply.type('application/json; charset=utf-8').send(answer.body);
}
