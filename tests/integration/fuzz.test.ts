import { once } from 'node:events';
import { tables } from '../helpers/db';
import { LiveClientMessages, LIVE_PROTOCOL_VERSION } from '@apoc/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signIn } from '../helpers/auth';
import { demoSummitIds } from '../helpers/demo';
import { logSink } from '../helpers/logs';

// The platform's promise for bad input: a clear 4xx problem+json answer, never a 500 and never a crash.
// This walks every API route the app declares (so routes added later are fuzzed without anyone listing them),
// as a visitor, a member, an organiser and an admin, with random path parameters, query strings and bodies,
// then sends random frames on a live connection. Nothing the server logs may be an error.
//
// The runs are reproducible (a fixed seed); FUZZ_SEED and FUZZ_RUNS explore further:
//   FUZZ_SEED=$RANDOM FUZZ_RUNS=50 pnpm vitest run --project integration tests/integration/fuzz.test.ts

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_205);
const RUNS = Number(process.env.FUZZ_RUNS ?? 4);

/** Field names the API's bodies and queries use, so random objects hit real code paths, not only the validator. */
const FIELDS = [
  'title',
  'format',
  'timeZone',
  'startDate',
  'endDate',
  'seats',
  'venue',
  'name',
  'capacity',
  'kind',
  'startsAt',
  'endsAt',
  'roomId',
  'trackId',
  'status',
  'joinUrl',
  'mode',
  'email',
  'role',
  'institutionId',
  'token',
  'next',
  'language',
  'dates',
  'durationMinutes',
  'memberId',
  'listed',
  'confirm',
  'code',
  'text',
  'q',
  'limit',
  'cursor',
  'summitId',
  'active',
  'reminders',
  'feedScope',
  'csv',
  'body',
  'audience',
  'inPerson',
  'virtual',
] as const;

interface Ids {
  summits: string[];
  sessions: string[];
  members: string[];
  other: string[];
}

function arbitraries(ids: Ids) {
  const realId = fc.constantFrom(...ids.summits, ...ids.sessions, ...ids.members, ...ids.other);
  const oddText = fc.constantFrom('', ' ', '..', '%00', '\u0000', 'null', '0', '-1', '9'.repeat(40), 'é', '<b>', '💥');
  const text = fc.oneof(fc.string({ maxLength: 30 }), oddText, realId);
  const plausible = fc.constantFrom(
    '2027-03-10',
    '2027-03-10T09:00:00+01:00',
    '2027-03-10T09:00:00Z',
    'Europe/Paris',
    'Mars/Olympus',
    'in_person',
    'virtual',
    'hybrid',
    'admin',
    'guest',
    'cancelled',
    'someone@demo.apoc.test',
    'https://video.example/join',
    'javascript:alert(1)',
  );
  const value = fc.oneof(
    { weight: 3, arbitrary: fc.oneof(text, plausible) },
    fc.integer({ min: -1e6, max: 1e12 }),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.oneof(text, plausible, fc.integer()), { maxLength: 4 }),
    fc.jsonValue({ maxDepth: 2 }),
  );
  const shaped = fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 6 });
  const body = fc.oneof(
    { weight: 4, arbitrary: shaped },
    fc.jsonValue({ maxDepth: 3 }),
    fc.constant({ __raw: '{"title": ' }),
  );
  const query = fc.dictionary(
    fc.constantFrom('q', 'limit', 'cursor', 'summitId', 'kind', 'before', 'lastSeq', 'status', 'mode', 'v', 'zone'),
    fc.oneof(text, fc.integer().map(String), plausible),
    { maxKeys: 3 },
  );
  return { param: text, query, body, value };
}

/** Routes that end the caller's sign-in or erase them run last, so the others are fuzzed signed in. */
function endsSignIn(route: { method: string; url: string }): boolean {
  return (
    (route.method === 'DELETE' && /^\/api\/me(\/sign-ins)?$/.test(route.url)) ||
    route.url === '/api/auth/logout' ||
    (route.method === 'POST' && /\/erase$/.test(route.url))
  );
}

describe('fuzzing every route and live frame', () => {
  let t: TestApp;
  const logs = logSink();
  /** What the app logged at level error or above, as messages. */
  const errors = () =>
    logs
      .entries()
      .filter((entry) => entry.level >= 50)
      .map((entry) => `${entry.msg ?? ''} ${entry.err?.message ?? ''}`.trim());
  const cookies: Record<string, string | undefined> = {};
  let ids: Ids;

  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo', env: { LOG_LEVEL: 'error' }, logStream: logs.stream });
    const db = t.app.db;
    const demo = await demoSummitIds(db);
    const sessions = await db.q.select({ id: tables.sessions.id }).from(tables.sessions);
    const members = await db.q.select({ id: tables.members.id, email: tables.members.email }).from(tables.members);
    const rooms = await db.q.select({ id: tables.rooms.id }).from(tables.rooms).limit(3);
    ids = {
      summits: Object.values(demo),
      sessions: sessions.slice(0, 6).map((s) => s.id),
      // Not the demo admin's or organiser's own rows: a random role change would end the fuzzing of their routes.
      members: members
        .filter((m) => !/^(admin|organiser)@/.test(m.email))
        .slice(0, 6)
        .map((m) => m.id),
      other: rooms.map((r) => r.id),
    };
    const member = members.find((m) => !/^(admin|organiser)@/.test(m.email));
    cookies.member = await signIn(t, member?.email ?? '');
    cookies.organiser = await signIn(t, 'organiser@demo.apoc.test');
    cookies.admin = await signIn(t, 'admin@demo.apoc.test');
    cookies.visitor = undefined;
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers every route with a 4xx problem or a success, never a 5xx, whoever calls it with whatever', async () => {
    const { param, query, body } = arbitraries(ids);
    const routes = [...t.app.apiRoutes].sort((a, b) => Number(endsSignIn(a)) - Number(endsSignIn(b)));
    expect(routes.length).toBeGreaterThan(50);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const route of routes) {
      const names = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1] as string);
      const request = fc.record({
        params: fc.tuple(...names.map(() => param)),
        query,
        body,
        who: fc.constantFrom('visitor', 'member', 'organiser', 'admin'),
      });
      await fc.assert(
        fc.asyncProperty(request, async ({ params, query: search, body: payload, who }) => {
          let url = route.url;
          names.forEach((name, index) => {
            url = url.replace(`:${name}`, encodeURIComponent(params[index] ?? '') || '%20');
          });
          const hasBody = !['GET', 'HEAD'].includes(route.method);
          const raw = typeof payload === 'object' && payload !== null && '__raw' in payload;
          const response = await t.app.inject({
            method: route.method as 'GET',
            url,
            query: search,
            headers: {
              ...browserHeaders(t.config, cookies[who]),
              ...(hasBody ? { 'content-type': 'application/json' } : {}),
            },
            ...(hasBody ? { payload: raw ? String(payload.__raw) : JSON.stringify(payload) } : {}),
          });
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          const type = String(response.headers['content-type'] ?? '');
          if (response.statusCode >= 500) {
            failures.push(`${route.method} ${url} as ${who} → ${response.statusCode} ${response.body.slice(0, 300)}`);
          } else if (response.statusCode >= 400 && !type.startsWith('application/problem+json')) {
            failures.push(`${route.method} ${url} as ${who} → ${response.statusCode} with ${type}`);
          }
        }),
        { seed: SEED, numRuns: RUNS * 4, endOnFailure: true },
      );
    }
    expect(failures).toEqual([]);
    expect(errors()).toEqual([]);
    // It reached the code behind the validators too: some random requests succeeded, and many were refused.
    const count = (test: (status: number) => boolean) =>
      [...statuses].filter(([status]) => test(status)).reduce((sum, [, n]) => sum + n, 0);
    console.log(
      `fuzz: ${String(count(() => true))} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect(count((status) => status < 300)).toBeGreaterThan(routes.length / 4);
    expect(count((status) => status >= 400)).toBeGreaterThan(routes.length * RUNS);
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
  });

  it('survives random frames on a live connection: refuses them in the protocol, never with an internal error', async () => {
    const { value } = arbitraries(ids);
    const organiser = await signIn(t, 'organiser@demo.apoc.test');
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const sessionId = ids.sessions[0] as string;
    const url = `${address.replace('http', 'ws')}/api/sessions/${sessionId}/live?v=${LIVE_PROTOCOL_VERSION}`;
    const types = Object.keys(LiveClientMessages);
    const frame = fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .record({
            type: fc.constantFrom(...types, 'nonsense', ''),
            ref: fc.oneof(fc.string({ maxLength: 8 }), fc.integer()),
            fields: fc.dictionary(
              fc.constantFrom('text', 'questionId', 'pollId', 'choices', 'memberId', 'status', 'anonymous', 'lastSeq'),
              value,
              { maxKeys: 4 },
            ),
          })
          .map(({ type, ref, fields }) => JSON.stringify({ type, ref, ...fields })),
      },
      fc.jsonValue({ maxDepth: 3 }).map((json) => JSON.stringify(json)),
      fc.string({ maxLength: 64 }),
    );
    const frames = fc.sample(frame, { seed: SEED, numRuns: RUNS * 60 });

    const closes: number[] = [];
    let socket: WebSocket | null = null;
    for (const text of frames) {
      if (!socket || socket.readyState !== WebSocket.OPEN) {
        socket = new WebSocket(url, { headers: { origin: t.config.publicUrl.origin, cookie: organiser } });
        socket.on('close', (code) => closes.push(code));
        socket.on('error', () => undefined);
        await once(socket, 'open');
      }
      socket.send(text);
      // Let the server read it before the next one, as a person typing would.
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    socket?.close();
    // Refusing a client that keeps erring (1008) is the protocol; an internal error (1011) is not.
    expect(closes.filter((code) => code === 1011)).toEqual([]);
    expect(errors()).toEqual([]);
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
  });
});
