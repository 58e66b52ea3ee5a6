import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayBounds, localDate } from '@apoc/shared/time';
import type { Db } from '../client';
import { openSqliteDatabase, type Database } from '../database';
import {
  checkIns,
  evaluations,
  institutions,
  members,
  registrationEvents,
  registrations,
  rooms,
  sessionPeople,
  sessions,
  summits,
  tracks,
} from '../schema/index';
import { seedDemo, type SeedReport } from './index';

// The organisations and zones of DESIGN.md ("Who it is for"), written out again on purpose: the seed must
// agree with the handbook, not with itself.
const NETWORK_ZONES = {
  asan: 'Asia/Seoul',
  'dana-farber': 'America/New_York',
  essen: 'Europe/Berlin',
  'gustave-roussy': 'Europe/Paris',
  msk: 'America/New_York',
  'peter-mac': 'Australia/Melbourne',
  'princess-margaret': 'America/Toronto',
  vhio: 'Europe/Madrid',
  amgen: 'America/Los_Angeles',
};

// What the demo's attendees of this year's (accredited) edition earned, in hours: the README's example member and
// the others came both days, one flew home after the first, one arrived for her panel on the second, one never
// came. Every session but breaks and the reception carries credits, 5 hours on the first day and 3.75 on the second.
const EARNED_THIS_YEAR = {
  'laia.puig@demo.apoc.test': 8.75,
  'jordi.ferrer@demo.apoc.test': 8.75,
  'margaret.sullivan@demo.apoc.test': 8.75,
  'claire.delmas@demo.apoc.test': 8.75,
  'grace.nguyen@demo.apoc.test': 5,
  'hannah.clarke@demo.apoc.test': 3.75,
  'jiho.yoon@demo.apoc.test': 0,
};

// People named in the press release, who must never appear in the demo.
const REAL_PEOPLE = ['Soria', 'Barlesi', 'Varoqueaux'];

type SessionRow = typeof sessions.$inferSelect;
type ScheduledSession = SessionRow & { startsAt: Date; endsAt: Date };

function isScheduled(session: SessionRow): session is ScheduledSession {
  return session.startsAt !== null && session.endsAt !== null;
}

function overlap(a: ScheduledSession, b: ScheduledSession): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}

/** WCAG contrast ratio of a #rrggbb colour against white. */
function contrastOnWhite(hex: string): number {
  const channel = (offset: number): number => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return 1.05 / (luminance + 0.05);
}

// Across a year: a late-autumn day, the days around New Year (when no summit of the new year can be over
// yet), the DST changes of March and October, and midsummer.
describe.each([
  '2026-11-29T12:00:00Z',
  '2027-12-28T12:00:00Z',
  '2028-01-03T09:00:00Z',
  '2028-01-12T09:00:00Z',
  '2027-03-28T01:30:00Z',
  '2027-10-31T00:30:00Z',
  '2027-06-01T08:00:00Z',
])('the demo seed, now = %s', (nowIso) => {
  const now = new Date(nowIso);
  let database: Database;
  let db: Db;
  let report: SeedReport;

  beforeAll(async () => {
    // In memory, the one connection serves reads and units alike: `q` reads it synchronously here.
    database = openSqliteDatabase(':memory:');
    db = database.q;
    report = await seedDemo(database, now);
  });

  afterAll(() => database.close());

  const allSessions = (): SessionRow[] => db.select().from(sessions).all();
  const summitById = (id: string) => {
    const summit = db
      .select()
      .from(summits)
      .all()
      .find((row) => row.id === id);
    if (!summit) throw new Error(`no summit ${id}`);
    return summit;
  };
  const hasEnded = (summit: typeof summits.$inferSelect): boolean =>
    dayBounds(summit.endDate, summit.timeZone).end <= now;
  const hasNotStarted = (summit: typeof summits.$inferSelect): boolean =>
    dayBounds(summit.startDate, summit.timeZone).start > now;

  it('reports what it wrote', () => {
    expect(report.seeded).toBe(true);
    expect(report.institutions).toBe(db.select().from(institutions).all().length);
    expect(report.members).toBe(db.select().from(members).all().length);
    expect(report.summits).toBe(db.select().from(summits).all().length);
    expect(report.sessions).toBe(allSessions().length);
  });

  it('writes the nine organisations of the network with their time zones, Amgen as host', () => {
    const rows = db.select().from(institutions).all();
    expect(Object.fromEntries(rows.map((row) => [row.id, row.timeZone]))).toEqual(NETWORK_ZONES);
    expect(rows.filter((row) => row.isHost).map((row) => row.id)).toEqual(['amgen']);
  });

  it('creates the organiser and admin demo accounts', () => {
    const byEmail = new Map(
      db
        .select()
        .from(members)
        .all()
        .map((row) => [row.email, row]),
    );
    expect(byEmail.get('organiser@demo.apoc.test')).toMatchObject({ role: 'organiser', institutionId: 'amgen' });
    expect(byEmail.get('admin@demo.apoc.test')).toMatchObject({ role: 'admin', institutionId: 'amgen' });
  });

  it('gives every centre at least two members', () => {
    const rows = db.select().from(members).all();
    for (const centre of Object.keys(NETWORK_ZONES).filter((id) => id !== 'amgen')) {
      const count = rows.filter((row) => row.institutionId === centre && row.role === 'member').length;
      expect(count, centre).toBeGreaterThanOrEqual(2);
    }
  });

  it('invites external guests, with their own zone, who speak at summits', () => {
    const guests = db
      .select()
      .from(members)
      .all()
      .filter((row) => row.role === 'guest');
    expect(guests.length).toBeGreaterThanOrEqual(2);
    const speakers = new Set(
      db
        .select()
        .from(sessionPeople)
        .all()
        .filter((row) => row.role === 'speaker')
        .map((row) => row.memberId),
    );
    for (const guest of guests) {
      expect(guest.institutionId).toBeNull();
      expect(guest.timeZone).not.toBeNull();
      expect(speakers.has(guest.id), guest.name).toBe(true);
    }
  });

  it('uses fictional people with plain ASCII e-mail addresses under demo.apoc.test', () => {
    for (const member of db.select().from(members).all()) {
      expect(member.email).toMatch(/^[a-z]+(\.[a-z]+)?@demo\.apoc\.test$/);
      for (const realName of REAL_PEOPLE) expect(member.name).not.toContain(realName);
    }
  });

  it('has past and upcoming summits of both formats, including one already held this year (last year, in the first days of January)', () => {
    const rows = db.select().from(summits).all();
    const past = rows.filter(hasEnded);
    const upcoming = rows.filter(hasNotStarted);
    expect(past.length + upcoming.length).toBe(rows.length);
    for (const format of ['in_person', 'virtual'] as const) {
      expect(past.some((summit) => summit.format === format && summit.status === 'published')).toBe(true);
      expect(upcoming.some((summit) => summit.format === format && summit.status === 'published')).toBe(true);
    }
    // The first summit of a year can be over at the earliest on its first Wednesday: before that, the
    // latest one held is last year's, about twelve weeks ago.
    const thisYear = String(now.getUTCFullYear());
    const heldThisYear = past.some((summit) => summit.startDate.slice(0, 4) === thisYear);
    const inFirstDaysOfJanuary = now < dayBounds(addDays(`${thisYear}-01-01`, 8), 'Europe/Madrid').start;
    expect(heldThisYear || inFirstDaysOfJanuary).toBe(true);
    const latestHeld =
      past
        .map((summit) => summit.endDate)
        .sort()
        .at(-1) ?? '';
    expect(Date.parse(`${latestHeld}T00:00:00Z`)).toBeGreaterThan(now.getTime() - 100 * 86_400_000);
    expect(summitById('s-2023-thousand-oaks')).toMatchObject({
      format: 'in_person',
      startDate: '2023-06-13',
      timeZone: 'America/Los_Angeles',
      hostInstitutionId: 'amgen',
      venueName: 'Amgen Headquarters',
    });
    expect(summitById('s-2024-virtual')).toMatchObject({ format: 'virtual', startDate: '2024-03-19' });
  });

  it('opens upcoming summits on a Tuesday in their own zone', () => {
    for (const summit of db.select().from(summits).all().filter(hasNotStarted)) {
      expect(new Date(`${summit.startDate}T12:00:00Z`).getUTCDay(), summit.id).toBe(2);
    }
  });

  it('keeps registration for the next virtual summit open from a week ago until its last day ends', () => {
    const next = db
      .select()
      .from(summits)
      .all()
      .filter((summit) => summit.format === 'virtual' && hasNotStarted(summit))
      .sort((a, b) => a.startDate.localeCompare(b.startDate))[0];
    if (!next) throw new Error('no upcoming virtual summit');
    const weeksAhead = (dayBounds(next.startDate, next.timeZone).start.getTime() - now.getTime()) / (7 * 86_400_000);
    expect(weeksAhead).toBeGreaterThan(5);
    expect(weeksAhead).toBeLessThan(8);
    expect(next.registrationOpensAt?.getTime()).toBe(now.getTime() - 7 * 86_400_000);
    expect(next.registrationClosesAt).toEqual(dayBounds(next.endDate, next.timeZone).end);
  });

  it('schedules every published summit over two days, at least twelve sessions inside them', () => {
    for (const summit of db
      .select()
      .from(summits)
      .all()
      .filter((row) => row.status === 'published')) {
      expect(summit.endDate).toBe(addDays(summit.startDate, 1));
      const agenda = allSessions().filter((session) => session.summitId === summit.id);
      expect(agenda.length, summit.id).toBeGreaterThanOrEqual(12);
      const days = new Set<string>();
      for (const session of agenda) {
        if (!isScheduled(session)) throw new Error(`${session.id} is unscheduled in a published summit`);
        expect(session.endsAt > session.startsAt, session.id).toBe(true);
        const day = localDate(session.startsAt, summit.timeZone);
        expect([summit.startDate, summit.endDate], session.id).toContain(day);
        expect(localDate(session.endsAt.getTime() - 1, summit.timeZone), session.id).toBe(day);
        days.add(day);
      }
      expect(days.size, summit.id).toBe(2);
    }
  });

  it('never puts a person in two overlapping sessions, as speaker or chair', () => {
    const byId = new Map(allSessions().map((session) => [session.id, session]));
    const sessionsByPerson = new Map<string, ScheduledSession[]>();
    for (const { memberId, sessionId } of db.select().from(sessionPeople).all()) {
      const session = byId.get(sessionId);
      if (!session || !isScheduled(session)) continue;
      sessionsByPerson.set(memberId, [...(sessionsByPerson.get(memberId) ?? []), session]);
    }
    for (const [person, booked] of sessionsByPerson) {
      for (const [index, a] of booked.entries()) {
        for (const b of booked.slice(index + 1)) {
          expect(a.id !== b.id && overlap(a, b), `${person}: ${a.id} and ${b.id}`).toBe(false);
        }
      }
    }
  });

  it('never books a room for two sessions at once', () => {
    const scheduled = allSessions().filter(isScheduled);
    for (const [index, a] of scheduled.entries()) {
      for (const b of scheduled.slice(index + 1)) {
        if (a.roomId !== null && a.roomId === b.roomId) expect(overlap(a, b), `${a.id} and ${b.id}`).toBe(false);
      }
    }
  });

  it('gives every session of an in-person summit a room, with seat limits that fit it', () => {
    const capacity = new Map(
      db
        .select()
        .from(rooms)
        .all()
        .map((room) => [room.id, room.capacity]),
    );
    const inPerson = new Set(
      db
        .select()
        .from(summits)
        .all()
        .filter((summit) => summit.format === 'in_person')
        .map((summit) => summit.id),
    );
    for (const session of allSessions()) {
      if (inPerson.has(session.summitId)) expect(session.roomId, session.id).not.toBeNull();
      if (session.roomId !== null && session.seatLimit !== null) {
        expect(session.seatLimit, session.id).toBeLessThanOrEqual(capacity.get(session.roomId) ?? 0);
      }
    }
  });

  it('gives sessions of virtual summits a join link, except breaks, and in-person ones none', () => {
    const formatOf = new Map(
      db
        .select()
        .from(summits)
        .all()
        .map((summit) => [summit.id, summit.format]),
    );
    for (const session of allSessions()) {
      const format = formatOf.get(session.summitId);
      if (format === 'virtual' && session.kind !== 'break') {
        expect(session.joinUrl, session.id).toBe(`https://video.demo.apoc.test/${session.id}`);
      }
      if (format === 'in_person' || session.kind === 'break') expect(session.joinUrl, session.id).toBeNull();
    }
  });

  it('puts every scientific session on a track and leaves breaks and receptions off them', () => {
    for (const session of allSessions()) {
      const social = session.kind === 'break' || session.kind === 'networking';
      expect(session.trackId === null, session.id).toBe(social);
      if (!social) expect(session.abstract, session.id).not.toBe('');
    }
  });

  it('gives every summit the same four tracks, each in a colour legible on white (WCAG AA)', () => {
    const rows = db.select().from(tracks).all();
    for (const summit of db.select().from(summits).all()) {
      const own = rows.filter((track) => track.summitId === summit.id).sort((a, b) => a.position - b.position);
      expect(own.map((track) => track.name)).toEqual([
        'Thoracic',
        'Gastrointestinal',
        'Genito-urinary',
        'Cross-cutting',
      ]);
      expect(new Set(own.map((track) => track.color)).size).toBe(4);
    }
    for (const track of rows) expect(contrastOnWhite(track.color), track.color).toBeGreaterThanOrEqual(4.5);
    expect(new Set(rows.map((track) => `${track.name} ${track.color}`)).size).toBe(4);
  });

  it('leaves organisers a draft hybrid summit with one session still unscheduled', () => {
    const drafts = db
      .select()
      .from(summits)
      .all()
      .filter((summit) => summit.status === 'draft');
    expect(drafts).toHaveLength(1);
    const draft = drafts[0];
    if (!draft) throw new Error('no draft');
    expect(draft).toMatchObject({ format: 'hybrid', publishedAt: null });
    expect(hasNotStarted(draft)).toBe(true);
    const unscheduled = allSessions().filter((session) => session.summitId === draft.id && !isScheduled(session));
    expect(unscheduled).toHaveLength(1);
    expect(unscheduled[0]).toMatchObject({ startsAt: null, endsAt: null });
  });

  it('published past summits some weeks before they started', () => {
    for (const summit of db.select().from(summits).all().filter(hasEnded)) {
      const start = dayBounds(summit.startDate, summit.timeZone).start;
      expect(summit.publishedAt, summit.id).not.toBeNull();
      expect(start.getTime() - (summit.publishedAt?.getTime() ?? 0), summit.id).toBeGreaterThan(14 * 86_400_000);
    }
  });

  const thisYears = () => {
    const found = db
      .select()
      .from(summits)
      .all()
      .filter((summit) => /^s-\d{4}-barcelona$/.test(summit.id));
    expect(found).toHaveLength(1);
    return found[0] as typeof summits.$inferSelect;
  };

  it('accredits this year’s edition and the next two, with a wording, a signatory, an 80 % rule and a required evaluation of three questions', () => {
    const rows = db.select().from(summits).all();
    const accredited = rows.filter((summit) => summit.accreditation !== null);
    expect(accredited.map((summit) => summit.id).sort()).toEqual(
      [
        thisYears().id,
        ...rows.filter((summit) => summit.status === 'published' && hasNotStarted(summit)).map((summit) => summit.id),
      ].sort(),
    );
    expect(accredited).toHaveLength(3);
    for (const { id, accreditation } of accredited) {
      expect(accreditation, id).toMatchObject({
        minimumPercent: 80,
        issue: 'end',
        evaluation: { required: true, questions: expect.any(Array) },
      });
      expect(accreditation?.evaluation.questions, id).toHaveLength(3);
      expect(accreditation?.statement, id).toMatch(/designate[sd] .*for a maximum of \d+(\.\d+)? /);
      expect(accreditation?.signatoryName, id).not.toBe('');
      expect(accreditation?.creditName, id).not.toBe('');
    }
    expect(thisYears().accreditation).toMatchObject({ creditName: 'European CME credits (ECMEC®s)' });
    // The wording states the most one can earn: every credited session of this year's edition, none in parallel.
    const total =
      allSessions()
        .filter((session) => session.summitId === thisYears().id)
        .reduce((sum, session) => sum + (session.creditHundredths ?? 0), 0) / 100;
    expect(thisYears().accreditation?.statement).toContain(`a maximum of ${total} hours`);
  });

  it('gives the talks of accredited editions 0.5 to 1.5 credit hours in quarter hours, and breaks, receptions and other editions none', () => {
    const accredited = new Set(
      db
        .select()
        .from(summits)
        .all()
        .filter((summit) => summit.accreditation !== null)
        .map((summit) => summit.id),
    );
    for (const session of allSessions()) {
      const social = session.kind === 'break' || session.kind === 'networking';
      if (!accredited.has(session.summitId) || social) {
        expect(session.creditHundredths, session.id).toBeNull();
        continue;
      }
      expect(session.creditHundredths, session.id).not.toBeNull();
      expect(session.creditHundredths ?? 0, session.id).toBeGreaterThanOrEqual(50);
      expect(session.creditHundredths ?? 0, session.id).toBeLessThanOrEqual(150);
      expect((session.creditHundredths ?? 0) % 25, session.id).toBe(0);
    }
  });

  it('checks this year’s in-person attendees in at the desk once on each day they came, the first arrival kept on the registration', () => {
    const summit = thisYears();
    const held = db
      .select()
      .from(registrations)
      .all()
      .filter((registration) => registration.summitId === summit.id);
    expect(held.length).toBeGreaterThanOrEqual(Object.keys(EARNED_THIS_YEAR).length);
    const arrivals = db.select().from(checkIns).all();
    expect(arrivals.every((arrival) => arrival.summitId === summit.id && arrival.sessionId === null)).toBe(true);
    for (const registration of held) {
      expect(registration, registration.id).toMatchObject({ mode: 'in_person', status: 'confirmed' });
      const theirs = arrivals.filter((arrival) => arrival.registrationId === registration.id);
      expect(new Set(theirs.map((arrival) => arrival.day)).size, registration.id).toBe(theirs.length);
      for (const arrival of theirs) {
        expect(arrival.memberId).toBe(registration.memberId);
        expect([summit.startDate, summit.endDate]).toContain(arrival.day);
        expect(localDate(arrival.at, summit.timeZone)).toBe(arrival.day);
        expect(arrival.at.getTime()).toBeLessThan(now.getTime());
      }
      const first = theirs.map((arrival) => arrival.at.getTime()).sort((a, b) => a - b)[0];
      expect(registration.checkedInAt?.getTime(), registration.id).toBe(first);
      // The organisers' audit log tells the same story: registered, then checked in on each day.
      const logged = db
        .select()
        .from(registrationEvents)
        .all()
        .filter((event) => event.registrationId === registration.id)
        .map((event) => event.action);
      expect(logged).toEqual(['registered', ...theirs.map(() => 'checked-in')]);
    }
    expect(new Set(held.map((registration) => registration.checkInCode)).size).toBe(held.length);
  });

  it('lets the demo attendees earn this year’s credits from the days they were checked in', () => {
    const summit = thisYears();
    const byEmail = new Map(
      db
        .select()
        .from(members)
        .all()
        .map((member) => [member.email, member.id]),
    );
    const credited = allSessions().filter(
      (session) => session.summitId === summit.id && session.status === 'scheduled' && session.creditHundredths,
    );
    for (const [email, hours] of Object.entries(EARNED_THIS_YEAR)) {
      const memberId = byEmail.get(email);
      const days = new Set(
        db
          .select()
          .from(checkIns)
          .all()
          .filter((arrival) => arrival.memberId === memberId)
          .map((arrival) => arrival.day),
      );
      const earned = credited
        .filter((session) => session.startsAt && days.has(localDate(session.startsAt, summit.timeZone)))
        .reduce((sum, session) => sum + (session.creditHundredths ?? 0), 0);
      expect(earned / 100, email).toBe(hours);
    }
  });

  it('has some attendees fill the evaluation, rating each question and the credited sessions of their days', () => {
    const summit = thisYears();
    const filled = db.select().from(evaluations).all();
    expect(filled.length).toBeGreaterThanOrEqual(2);
    const lastEnd = Math.max(
      ...allSessions()
        .filter((session) => session.summitId === summit.id)
        .map((session) => session.endsAt?.getTime() ?? 0),
    );
    for (const evaluation of filled) {
      expect(evaluation.summitId).toBe(summit.id);
      expect(evaluation.ratings).toHaveLength(summit.accreditation?.evaluation.questions.length ?? -1);
      for (const rating of [...evaluation.ratings, ...Object.values(evaluation.sessionRatings)]) {
        expect(rating).toBeGreaterThanOrEqual(1);
        expect(rating).toBeLessThanOrEqual(5);
      }
      const days = new Set(
        db
          .select()
          .from(checkIns)
          .all()
          .filter((arrival) => arrival.memberId === evaluation.memberId)
          .map((arrival) => arrival.day),
      );
      const rated = allSessions().filter((session) => session.id in evaluation.sessionRatings);
      expect(rated.length).toBeGreaterThan(0);
      for (const session of rated) {
        expect(session.creditHundredths, session.id).not.toBeNull();
        expect(days.has(localDate(session.startsAt ?? 0, summit.timeZone)), session.id).toBe(true);
      }
      expect(evaluation.submittedAt.getTime()).toBeGreaterThan(lastEnd);
      expect(evaluation.submittedAt.getTime()).toBeLessThan(now.getTime());
    }
    // Not everyone: the README's example member can still fill hers.
    const puig = db
      .select()
      .from(members)
      .all()
      .find((member) => member.email === 'laia.puig@demo.apoc.test');
    expect(filled.some((evaluation) => evaluation.memberId === puig?.id)).toBe(false);
  });

  it('seeds only once: a second run reports seeded:false and changes nothing', async () => {
    const before = { members: db.select().from(members).all().length, sessions: allSessions().length };
    expect(await seedDemo(database, new Date(now.getTime() + 86_400_000))).toEqual({
      seeded: false,
      institutions: 0,
      members: 0,
      summits: 0,
      sessions: 0,
    });
    expect({ members: db.select().from(members).all().length, sessions: allSessions().length }).toEqual(before);
  });
});

describe('the demo seed on a database already in use', () => {
  it('writes nothing when a member exists', async () => {
    const database = openSqliteDatabase(':memory:');
    const db = database.q;
    try {
      const now = new Date('2026-11-29T12:00:00Z');
      db.insert(members)
        .values({
          id: 'someone',
          email: 'someone@example.org',
          name: 'Someone',
          role: 'admin',
          createdAt: now,
          updatedAt: now,
        })
        .run();
      expect((await seedDemo(database, now)).seeded).toBe(false);
      expect(db.select().from(institutions).all()).toEqual([]);
      expect(db.select().from(summits).all()).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
