// The planner grades each hour's burden (issue 13): nobody is put in the deep night (00:00–06:00 local)
// when a start exists that spares everyone, whatever the number of people it puts in the late evening.
// The dates are fixed because the planner is a pure function of them; the institutions are the demo
// network's, which do not move with the clock; rotation (which does) can never wake anyone to spare others.
import {
  COMFORT_CLASSES,
  wallClock,
  type FairnessReport,
  type PlannedSlot,
  type PlannerResponse,
  type SummitDetail,
  type SummitSummary,
} from '@apoc/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signIn } from '../helpers/auth';

/** Whether any minute of a session falls between 00:00 and 06:00 in `zone`, read with Intl alone. */
const inDeepNight = (slot: Pick<PlannedSlot, 'startsAt' | 'endsAt'>, zone: string): boolean => {
  const start = Date.parse(slot.startsAt);
  const minutes = (Date.parse(slot.endsAt) - start) / 60_000;
  return Array.from({ length: minutes }, (_, minute) => wallClock(start + minute * 60_000, zone).hour).some(
    (hour) => hour < 6,
  );
};

describe('the planner, graded by hour', () => {
  let t: TestApp;
  let organiser: string;

  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo' });
    organiser = await signIn(t, 'organiser@demo.apoc.test');
  });
  afterAll(async () => t.close());

  const plan = async (payload: object): Promise<PlannerResponse> => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/planner/slots',
      headers: browserHeaders(t.config, organiser),
      payload,
    });
    expect(response.statusCode).toBe(200);
    return response.json() as PlannerResponse;
  };

  it('puts the top slot of 10 March 2027 where no institution is between 00:00 and 06:00 local', async () => {
    // The contract's request, nothing more: every institution, rotation as it stands.
    const { slots } = await plan({ dates: ['2027-03-10'], durationMinutes: 90 });
    const [best] = slots;
    expect(best!.local).toHaveLength(9);
    for (const entry of best!.local) {
      expect({ institution: entry.institutionId, deepNight: inDeepNight(best!, entry.timeZone) }).toEqual({
        institution: entry.institutionId,
        deepNight: false,
      });
      expect(COMFORT_CLASSES).toContain(entry.comfort);
    }
    // 21:00 UTC: 22:00 in Essen, Paris and Barcelona, 06:00 in Seoul, 08:00 in Melbourne.
    expect(best).toMatchObject({ startsAt: '2027-03-10T21:00:00.000Z', deepNight: 0 });
    expect(best!.score).toBeGreaterThanOrEqual(50);
    const byId = new Map(best!.local.map((entry) => [entry.institutionId, entry]));
    expect(byId.get('essen')).toMatchObject({
      localStart: '2027-03-10T22:00',
      comfort: 'night',
      grade: 'unsocial',
      gradeWords: 'late evening',
      explanation: 'Essen at 22:00: late evening',
    });
    expect(byId.get('asan')).toMatchObject({ localStart: '2027-03-11T06:00', grade: 'unsocial' });
    expect(byId.get('asan')!.explanation).toBe('Seoul at 06:00: early morning');
    expect(byId.get('peter-mac')).toMatchObject({ grade: 'fringe', gradeWords: 'early' });
  });

  it('ranks every slot that wakes nobody before any that does, and scores it 50 or more', async () => {
    const { slots } = await plan({ dates: ['2027-03-10'], durationMinutes: 90, rotation: false, limit: 96 });
    expect(slots).toHaveLength(96);
    const firstWaking = slots.findIndex((slot) => slot.deepNight > 0);
    expect(firstWaking).toBeGreaterThan(0);
    for (const [index, slot] of slots.entries()) {
      const wakesSomeone = slot.local.some((entry) => inDeepNight(slot, entry.timeZone));
      expect({ at: slot.startsAt, wakesSomeone, ranked: index >= firstWaking, scoreBelow50: slot.score < 50 }).toEqual({
        at: slot.startsAt,
        wakesSomeone,
        ranked: wakesSomeone,
        scoreBelow50: wakesSomeone,
      });
    }
    const scores = slots.map((slot) => slot.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('explains the old top slot by its worst places: "Melbourne at 02:00: deep night"', async () => {
    const { slots } = await plan({ dates: ['2027-03-10'], durationMinutes: 90, rotation: false, limit: 96 });
    const old = slots.find((slot) => slot.startsAt === '2027-03-10T15:00:00.000Z')!;
    expect(old.explanation).toMatch(/^Seoul at 00:00: deep night; Melbourne at 02:00: deep night; /);
    expect(old.local.find((entry) => entry.institutionId === 'peter-mac')).toMatchObject({
      localStart: '2027-03-11T02:00',
      comfort: 'night',
      grade: 'deep-night',
      explanation: 'Melbourne at 02:00: deep night',
    });
    expect(old.grades).toEqual({ working: 6, fringe: 1, unsocial: 0, 'deep-night': 2 });
    expect(old.counts).toEqual({ working: 6, acceptable: 1, night: 2 });
  });

  it('never wakes one person at 02:00 to spare two hundred thousand an evening or an early start', async () => {
    const { slots } = await plan({
      dates: ['2027-03-10'],
      durationMinutes: 90,
      limit: 96,
      audience: {
        kind: 'zones',
        zones: [
          { timeZone: 'Australia/Melbourne', headcount: 1 },
          { timeZone: 'Europe/Paris', headcount: 100_000 },
          { timeZone: 'America/New_York', headcount: 100_000 },
        ],
      },
    });
    const [best] = slots;
    // Paris at 20:00 for a hundred thousand and Melbourne at 06:00, rather than Melbourne at 02:00.
    expect(best).toMatchObject({ startsAt: '2027-03-10T19:00:00.000Z', deepNight: 0 });
    expect(best!.explanation).toBe(
      'Melbourne at 06:00: early morning; Paris at 20:00: late; working hours in New York.',
    );
    // 15:00 UTC keeps all two hundred thousand at work and costs a tiny fraction of the penalty, but it
    // wakes Melbourne: it ranks behind every slot that does not.
    const atWorkForTheMany = slots.find((slot) => slot.startsAt === '2027-03-10T15:00:00.000Z')!;
    expect(atWorkForTheMany.penalty).toBeLessThan(best!.penalty / 1000);
    expect(atWorkForTheMany.explanation).toBe('Melbourne at 02:00: deep night; working hours in Paris and New York.');
    expect(slots.indexOf(atWorkForTheMany)).toBeGreaterThan(slots.findLastIndex((slot) => slot.deepNight === 0));
  });

  it('counts, in the fairness report, which night sessions reached the deep night', async () => {
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: browserHeaders(t.config, organiser) });
    // The demo's latest published virtual edition, looked up: the seed places it relative to today.
    const summits = (await get('/api/summits')).json() as SummitSummary[];
    const virtual = summits
      .filter((summit) => summit.status === 'published' && summit.format === 'virtual')
      .sort((a, b) => b.startDate.localeCompare(a.startDate))[0]!;
    const report = (await get(`/api/summits/${virtual.id}/fairness`)).json() as FairnessReport;
    const detail = (await get(`/api/summits/${virtual.id}`)).json() as SummitDetail;
    const melbourne = report.editions[0]!.institutions.find((entry) => entry.institutionId === 'peter-mac')!;
    // Counted here with Intl: sessions with a minute between 00:00 and 06:00 in Melbourne.
    const deepNights = detail.sessions.filter(
      (session) =>
        session.status === 'scheduled' &&
        session.kind !== 'break' &&
        session.startsAt &&
        session.endsAt &&
        inDeepNight({ startsAt: session.startsAt, endsAt: session.endsAt }, 'Australia/Melbourne'),
    ).length;
    expect(melbourne.deepNight).toBe(deepNights);
    for (const edition of report.editions) {
      for (const entry of edition.institutions) expect(entry.deepNight).toBeLessThanOrEqual(entry.night);
    }
  });
});
