import type { SummitDetail, SummitSummary } from '@apoc/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app';
import {
  addPerson,
  createInstitution,
  createMember,
  createSession,
  createSummit,
  createTrack,
} from '../helpers/factories';

describe('summits and their agenda', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  it('lists published summits earliest first and hides drafts', async () => {
    const later = await createSummit(t.app.db, { title: 'Later', startDate: '2027-09-14', endDate: '2027-09-15' });
    const earlier = await createSummit(t.app.db, { title: 'Earlier', startDate: '2027-03-09', endDate: '2027-03-10' });
    const draft = await createSummit(t.app.db, { title: 'Draft', status: 'draft' });

    const response = await t.app.inject({ method: 'GET', url: '/api/summits' });
    expect(response.statusCode).toBe(200);
    const ids = (response.json() as SummitSummary[]).map((summit) => summit.id);
    expect(ids.indexOf(earlier.id)).toBeLessThan(ids.indexOf(later.id));
    expect(ids).not.toContain(draft.id);

    const detail = await t.app.inject({ method: 'GET', url: `/api/summits/${draft.id}` });
    expect(detail.statusCode).toBe(404);
  });

  it("gives a summit's days as instants in its own zone, across a daylight-saving change", async () => {
    // Europe/Berlin springs forward on Sunday 28 March 2027: the summit's first day is on CET, its last on CEST.
    const summit = await createSummit(t.app.db, {
      timeZone: 'Europe/Berlin',
      startDate: '2027-03-27',
      endDate: '2027-03-29',
    });
    const body = (await t.app.inject({ method: 'GET', url: `/api/summits/${summit.id}` })).json() as SummitDetail;
    expect(body.startsAt).toBe('2027-03-26T23:00:00.000Z');
    expect(body.endsAt).toBe('2027-03-29T22:00:00.000Z');
    expect(body.timeZone).toBe('Europe/Berlin');
  });

  it('returns the agenda with tracks, sessions in time order and their people, but never join URLs', async () => {
    const summit = await createSummit(t.app.db);
    const track = await createTrack(t.app.db, summit.id);
    const asan = await createInstitution(t.app.db, 'Asia/Seoul');
    const speaker = await createMember(t.app.db, asan.id, 'Dr Min-ji Park');
    const second = await createSession(t.app.db, summit.id, {
      title: 'Second',
      startsAt: new Date('2027-03-09T15:00:00Z'),
      joinUrl: 'https://video.example.org/secret',
    });
    const first = await createSession(t.app.db, summit.id, {
      title: 'First',
      startsAt: new Date('2027-03-09T13:00:00Z'),
      trackId: track.id,
    });
    const cancelled = await createSession(t.app.db, summit.id, {
      title: 'Cancelled',
      status: 'cancelled',
      startsAt: new Date('2027-03-09T14:00:00Z'),
    });
    await addPerson(t.app.db, first.id, speaker.id, 'speaker');

    const response = await t.app.inject({ method: 'GET', url: `/api/summits/${summit.id}` });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('secret');
    expect(response.body).not.toContain('joinUrl');
    expect(response.body).not.toContain(speaker.email);

    const body = response.json() as SummitDetail;
    expect(body.tracks).toEqual([{ id: track.id, name: 'Thoracic', color: '#1d4ed8' }]);
    expect(body.sessions.map((s) => s.title)).toEqual(['First', 'Cancelled', 'Second']);
    expect(body.sessions[0]).toMatchObject({
      id: first.id,
      startsAt: '2027-03-09T13:00:00.000Z',
      endsAt: '2027-03-09T14:00:00.000Z',
      trackId: track.id,
      people: [{ memberId: speaker.id, name: 'Dr Min-ji Park', role: 'speaker', institutionId: asan.id }],
    });
    expect(body.sessions.find((s) => s.id === cancelled.id)?.status).toBe('cancelled');
    expect(body.sessionCount).toBe(2);
    expect(second.id).toBeTruthy();
  });

  it('keeps unscheduled sessions in the agenda with null times', async () => {
    const summit = await createSummit(t.app.db);
    await createSession(t.app.db, summit.id, { title: 'Not yet placed', startsAt: null, endsAt: null });
    const body = (await t.app.inject({ method: 'GET', url: `/api/summits/${summit.id}` })).json() as SummitDetail;
    expect(body.sessions).toMatchObject([{ title: 'Not yet placed', startsAt: null, endsAt: null }]);
  });

  it('answers an unknown summit with a 404 problem', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/summits/no-such-summit' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 404, title: 'Not found' });
  });

  it('lists the organisations of an empty network as an empty array', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/institutions' });
    expect(response.statusCode).toBe(200);
    expect(Array.isArray(response.json())).toBe(true);
  });
});

describe('the demo network', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo' });
  });
  afterAll(async () => t.close());

  it('serves the nine organisations with their zones', async () => {
    const institutions = (await t.app.inject({ method: 'GET', url: '/api/institutions' })).json() as {
      city: string;
      timeZone: string;
    }[];
    expect(institutions).toHaveLength(9);
    expect(institutions.map((i) => i.timeZone)).toEqual(
      expect.arrayContaining([
        'Asia/Seoul',
        'America/New_York',
        'Europe/Berlin',
        'Europe/Paris',
        'Australia/Melbourne',
        'America/Toronto',
        'Europe/Madrid',
        'America/Los_Angeles',
      ]),
    );
  });

  it('serves past and upcoming summits of both formats, each with an agenda', async () => {
    const summits = (await t.app.inject({ method: 'GET', url: '/api/summits' })).json() as SummitSummary[];
    const now = Date.now();
    const past = summits.filter((s) => Date.parse(s.endsAt) < now);
    const upcoming = summits.filter((s) => Date.parse(s.startsAt) > now);
    expect(new Set(past.map((s) => s.format))).toEqual(new Set(['in_person', 'virtual']));
    expect(new Set(upcoming.map((s) => s.format))).toEqual(new Set(['in_person', 'virtual']));
    expect(summits.find((s) => s.startDate.startsWith('2023-06'))).toMatchObject({
      format: 'in_person',
      timeZone: 'America/Los_Angeles',
    });
    for (const summit of summits) expect(summit.sessionCount).toBeGreaterThanOrEqual(12);
  });
});
