import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadConfig } from '@apoc/server';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';

// The error mapping is shared by every route; a probe route with a body schema exercises it the way
// later features' routes will be called, malformed and oversized bodies included.
describe('bad input gets a clear 4xx problem and changes nothing', () => {
  let app: FastifyInstance;
  let dir: string;
  const received: unknown[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'apoc-problems-'));
    app = await buildApp(loadConfig({ DATABASE_PATH: join(dir, 'db.sqlite'), APOC_SEED: 'none', LOG_LEVEL: 'silent' }));
    app.post(
      '/api/probe',
      {
        schema: {
          body: Type.Object(
            { title: Type.String({ minLength: 1 }), seats: Type.Integer({ minimum: 0 }) },
            { additionalProperties: false },
          ),
        },
        config: { access: 'public' },
      },
      async (request) => {
        received.push(request.body);
        return { ok: true };
      },
    );
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (payload: string, contentType = 'application/json') =>
    app.inject({ method: 'POST', url: '/api/probe', payload, headers: { 'content-type': contentType } });

  function expectProblem(response: Awaited<ReturnType<typeof post>>, status: number) {
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json();
    expect(problem).toMatchObject({ status, title: expect.any(String), type: expect.any(String) });
    return problem;
  }

  it('accepts a valid body', async () => {
    const response = await post(JSON.stringify({ title: 'Ok', seats: 3 }));
    expect(response.statusCode).toBe(200);
    expect(received).toHaveLength(1);
  });

  it('answers malformed JSON with 400', async () => {
    expectProblem(await post('{"title": "unterminated'), 400);
  });

  it('answers wrong types with 400 naming each field', async () => {
    const problem = expectProblem(await post(JSON.stringify({ title: 42, seats: 'many' })), 400);
    expect(problem.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['body/title', 'body/seats']),
    );
  });

  it('answers missing and unknown fields with 400', async () => {
    const problem = expectProblem(await post(JSON.stringify({ seats: 1, colour: 'red' })), 400);
    expect(problem.detail).toMatch(/title/);
  });

  it('answers an oversized body with 413', async () => {
    expectProblem(await post(JSON.stringify({ title: 'x'.repeat(300 * 1024), seats: 1 })), 413);
  });

  it('answers an unsupported content type with 415', async () => {
    expectProblem(await post('title=x', 'application/x-www-form-urlencoded'), 415);
  });

  it('answers unknown API routes with a 404 problem', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/no/such/route' });
    expectProblem(response, 404);
  });

  it('answers a malformed id with 400 and an unknown one with 404', async () => {
    expectProblem(await app.inject({ method: 'GET', url: '/api/summits/%3Cscript%3E' }), 400);
    expectProblem(await app.inject({ method: 'GET', url: `/api/summits/${'a'.repeat(65)}` }), 400);
    expectProblem(await app.inject({ method: 'GET', url: '/api/summits/unknown' }), 404);
  });

  it('stored nothing from any of the bad requests', () => {
    expect(received).toEqual([{ title: 'Ok', seats: 3 }]);
  });
});
