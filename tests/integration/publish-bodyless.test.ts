import { tables } from '../helpers/db';
import { zonedInstant, type Changelog, type SummitDetail } from '@apoc/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signIn } from '../helpers/auth';
import { TestClock } from '../helpers/clock';
import { createMember } from '../helpers/factories';

// `POST /api/summits/{id}/publish` is in the public contract with no body: a comment is optional, and so is
// the body that would carry it. The clock and the summit's dates are the test's own, far from any edge.
describe('publishing an agenda without a body', () => {
  const clock = new TestClock(new Date('2031-01-15T10:00:00Z'));
  let t: TestApp;
  let organiser: string;

  beforeAll(async () => {
    t = await buildTestApp({ clock: clock.now });
    const person = await createMember(t.app.db, null, 'Olga Organiser');
    await t.app.db.unit(async () =>
      t.app.db.q.update(tables.members).set({ role: 'organiser' }).where(eq(tables.members.id, person.id)),
    );
    organiser = await signIn(t, person.email);
  });
  afterAll(async () => t.close());

  const at = (time: string) => zonedInstant('2031-03-11', time, 'Europe/Berlin').toISOString();

  /** A draft with one session, or with two at once in the same room when `clash` is set. */
  async function draft(clash = false): Promise<string> {
    const post = async (url: string, payload: object) => {
      const response = await t.app.inject({
        method: 'POST',
        url,
        payload,
        headers: browserHeaders(t.config, organiser),
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json() as { id: string };
    };
    const summit = (await post('/api/summits', {
      title: 'Body-less Summit',
      format: 'in_person',
      timeZone: 'Europe/Berlin',
      startDate: '2031-03-10',
      endDate: '2031-03-12',
      venue: { name: 'Universitätsklinikum Essen', city: 'Essen' },
    })) as SummitDetail;
    const room = await post(`/api/summits/${summit.id}/rooms`, { name: 'Hall A' });
    const session = { kind: 'plenary', startsAt: at('09:00'), endsAt: at('10:00'), roomId: room.id };
    await post(`/api/summits/${summit.id}/sessions`, { title: 'Opening', ...session });
    if (clash) await post(`/api/summits/${summit.id}/sessions`, { title: 'Same room, same hour', ...session });
    return summit.id;
  }

  const publish = (summitId: string, request: { headers?: Record<string, string>; payload?: string | object }) =>
    t.app.inject({
      method: 'POST',
      url: `/api/summits/${summitId}/publish`,
      ...request,
      headers: { ...browserHeaders(t.config, organiser), ...request.headers },
    });

  it('publishes on a POST with no body and no content type', async () => {
    const summitId = await draft();
    const response = await publish(summitId, {});
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ version: 1, changes: [] });
    const changelog = (
      await t.app.inject({ method: 'GET', url: `/api/summits/${summitId}/changes` })
    ).json() as Changelog;
    expect(changelog.versions).toHaveLength(1);
  });

  it('publishes on a POST that declares JSON but sends nothing', async () => {
    const summitId = await draft();
    const response = await publish(summitId, { headers: { 'content-type': 'application/json' }, payload: '' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ version: 1 });
  });

  it('still keeps a comment when one is sent', async () => {
    const summitId = await draft();
    expect((await publish(summitId, { payload: { comment: 'First agenda' } })).statusCode).toBe(200);
    const changelog = (
      await t.app.inject({ method: 'GET', url: `/api/summits/${summitId}/changes` })
    ).json() as Changelog;
    expect(changelog.versions[0]).toMatchObject({ number: 1, comment: 'First agenda' });
  });

  it('still refuses a body that is not a publish request, or not JSON at all, with problem+json', async () => {
    const summitId = await draft();
    for (const payload of [{ comment: 42 }, { comment: 'ok', extra: true }]) {
      const response = await publish(summitId, { payload });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const broken = await publish(summitId, { headers: { 'content-type': 'application/json' }, payload: '{"comment":' });
    expect(broken.statusCode).toBe(400);
    expect(broken.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers a body-less POST on a blocked agenda with 422 listing the conflict', async () => {
    const summitId = await draft(true);
    const response = await publish(summitId, {});
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      conflicts: [expect.objectContaining({ kind: 'room-double-booked', severity: 'error' })],
    });
  });
});
