import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../time/zones';
import {
  accreditedSessions,
  certificateAvailability,
  certificateGate,
  earnedHundredths,
  evaluationOpen,
  hoursOf,
  hundredthsOf,
  requiredPresenceMs,
  sessionCredits,
  type AccreditedSession,
  type MemberAttendance,
  type PublishedSessionCredits,
} from './credits';
import { PRESENCE_STALE_MS, settledIntervals, type PresenceInterval } from './presence';

const MIN = 60_000;
const t = (iso: string) => Date.parse(iso);
const after = (minutes: number) => start + minutes * MIN;

// An accredited session from 14:00 to 15:00 UTC on 9 March 2027 (15:00 in Berlin), 0.75 hours, and the rule of 80 %.
const start = t('2027-03-09T14:00:00Z');
const keynote: AccreditedSession = {
  id: 'keynote',
  title: 'Keynote',
  startsAt: start,
  endsAt: after(60),
  creditHundredths: 75,
  day: '2027-03-09',
};
const later = t('2027-03-20T00:00:00Z');

const attendance = (
  intervals: PresenceInterval[],
  checkedInDays: string[] = [],
  sessionId = keynote.id,
): MemberAttendance => ({
  presence: new Map([[sessionId, intervals]]),
  checkedInDays: new Set(checkedInDays),
});
const from = (fromMinute: number, toMinute: number | null): PresenceInterval => ({
  from: after(fromMinute),
  to: toMinute === null ? null : after(toMinute),
});
const credit = (intervals: PresenceInterval[], now = later, percent = 80) =>
  sessionCredits([keynote], attendance(intervals), percent, now)[0];

describe('the time that earns a session’s credits', () => {
  it('is the rule’s share of the duration, rounded up to the millisecond', () => {
    expect(requiredPresenceMs(keynote, 80)).toBe(48 * MIN);
    expect(requiredPresenceMs({ startsAt: 0, endsAt: 45 * MIN }, 75)).toBe(33.75 * MIN);
    expect(requiredPresenceMs({ startsAt: 0, endsAt: 7 }, 50)).toBe(4);
  });

  it('earns at exactly 48 of 60 minutes at 80 %, and not a millisecond less', () => {
    expect(credit([from(0, 48)])).toMatchObject({ earned: true, minutesPresent: 48 });
    expect(credit([{ from: after(0), to: after(48) - 1 }])).toMatchObject({ earned: false, minutesPresent: 47 });
  });

  it('earns for 50 of 60 minutes at 80 %, not for 40', () => {
    expect(credit([from(5, 55)])?.earned).toBe(true);
    expect(credit([from(10, 50)])?.earned).toBe(false);
  });

  it('counts several tabs once: two tabs open side by side are the time of their union', () => {
    // 14:00–14:30 and 14:10–14:40 in two tabs: forty minutes, not sixty.
    expect(credit([from(0, 30), from(10, 40)])).toMatchObject({ minutesPresent: 40, earned: false });
    expect(credit([from(0, 30), from(10, 40), from(35, 60)])).toMatchObject({ minutesPresent: 60, earned: true });
  });

  it('adds the stretches of a member who reconnects, without the time between', () => {
    // Three connections with two drops of five minutes: fifty minutes.
    expect(credit([from(0, 20), from(25, 40), from(45, 60)])).toMatchObject({ minutesPresent: 50, earned: true });
  });

  it('counts only the time while the session ran: joining late, leaving early, or waiting before the start', () => {
    expect(credit([from(-30, 10)])).toMatchObject({ minutesPresent: 10, earned: false });
    expect(credit([from(15, 90)])).toMatchObject({ minutesPresent: 45, earned: false });
    expect(credit([from(-10, 70)])).toMatchObject({ minutesPresent: 60, earned: true });
    expect(credit([from(-600, -590)])).toMatchObject({ minutesPresent: 0, earned: false });
  });

  it('says nothing of minutes for a member never in the live room', () => {
    expect(credit([])).toMatchObject({ minutesPresent: null, earned: false, checkedIn: false });
  });

  it('counts an interval still open up to now: a member still there at 14:50 has earned it', () => {
    expect(credit([from(0, null)], after(47))?.earned).toBe(false);
    expect(credit([from(0, null)], after(50))?.earned).toBe(true);
    expect(credit([from(0, null)], later)).toMatchObject({ minutesPresent: 60, earned: true });
  });

  it('ends an interval left open by a stopped server where its member was last seen', () => {
    // Seen at 14:30, then the server stopped: thirty minutes, however late it is read.
    const recorded = [{ from: after(0), to: null, seenAt: after(30) }];
    const settled = settledIntervals(recorded, later);
    expect(settled).toEqual([{ from: after(0), to: after(30) }]);
    expect(credit(settled)).toMatchObject({ minutesPresent: 30, earned: false });
    // Refreshed by a running server at the last heartbeat: still there.
    const fresh = settledIntervals([{ from: after(0), to: null, seenAt: after(49) }], after(49) + PRESENCE_STALE_MS);
    expect(fresh).toEqual([{ from: after(0), to: null }]);
    // A closed interval keeps its end.
    expect(settledIntervals([{ from: after(0), to: after(55), seenAt: after(30) }], later)).toEqual([
      { from: after(0), to: after(55) },
    ]);
  });

  it('follows the summit’s rule: 100 % needs the whole session, 1 % a moment', () => {
    expect(credit([from(0, 59)], later, 100)?.earned).toBe(false);
    expect(credit([from(0, 60)], later, 100)?.earned).toBe(true);
    expect(credit([from(30, 31)], later, 1)?.earned).toBe(true);
  });
});

describe('credits earned in person', () => {
  const day1: AccreditedSession = { ...keynote, id: 'd1', day: '2027-03-09' };
  const day2: AccreditedSession = {
    ...keynote,
    id: 'd2',
    startsAt: t('2027-03-10T09:00:00Z'),
    endsAt: t('2027-03-10T10:30:00Z'),
    creditHundredths: 150,
    day: '2027-03-10',
  };

  it('earns the sessions of each day checked in at the desk, and only those', () => {
    const credits = sessionCredits(
      [day1, day2],
      { presence: new Map(), checkedInDays: new Set(['2027-03-10']) },
      80,
      later,
    );
    expect(credits.map((c) => [c.sessionId, c.checkedIn, c.earned])).toEqual([
      ['d1', false, false],
      ['d2', true, true],
    ]);
    expect(earnedHundredths(credits)).toBe(150);
  });

  it('earns by either: the desk one day, the live room the other', () => {
    const both: MemberAttendance = {
      presence: new Map([['d1', [{ from: day1.startsAt, to: day1.endsAt }]]]),
      checkedInDays: new Set(['2027-03-10']),
    };
    expect(earnedHundredths(sessionCredits([day1, day2], both, 80, later))).toBe(225);
    expect(earnedHundredths(sessionCredits([day1, day2], both, 80, later), '2027-03-09')).toBe(75);
    expect(earnedHundredths(sessionCredits([day1, day2], both, 80, later), '2027-03-10')).toBe(150);
  });
});

describe('parallel sessions: no time is credited twice', () => {
  // Two workshops at the same time on 9 March, and a plenary after them.
  const workshop = (id: string, creditHundredths: number, startMinute = 0): AccreditedSession => ({
    ...keynote,
    id,
    startsAt: after(startMinute),
    endsAt: after(startMinute + 90),
    creditHundredths,
  });
  const a = workshop('a', 150);
  const b = workshop('b', 150);
  const plenary = { ...keynote, id: 'plenary', startsAt: after(120), endsAt: after(180) };
  const earned = (attendance: MemberAttendance, sessions = [a, b, plenary]) =>
    sessionCredits(sessions, attendance, 80, later)
      .filter((c) => c.earned)
      .map((c) => c.sessionId);
  const at = (days: string[], scans: string[] = [], presence: [string, PresenceInterval[]][] = []) => ({
    presence: new Map(presence),
    checkedInDays: new Set(days),
    scannedSessions: new Set(scans),
  });

  it('a day’s check-in earns the sessions nothing runs beside, not either of two parallel ones', () => {
    expect(earned(at(['2027-03-09']))).toEqual(['plenary']);
  });

  it('a scan at a parallel session’s door earns that one', () => {
    expect(earned(at(['2027-03-09'], ['b']))).toEqual(['b', 'plenary']);
    expect(sessionCredits([a, b], at([], ['b']), 80, later)[1]).toMatchObject({ scanned: true, earned: true });
  });

  it('its live room earns a parallel session too', () => {
    expect(earned(at([], [], [['a', [{ from: a.startsAt, to: a.endsAt }]]]))).toEqual(['a']);
  });

  it('two rooms open at once (two tabs) credit the time once: the session with more credits', () => {
    const richer = workshop('b', 175);
    const whole = (s: AccreditedSession): [string, PresenceInterval[]] => [s.id, [{ from: s.startsAt, to: s.endsAt }]];
    const credits = sessionCredits([a, richer], at([], [], [whole(a), whole(richer)]), 80, later);
    expect(credits.filter((c) => c.earned).map((c) => c.sessionId)).toEqual(['b']);
    expect(earnedHundredths(credits)).toBe(175);
  });

  it('of overlapping sessions, those that together earn most: two short ones over one long one beside them', () => {
    const long = { ...workshop('long', 100), endsAt: after(120) };
    const first = workshop('first', 75);
    const second = { ...workshop('second', 75, 60), endsAt: after(120) };
    const shortFirst = { ...first, endsAt: after(60) };
    const scans = at([], ['long', 'first', 'second']);
    expect(earnedHundredths(sessionCredits([long, shortFirst, second], scans, 80, later))).toBe(150);
  });

  it('among equal credits, the one attended by its own evidence', () => {
    const credits = sessionCredits(
      [a, b],
      at([], ['b'], [['a', [{ from: a.startsAt, to: a.startsAt + MIN }]]]),
      80,
      later,
    );
    expect(credits.filter((c) => c.earned).map((c) => c.sessionId)).toEqual(['b']);
  });
});

describe('accredited sessions and totals', () => {
  const published = (overrides: Partial<PublishedSessionCredits>): PublishedSessionCredits => ({
    id: 's',
    title: 'Session',
    status: 'scheduled',
    startsAt: '2027-03-09T14:00:00.000Z',
    endsAt: '2027-03-09T15:00:00.000Z',
    credits: 1,
    ...overrides,
  });

  it('keeps the scheduled, timed sessions with credits, in order, with their day in the summit’s zone', () => {
    const sessions = accreditedSessions(
      [
        published({
          id: 'late',
          startsAt: '2027-03-09T15:30:00.000Z',
          endsAt: '2027-03-09T16:00:00.000Z',
          credits: 0.5,
        }),
        published({ id: 'early', credits: 0.75 }),
        published({ id: 'cancelled', status: 'cancelled' }),
        published({ id: 'break', credits: undefined }),
        published({ id: 'unscheduled', startsAt: null, endsAt: null }),
        // 23:30 in Seoul on the 9th is 14:30 UTC: a session belongs to the day it starts on, in the summit's zone.
        published({ id: 'seoul', startsAt: '2027-03-09T14:30:00.000Z', endsAt: '2027-03-09T15:30:00.000Z' }),
      ],
      'Asia/Seoul',
    );
    expect(sessions.map((s) => [s.id, s.creditHundredths, s.day])).toEqual([
      ['early', 75, '2027-03-09'],
      ['seoul', 100, '2027-03-09'],
      ['late', 50, '2027-03-10'],
    ]);
  });

  it('sums credits in hundredths, exactly', () => {
    expect(hundredthsOf(0.75)).toBe(75);
    expect(hoursOf(hundredthsOf(0.25) * 3 + hundredthsOf(0.1))).toBe(0.85);
    // Floating point would say 0.30000000000000004 for 0.1 + 0.2; hundredths say 0.3.
    expect(hoursOf(hundredthsOf(0.1) + hundredthsOf(0.2))).toBe(0.3);
    const sessions = Array.from({ length: 20 }, (_, index) => ({
      ...keynote,
      id: `s${index}`,
      // One after another: twenty sessions at once would be credited once.
      startsAt: after(index * 60),
      endsAt: after(index * 60 + 60),
      creditHundredths: [25, 50, 75, 100][index % 4] as number,
    }));
    const all = sessionCredits(sessions, { presence: new Map(), checkedInDays: new Set([keynote.day]) }, 80, later);
    expect(hoursOf(earnedHundredths(all))).toBe(12.5);
    expect(earnedHundredths(all.map((c, index) => ({ ...c, earned: index % 2 === 0 })))).toBe(5 * 25 + 5 * 75);
  });
});

describe('when certificates become available', () => {
  // Berlin moves its clocks forward at 02:00 on Sunday 28 March 2027. A two-day summit across the change: Saturday's
  // last session runs from 23:30 (CET) past midnight; Sunday's sessions are in CEST.
  const zone = 'Europe/Berlin';
  const at = (date: string, time: string) => zonedInstant(date, time, zone).toISOString();
  const sessions = accreditedSessions(
    [
      {
        id: 'sat-am',
        title: 'A',
        status: 'scheduled',
        startsAt: at('2027-03-27', '09:00'),
        endsAt: at('2027-03-27', '10:00'),
        credits: 1,
      },
      {
        id: 'sat-night',
        title: 'B',
        status: 'scheduled',
        startsAt: at('2027-03-27', '23:30'),
        endsAt: at('2027-03-28', '00:30'),
        credits: 1,
      },
      {
        id: 'sun-am',
        title: 'C',
        status: 'scheduled',
        startsAt: at('2027-03-28', '09:00'),
        endsAt: at('2027-03-28', '10:00'),
        credits: 1,
      },
      {
        id: 'sun-pm',
        title: 'D',
        status: 'scheduled',
        startsAt: at('2027-03-28', '16:00'),
        endsAt: at('2027-03-28', '17:15'),
        credits: 1.25,
      },
      {
        id: 'sun-social',
        title: 'E',
        status: 'scheduled',
        startsAt: at('2027-03-28', '19:00'),
        endsAt: at('2027-03-28', '23:00'),
      },
    ],
    zone,
  );

  it('puts each session on the day it starts, in the summit’s zone, on either side of the change', () => {
    expect(sessions.map((s) => [s.id, s.day])).toEqual([
      ['sat-am', '2027-03-27'],
      ['sat-night', '2027-03-27'],
      ['sun-am', '2027-03-28'],
      ['sun-pm', '2027-03-28'],
    ]);
  });

  it('issues at the end once the last accredited session has ended (a social evening earns nothing and does not count)', () => {
    // 17:15 CEST is 15:15 UTC.
    expect(certificateAvailability(sessions, 'end')).toEqual([{ day: null, availableAt: t('2027-03-28T15:15:00Z') }]);
  });

  it('issues daily once each day’s last accredited session has ended, in the offset of that day', () => {
    expect(certificateAvailability(sessions, 'daily')).toEqual([
      // Saturday's last session ends at 00:30 CET on Sunday, before the change: 23:30 UTC on Saturday.
      { day: '2027-03-27', availableAt: t('2027-03-27T23:30:00Z') },
      { day: '2027-03-28', availableAt: t('2027-03-28T15:15:00Z') },
    ]);
  });

  it('makes nothing available while no session is accredited', () => {
    expect(certificateAvailability([], 'end')).toEqual([]);
    expect(certificateAvailability([], 'daily')).toEqual([]);
  });

  it('reads the days of a southern summit the same way when its clocks go back (Melbourne, 4 April 2027)', () => {
    const melbourne = 'Australia/Melbourne';
    const local = (date: string, time: string) => zonedInstant(date, time, melbourne).toISOString();
    const southern = accreditedSessions(
      [
        {
          id: 'sat',
          title: 'A',
          status: 'scheduled',
          startsAt: local('2027-04-03', '17:00'),
          endsAt: local('2027-04-03', '18:00'),
          credits: 1,
        },
        {
          id: 'sun',
          title: 'B',
          status: 'scheduled',
          startsAt: local('2027-04-04', '09:00'),
          endsAt: local('2027-04-04', '10:00'),
          credits: 1,
        },
      ],
      melbourne,
    );
    expect(certificateAvailability(southern, 'daily')).toEqual([
      // 18:00 AEDT (+11) on Saturday, 10:00 AEST (+10) on Sunday.
      { day: '2027-04-03', availableAt: t('2027-04-03T07:00:00Z') },
      { day: '2027-04-04', availableAt: t('2027-04-04T00:00:00Z') },
    ]);
  });
});

describe('the certificate’s gate', () => {
  const gate = (overrides: Partial<Parameters<typeof certificateGate>[0]>) =>
    certificateGate({
      availableAt: after(60),
      now: after(61),
      earnedHundredths: 75,
      evaluationRequired: true,
      evaluationSubmitted: true,
      ...overrides,
    });

  it('opens once available, with credits earned and the evaluation submitted when required', () => {
    expect(gate({})).toBe('ready');
    expect(gate({ now: after(60) })).toBe('ready');
    expect(gate({ evaluationRequired: false, evaluationSubmitted: false })).toBe('ready');
  });

  it('says why not, in the order a member meets it', () => {
    expect(gate({ now: after(59), earnedHundredths: 0, evaluationSubmitted: false })).toBe('not-ready');
    expect(gate({ availableAt: null })).toBe('not-ready');
    expect(gate({ earnedHundredths: 0, evaluationSubmitted: false })).toBe('none-earned');
    expect(gate({ evaluationSubmitted: false })).toBe('evaluation-required');
  });

  it('opens the evaluation when the first session starts, and not while none is scheduled', () => {
    expect(evaluationOpen(start, start - 1)).toBe(false);
    expect(evaluationOpen(start, start)).toBe(true);
    expect(evaluationOpen(null, later)).toBe(false);
  });
});
