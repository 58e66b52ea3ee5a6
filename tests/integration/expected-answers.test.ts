import { tables } from '../helpers/db';
import type { CurrentSession, Registration } from '@apoc/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signIn } from '../helpers/auth';
import { TestClock } from '../helpers/clock';
import { createMember, createSession, createSummit } from '../helpers/factories';

// The web app asks "who is signed in?" and "am I registered?" on every visit. A visitor and a member who has
// not registered yet are normal answers, not failures: these questions answer them with a 200, so that the
// browser's console stays free of the 401s and 404s it logs as errors. The contract's routes keep theirs.
describe('questions whose "no" is a normal answer', () => {
  const clock = new TestClock(new Date('2031-01-15T10:00:00Z'));
  let t: TestApp;
  let cookie: string;
  let memberId: string;
  const summits: string[] = [];

  beforeAll(async () => {
    t = await buildTestApp({ clock: clock.now });
    const member = await createMember(t.app.db, null, 'Mina Park');
    memberId = member.id;
    cookie = await signIn(t, member.email);
    for (const startDate of ['2031-03-10', '2031-09-15']) {
      const summit = await createSummit(t.app.db, { startDate, endDate: startDate, timeZone: 'Asia/Seoul' });
      await createSession(t.app.db, summit.id, { startsAt: new Date(`${startDate}T01:00:00Z`) });
      // Published (so registration is open) a week before the clock's "now".
      const publishedAt = new Date('2031-01-08T10:00:00Z');
      await t.app.db.unit(async () =>
        t.app.db.q.update(tables.summits).set({ publishedAt }).where(eq(tables.summits.id, summit.id)),
      );
      summits.push(summit.id);
    }
  });
  afterAll(async () => t.close());

  const get = (url: string, withCookie = true) =>
    t.app.inject({ method: 'GET', url, headers: withCookie ? { cookie } : {} });

  it('tells a visitor that nobody is signed in with 200 {member: null}, while GET /api/me keeps its 401', async () => {
    const visitor = await get('/api/auth/session', false);
    expect(visitor.statusCode).toBe(200);
    expect(visitor.json()).toEqual({ member: null });
    expect((await get('/api/me', false)).statusCode).toBe(401);
  });

  it('names the signed-in member as GET /api/me does', async () => {
    const answer = await get('/api/auth/session');
    expect(answer.statusCode).toBe(200);
    expect((answer.json() as CurrentSession).member).toEqual((await get('/api/me')).json());
    expect((answer.json() as CurrentSession).member).toMatchObject({ id: memberId, name: 'Mina Park' });
  });

  it('answers a stale cookie with {member: null}, as for a visitor', async () => {
    const stale = await t.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: 'apoc_session=not-a-real-session' },
    });
    expect(stale.statusCode).toBe(200);
    expect(stale.json()).toEqual({ member: null });
  });

  it('lists no registration for a summit before registering, then only that summit’s', async () => {
    const [first, second] = summits as [string, string];
    const before = await get(`/api/me/registrations?summitId=${first}`);
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual([]);
    // The contract's own route still answers 404 here.
    expect((await get(`/api/summits/${first}/registrations/me`)).statusCode).toBe(404);

    for (const summitId of [first, second]) {
      const registered = await t.app.inject({
        method: 'POST',
        url: `/api/summits/${summitId}/registrations`,
        headers: browserHeaders(t.config, cookie),
        payload: { mode: 'virtual' },
      });
      expect(registered.statusCode, registered.body).toBe(201);
    }
    const mine = (await get(`/api/me/registrations?summitId=${first}`)).json() as Registration[];
    expect(mine.map((registration) => registration.summitId)).toEqual([first]);
    expect(((await get('/api/me/registrations')).json() as Registration[]).map((r) => r.summitId).sort()).toEqual(
      [first, second].sort(),
    );
  });
});
