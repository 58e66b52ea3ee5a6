import { tables } from '../helpers/db';
import { zonedInstant, type SessionKind } from '@apoc/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signIn } from '../helpers/auth';
import { createInstitution, createMember } from '../helpers/factories';

// Breaks are everyone's pause, not a choice: they never enter a personal agenda (nor the calendar feed
// that follows it). Networking events are chosen, so they can be starred.
describe('starring breaks', () => {
  let t: TestApp;
  let cookie: string;
  let summitTitle: string;
  const ids = { coffee: '', reception: '', keynote: '' };

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.app.db;
    const organiserRow = await createMember(db, null, 'Stars Organiser');
    await db.unit(async () =>
      db.q.update(tables.members).set({ role: 'organiser' }).where(eq(tables.members.id, organiserRow.id)),
    );
    const organiser = await signIn(t, organiserRow.email);
    const send = async (url: string, payload: object) => {
      const response = await t.app.inject({
        method: 'POST',
        url,
        headers: browserHeaders(t.config, organiser),
        payload,
      });
      expect(response.statusCode, response.body).toBeLessThan(300);
      return response.json() as { id: string };
    };
    // A summit far from any edge of "now": starring depends on publication, not on the date.
    summitTitle = 'Stars Test Summit';
    const summit = await send('/api/summits', {
      title: summitTitle,
      format: 'virtual',
      timeZone: 'Europe/Berlin',
      startDate: '2031-06-10',
      endDate: '2031-06-10',
    });
    const session = async (title: string, kind: SessionKind, start: string, end: string) =>
      (
        await send(`/api/summits/${summit.id}/sessions`, {
          title,
          kind,
          startsAt: zonedInstant('2031-06-10', start, 'Europe/Berlin').toISOString(),
          endsAt: zonedInstant('2031-06-10', end, 'Europe/Berlin').toISOString(),
        })
      ).id;
    ids.keynote = await session('Keynote', 'keynote', '09:00', '10:00');
    ids.coffee = await session('Coffee break', 'break', '10:00', '10:30');
    ids.reception = await session('Reception', 'networking', '18:00', '20:00');
    await send(`/api/summits/${summit.id}/publish`, {});
    const member = await createMember(db, (await createInstitution(db)).id, 'Starring Member');
    cookie = await signIn(t, member.email);
  });

  afterAll(async () => {
    await t.close();
  });

  const star = (sessionId: string, method: 'PUT' | 'DELETE' = 'PUT') =>
    t.app.inject({ method, url: `/api/sessions/${sessionId}/star`, headers: browserHeaders(t.config, cookie) });
  const starred = async () =>
    (await t.app.inject({ method: 'GET', url: '/api/me/stars', headers: browserHeaders(t.config, cookie) })).json();

  it('refuses to star a break with a 422 problem that names the session and its summit', async () => {
    const response = await star(ids.coffee);
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json();
    expect(problem).toMatchObject({
      status: 422,
      type: 'https://apoc.invalid/problems/not-starrable',
      title: 'This session cannot be starred',
    });
    expect(problem.detail).toContain('Coffee break');
    expect(problem.detail).toContain(summitTitle);
    expect(await starred()).not.toContain(ids.coffee);
  });

  it('stars content sessions and networking events as before', async () => {
    expect((await star(ids.keynote)).statusCode).toBe(204);
    expect((await star(ids.reception)).statusCode).toBe(204);
    expect((await starred()).sort()).toEqual([ids.keynote, ids.reception].sort());
  });

  it('still lets a member unstar a break (one starred before the rule), without error', async () => {
    expect((await star(ids.coffee, 'DELETE')).statusCode).toBe(204);
  });

  it('answers 404, not 422, for a session that does not exist', async () => {
    expect((await star('session-missing')).statusCode).toBe(404);
  });
});
