import {
  addDays,
  localDate,
  wallClock,
  type FairnessReport,
  type PlannerResponse,
  type SummitDetail,
  type SummitSummary,
} from '@apoc/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { demoSummitIds } from '../helpers/demo';
import { signIn, signedInMembers } from '../helpers/auth';

describe('the time-zone planner', () => {
  let t: TestApp;
  let organiser: string;
  let member: string;

  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo' });
    organiser = await signIn(t, 'organiser@demo.apoc.test');
    member = await signIn(t, 'laia.puig@demo.apoc.test');
  });
  afterAll(async () => t.close());

  const plan = (payload: object, cookie: string | null = organiser) =>
    t.app.inject({
      method: 'POST',
      url: '/api/planner/slots',
      headers: browserHeaders(t.config, cookie ?? undefined),
      payload,
    });
  const get = (url: string, cookie: string = organiser) =>
    t.app.inject({ method: 'GET', url, headers: browserHeaders(t.config, cookie) });

  /** A date two years ahead: every published demo edition lies before it, whenever the tests run. */
  const farAhead = () => addDays(localDate(new Date(), 'UTC'), 730);

  it('gives organisers ranked start times with every institution’s local time and class', async () => {
    const response = await plan({ dates: ['2027-03-09'], durationMinutes: 90, rotation: false });
    expect(response.statusCode).toBe(200);
    const body = response.json() as PlannerResponse;
    expect(body.slots).toHaveLength(20);
    const [best] = body.slots;
    // Graded by hour, nobody is woken between 00:00 and 06:00: Europe at 22:00 and Seoul at 06:00.
    expect(best).toMatchObject({ startsAt: '2027-03-09T21:00:00.000Z', score: 75.9, penalty: 13, deepNight: 0 });
    expect(best!.local).toHaveLength(9);
    expect(best!.local.find((entry) => entry.institutionId === 'asan')).toMatchObject({
      localStart: '2027-03-10T06:00',
      comfort: 'night',
    });
    expect(best!.local.find((entry) => entry.institutionId === 'essen')).toMatchObject({
      localStart: '2027-03-09T22:00',
      comfort: 'night',
    });
    for (const slot of body.slots) {
      for (const entry of slot.local) expect(['working', 'acceptable', 'night']).toContain(entry.comfort);
    }
    const scores = body.slots.map((slot) => slot.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(best!.explanation).toContain('Seoul at 06:00: early morning');
    expect(body.pairs[0]).toMatchObject({
      first: { startsAt: '2027-03-09T00:00:00.000Z' },
      second: { startsAt: '2027-03-09T15:00:00.000Z' },
      everyoneHasWorkingOption: true,
    });
    expect(body).toMatchObject({ timeZone: 'UTC', candidates: 96, feasible: 96, rotation: { applied: false } });
  });

  it('honours must-attend institutions and the UTC window', async () => {
    const response = await plan({
      dates: ['2027-03-09'],
      durationMinutes: 90,
      mustAttend: ['asan'],
      earliestUtc: '22:00',
      latestUtc: '06:00',
      limit: 200,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json() as PlannerResponse;
    expect(body.slots.length).toBe(body.feasible);
    for (const slot of body.slots) {
      expect(slot.local.find((entry) => entry.institutionId === 'asan')?.comfort).not.toBe('night');
      const hour = Number(slot.startsAt.slice(11, 13));
      expect(hour >= 22 || hour < 6).toBe(true);
    }
  });

  it('plans for zones with headcounts, the way registrants will be counted', async () => {
    const response = await plan({
      dates: ['2027-03-09'],
      durationMinutes: 90,
      audience: {
        kind: 'zones',
        zones: [
          { timeZone: 'Asia/Seoul', headcount: 40 },
          { timeZone: 'Europe/Paris', headcount: 3, label: 'Villejuif' },
        ],
      },
    });
    expect(response.statusCode).toBe(200);
    const [best] = (response.json() as PlannerResponse).slots;
    // Seoul's working day ends (07:30 UTC for 90 minutes) before Paris's begins (08:00 UTC): one of them
    // must start early or stay late, and forty people in Seoul outweigh three in Paris.
    expect(best!.startsAt).toBe('2027-03-09T06:00:00.000Z');
    expect(best!.local).toEqual([
      expect.objectContaining({ institutionId: null, label: 'Seoul', headcount: 40, comfort: 'working' }),
      expect.objectContaining({ institutionId: null, label: 'Villejuif', headcount: 3, comfort: 'acceptable' }),
    ]);
  });

  it('reads the dates in the summit’s zone and looks at the editions before it', async () => {
    const summits = (await get('/api/summits')).json() as SummitSummary[];
    const draft = summits.find((summit) => summit.status === 'draft')!;
    const response = await plan({ dates: [draft.startDate], durationMinutes: 60, summitId: draft.id });
    expect(response.statusCode).toBe(200);
    const body = response.json() as PlannerResponse;
    expect(body.timeZone).toBe(draft.timeZone);
    expect(body.candidates).toBe(96);
    expect(Date.parse(body.slots.at(-1)!.startsAt)).toBeGreaterThanOrEqual(Date.parse(draft.startsAt));
    expect(body.rotation.editions.map((edition) => edition.summitId)).not.toContain(draft.id);
    expect(body.rotation.editions.every((edition) => edition.startDate < draft.startDate)).toBe(true);
  });

  it('reports who carried the nights of the demo’s virtual editions and weighs them up', async () => {
    const response = await plan({ dates: [farAhead()], durationMinutes: 90 });
    expect(response.statusCode).toBe(200);
    const { rotation } = response.json() as PlannerResponse;
    const summits = (await get('/api/summits')).json() as SummitSummary[];
    const virtual = summits
      .filter((summit) => summit.status !== 'draft' && summit.format !== 'in_person')
      .sort((a, b) => b.startDate.localeCompare(a.startDate));
    expect(rotation.applied).toBe(true);
    expect(rotation.editions.map((edition) => edition.summitId)).toEqual(virtual.map((summit) => summit.id));
    expect(rotation.editions.map((edition) => edition.summitId)).toContain('s-2024-virtual');

    // Counted here without the planner: a session is at night in Melbourne if it starts or ends
    // (its last minute) between 22:00 and 07:00 there. Demo sessions last under two hours.
    const nightsIn = (detail: SummitDetail, zone: string) =>
      detail.sessions.filter((session) => {
        if (session.status !== 'scheduled' || session.kind === 'break' || !session.startsAt || !session.endsAt)
          return false;
        const hours = [Date.parse(session.startsAt), Date.parse(session.endsAt) - 60_000].map(
          (instant) => wallClock(instant, zone).hour,
        );
        return hours.some((hour) => hour < 7 || hour >= 22);
      }).length;
    const last = (await get(`/api/summits/${virtual[0]!.id}`)).json() as SummitDetail;
    const earlier = await Promise.all(
      virtual.slice(1).map(async (summit) => (await get(`/api/summits/${summit.id}`)).json() as SummitDetail),
    );
    const byId = new Map(rotation.institutions.map((entry) => [entry.institutionId, entry]));
    const melbourne = byId.get('peter-mac')!;
    expect(melbourne.nightsLastEdition).toBe(nightsIn(last, 'Australia/Melbourne'));
    expect(melbourne.nightsEarlier).toBe(
      earlier.reduce((sum, detail) => sum + nightsIn(detail, 'Australia/Melbourne'), 0),
    );
    expect(melbourne.nightsLastEdition).toBeGreaterThan(0);
    // Virtual editions run 07:00–11:00 in New York: Melbourne's night, Europe's afternoon.
    const heaviest = [...rotation.institutions].sort((a, b) => b.weight - a.weight)[0]!;
    expect(heaviest.institutionId).toBe('peter-mac');
    expect(melbourne.weight).toBeGreaterThan(1);
    expect(byId.get('essen')!).toMatchObject({ nightsLastEdition: 0, nightsEarlier: 0 });
    expect(byId.get('essen')!.weight).toBeLessThan(1);
  });

  it('weighs nothing when no edition was followed from home before the dates', async () => {
    const { rotation } = (await plan({ dates: ['2023-01-10'], durationMinutes: 60 })).json() as PlannerResponse;
    expect(rotation.editions).toEqual([]);
    expect(rotation.institutions.every((entry) => entry.weight === 1 && entry.burden === 0)).toBe(true);
  });

  it('refuses members and anonymous callers', async () => {
    const body = { dates: ['2027-03-09'], durationMinutes: 90 };
    expect((await plan(body, member)).statusCode).toBe(403);
    expect((await plan(body, null)).statusCode).toBe(401);
  });

  it.each([
    ['no dates', { dates: [], durationMinutes: 90 }],
    ['fifteen dates', { dates: Array.from({ length: 15 }, (_, i) => addDays('2027-03-01', i)), durationMinutes: 90 }],
    ['a date in another format', { dates: ['9 March 2027'], durationMinutes: 90 }],
    ['a date that does not exist', { dates: ['2027-02-30'], durationMinutes: 90 }],
    ['a session shorter than 15 minutes', { dates: ['2027-03-09'], durationMinutes: 10 }],
    ['a session longer than 8 hours', { dates: ['2027-03-09'], durationMinutes: 485 }],
    ['a duration that is not a multiple of 5', { dates: ['2027-03-09'], durationMinutes: 92 }],
    ['an unknown must-attend institution', { dates: ['2027-03-09'], durationMinutes: 90, mustAttend: ['mayo'] }],
    [
      'an unknown audience institution',
      {
        dates: ['2027-03-09'],
        durationMinutes: 90,
        audience: { kind: 'institutions', institutionIds: ['asan', 'mayo'] },
      },
    ],
    [
      'an unknown zone',
      {
        dates: ['2027-03-09'],
        durationMinutes: 90,
        audience: { kind: 'zones', zones: [{ timeZone: 'Mars/Base', headcount: 2 }] },
      },
    ],
    ['an unknown summit', { dates: ['2027-03-09'], durationMinutes: 90, summitId: 'nope' }],
    [
      'a window shorter than the session',
      { dates: ['2027-03-09'], durationMinutes: 90, earliestUtc: '10:00', latestUtc: '11:00' },
    ],
    ['a field the planner does not know', { dates: ['2027-03-09'], durationMinutes: 90, fairness: true }],
  ])('answers 400 to %s', async (_case, payload) => {
    const response = await plan(payload);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
  });

  it('answers 400 "no registrations yet" for the registrants of a summit nobody registered for', async () => {
    const response = await plan({
      dates: ['2027-03-09'],
      durationMinutes: 90,
      summitId: 's-2024-virtual',
      audience: { kind: 'registrants' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ title: 'No registrations yet', status: 400 });
  });

  it('plans for the registrants, grouped by the zones they follow the summit from', async () => {
    const [seoul, alsoSeoul, boston] = [
      ...(await signedInMembers(t, 2, 'asan')),
      ...(await signedInMembers(t, 1, 'dana-farber')),
    ];
    for (const person of [seoul, alsoSeoul, boston]) {
      const registered = await t.app.inject({
        method: 'POST',
        url: `/api/summits/${(await demoSummitIds(t.app.db)).nextVirtual}/registrations`,
        headers: browserHeaders(t.config, person?.cookie),
        payload: { mode: 'virtual' },
      });
      expect(registered.statusCode).toBe(201);
    }
    const response = await plan({
      dates: ['2027-03-09'],
      durationMinutes: 90,
      summitId: (await demoSummitIds(t.app.db)).nextVirtual,
      audience: { kind: 'registrants' },
    });
    expect(response.statusCode).toBe(200);
    const best = response.json().slots[0];
    const zones = best.local.map((entry: { institutionId: string | null }) => entry.institutionId);
    expect(zones.every((id: string | null) => id === null)).toBe(true);
    expect(best.local).toHaveLength(2);
  });

  it('reports, per institution, the night and out-of-hours sessions of an edition and of those before it', async () => {
    const response = await get('/api/summits/s-2024-virtual/fairness');
    expect(response.statusCode).toBe(200);
    const report = response.json() as FairnessReport;
    expect(report.editions.map((edition) => [edition.summitId, edition.current, edition.followedFromHome])).toEqual([
      ['s-2024-virtual', true, true],
      ['s-2023-thousand-oaks', false, false],
    ]);
    const [current] = report.editions;
    const melbourne = current!.institutions.find((entry) => entry.institutionId === 'peter-mac')!;
    expect(melbourne.night + melbourne.acceptable + melbourne.working).toBe(current!.sessionCount);
    expect(melbourne.night).toBeGreaterThan(0);
    // Only the virtual edition counts in the totals: in 2023 everyone was in Thousand Oaks.
    expect(report.totals.find((entry) => entry.institutionId === 'peter-mac')).toMatchObject({
      night: melbourne.night,
      acceptable: melbourne.acceptable,
    });
    expect((await get('/api/summits/s-2024-virtual/fairness', member)).statusCode).toBe(403);
    expect((await get('/api/summits/nope/fairness')).statusCode).toBe(404);
  });
});
