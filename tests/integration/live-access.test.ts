import {
  LIVE_CLOSE,
  LIVE_PROTOCOL_VERSION,
  localDate,
  zonedInstant,
  type SessionDetail,
  type SummitDetail,
} from '@apoc/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, type TestApp } from '../helpers/app';
import { signIn, signedInMembers } from '../helpers/auth';
import { DAYS } from '../helpers/clock';
import { demoSession, type DemoSummitIds } from '../helpers/demo';
import type { Person } from '../helpers/live-client';
import { liveWorld } from '../helpers/live-world';

// Real WebSocket clients against a listening server on a real SQLite file (see tests/helpers/live-world.ts).

describe('live Q&A over a WebSocket: who may connect', () => {
  const world = liveWorld();
  let t: TestApp;
  let demo: DemoSummitIds;
  let organiser: Person;
  const { attendee, connect, join, refusal, register, detail } = world;
  beforeAll(() => {
    ({ t, demo, organiser } = world);
  });
  describe('who may connect', () => {
    let session = '';
    beforeAll(() => {
      session = demoSession(demo.nextVirtual, 2);
    });

    it('refuses anonymous callers with 401 problem+json, before upgrading; their session detail has no live role', async () => {
      const refused = await refusal(session, { origin: t.config.publicUrl.origin });
      expect(refused.status).toBe(401);
      expect(refused.contentType).toMatch(/application\/problem\+json/);
      expect(await detail(session)).not.toHaveProperty('live');
    });

    it('refuses pages of another origin with 403: a cookie alone does not open a live connection', async () => {
      const foreign = await refusal(session, { cookie: attendee(0).cookie, origin: 'https://evil.example' });
      expect(foreign.status).toBe(403);
      expect(foreign.body.detail).toContain(t.config.publicUrl.origin);
      expect((await refusal(session, { cookie: attendee(0).cookie })).status).toBe(403);
    });

    it('refuses members registered for another summit only, and members not registered, with 403, as their session detail says (live: null)', async () => {
      const [elsewhere, nowhere] = await signedInMembers(t, 2, 'essen');
      expect((await register(elsewhere as Person, demo.nextInPerson, 'in_person')).statusCode).toBe(201);
      for (const person of [elsewhere, nowhere] as Person[]) {
        expect((await detail(session, person)).live).toBeNull();
        const refused = await refusal(session, { cookie: person.cookie, origin: t.config.publicUrl.origin });
        expect(refused.status).toBe(403);
        expect(refused.body.detail).toMatch(/registered/);
      }
    });

    it('answers 404 for a session that does not exist', async () => {
      const refused = await refusal('no-such-session', {
        cookie: attendee(0).cookie,
        origin: t.config.publicUrl.origin,
      });
      expect(refused.status).toBe(404);
    });

    it('answers a plain GET with 426 Upgrade Required rather than hanging', async () => {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/sessions/${session}/live`,
        headers: browserHeaders(t.config, attendee(0).cookie),
      });
      expect(response.statusCode).toBe(426);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
      expect(response.headers.upgrade).toBe('websocket');
    });

    it('lets in registered members, the session’s speakers and chairs, and organisers; chairs moderate, as the session detail tells each', async () => {
      const chair = { id: 'm-princess-margaret-clarke', cookie: await signIn(t, 'hannah.clarke@demo.apoc.test') };
      const speaker = { id: 'm-asan-han', cookie: await signIn(t, 'seoyeon.han@demo.apoc.test') };
      const seen = [];
      for (const person of [attendee(0), speaker, chair, organiser]) {
        const { live } = await detail(session, person);
        const { snapshot } = await join(session, person);
        seen.push({ memberId: snapshot.you.memberId, moderator: snapshot.you.moderator, live });
      }
      expect(seen).toEqual([
        { memberId: attendee(0).id, moderator: false, live: 'attendee' },
        { memberId: speaker.id, moderator: false, live: 'attendee' },
        { memberId: chair.id, moderator: true, live: 'moderator' },
        { memberId: organiser.id, moderator: true, live: 'moderator' },
      ]);
    });

    it('lets in members with an in-person seat too, and nobody but organisers once the session is cancelled', async () => {
      const organise = (method: 'POST' | 'PATCH', url: string, payload: object) =>
        t.app.inject({ method, url, headers: browserHeaders(t.config, organiser.cookie), payload });
      const day = localDate(Date.now() + 20 * DAYS, 'Asia/Seoul');
      const summit = (
        await organise('POST', '/api/summits', {
          title: 'Hybrid live roles',
          format: 'hybrid',
          timeZone: 'Asia/Seoul',
          startDate: day,
          endDate: day,
          venue: { name: 'Asan Medical Center', city: 'Seoul' },
          seats: { inPerson: 10, virtual: 10 },
        })
      ).json() as SummitDetail;
      const sessions = [];
      for (const [title, start, end] of [
        ['Held as planned', '10:00', '11:00'],
        ['Called off', '11:00', '12:00'],
      ] as const) {
        const created = await organise('POST', `/api/summits/${summit.id}/sessions`, {
          title,
          kind: 'plenary',
          startsAt: zonedInstant(day, start, 'Asia/Seoul').toISOString(),
          endsAt: zonedInstant(day, end, 'Asia/Seoul').toISOString(),
        });
        sessions.push((created.json() as SessionDetail).id);
      }
      const [held, calledOff] = sessions as [string, string];
      expect((await organise('POST', `/api/summits/${summit.id}/publish`, {})).statusCode).toBe(200);
      const [inPerson] = await signedInMembers(t, 1, 'asan');
      if (!inPerson) throw new Error('member');
      expect((await register(inPerson, summit.id, 'in_person')).json()).toMatchObject({ status: 'confirmed' });

      for (const session of [held, calledOff]) {
        expect((await detail(session, inPerson)).live).toBe('attendee');
      }
      expect((await join(held, inPerson)).snapshot.you.moderator).toBe(false);

      await organise('PATCH', `/api/sessions/${calledOff}`, { status: 'cancelled' });
      expect((await organise('POST', `/api/summits/${summit.id}/publish`, {})).statusCode).toBe(200);
      expect(await detail(calledOff, inPerson)).toMatchObject({ status: 'cancelled', live: null });
      const refused = await refusal(calledOff, { cookie: inPerson.cookie, origin: t.config.publicUrl.origin });
      expect(refused.status).toBe(409);
      expect((await detail(calledOff, organiser)).live).toBe('moderator');
      expect((await join(calledOff, organiser)).snapshot.you.moderator).toBe(true);
      expect((await detail(held, inPerson)).live).toBe('attendee');
    });

    it('tells a client speaking another protocol version to reload, and closes', async () => {
      const client = await connect(session, attendee(0), { protocol: LIVE_PROTOCOL_VERSION + 1 });
      expect(await client.take('error')).toMatchObject({ code: 'unsupported-protocol' });
      expect((await client.closed).code).toBe(LIVE_CLOSE.unsupportedProtocol);
    });
  });
});
