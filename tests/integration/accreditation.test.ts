import {
  addDays,
  localDate,
  zonedInstant,
  type Accreditation,
  type Changelog,
  type CheckInResult,
  type DraftAgenda,
  type PublishResult,
  type Registration,
  type SessionDetail,
  type SummitDetail,
} from '@apoc/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signedIn } from '../helpers/auth';
import { DAYS, TestClock } from '../helpers/clock';
import { tables } from '../helpers/db';
import { demoSummitIds } from '../helpers/demo';
import { createMember } from '../helpers/factories';

// Issue 19's inputs: organisers accredit a summit (the wording, signatory, attendance rule and evaluation) and give
// its sessions credit hours; the registration desk's check-in of each day of the summit is that day's attendance.
// A summit of our own in Barcelona a month after the injected clock's today, two days long.

const ZONE = 'Europe/Madrid';
const ORGANISER = 'organiser@demo.apoc.test';

/** As an organiser types it, with the spaces a paste brings. */
const TYPED: Accreditation = {
  statement: '  The Test Summit is designated for a maximum of 2 hours of European external CME credits (ECMEC®s).  ',
  creditName: ' European CME credits (ECMEC®s) ',
  signatoryName: ' Dr. Núria Casals i Vidal ',
  signatoryTitle: ' Chair of the Scientific Committee ',
  minimumPercent: 80,
  issue: 'end',
  evaluation: { required: true, questions: [' The content was relevant to my practice. ', 'It was free of bias.'] },
};

/** …and as it is kept. */
const KEPT: Accreditation = {
  statement: 'The Test Summit is designated for a maximum of 2 hours of European external CME credits (ECMEC®s).',
  creditName: 'European CME credits (ECMEC®s)',
  signatoryName: 'Dr. Núria Casals i Vidal',
  signatoryTitle: 'Chair of the Scientific Committee',
  minimumPercent: 80,
  issue: 'end',
  evaluation: { required: true, questions: ['The content was relevant to my practice.', 'It was free of bias.'] },
};

describe('accrediting a summit, crediting its sessions, and checking attendees in on each of its days', () => {
  const clock = new TestClock();
  let t: TestApp;
  let summit: SummitDetail;
  let roomId: string;
  /** The summit's first and second days, YYYY-MM-DD in its zone. */
  let day1: string;
  let day2: string;

  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo', clock: clock.now });
    day1 = localDate(new Date(clock.now().getTime() + 30 * DAYS), ZONE);
    day2 = addDays(day1, 1);
    const created = await send('POST', '/api/summits', {
      title: 'Test Summit',
      format: 'in_person',
      timeZone: ZONE,
      startDate: day1,
      endDate: day2,
      venue: { name: "Vall d'Hebron", city: 'Barcelona' },
      seats: { inPerson: 50 },
    });
    expect(created.statusCode, created.body).toBe(201);
    summit = created.json() as SummitDetail;
    roomId = ((await send('POST', `/api/summits/${summit.id}/rooms`, { name: 'Aula Magna' })).json() as { id: string })
      .id;
  });
  afterAll(async () => t.close());

  const organiser = () => signedIn(t, ORGANISER);
  async function send(method: 'POST' | 'PATCH', url: string, payload: object, cookie?: string) {
    return t.app.inject({ method, url, payload, headers: browserHeaders(t.config, cookie ?? (await organiser())) });
  }
  const get = async (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers });
  const asOrganiser = async (url: string) => get(url, { cookie: await organiser() });
  const at = (date: string, time: string) => zonedInstant(date, time, ZONE);
  const session = async (fields: object) => {
    const response = await send('POST', `/api/summits/${summit.id}/sessions`, { roomId, ...fields });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as SessionDetail;
  };
  const expectRefused = (response: { statusCode: number; headers: Record<string, unknown>; body: string }) => {
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  };

  describe('the accreditation', () => {
    it('is none for a new summit, in its detail and in the organisers’ draft', async () => {
      expect(summit.accreditation).toBeNull();
      expect(((await asOrganiser(`/api/summits/${summit.id}`)).json() as SummitDetail).accreditation).toBeNull();
      expect(((await asOrganiser(`/api/summits/${summit.id}/draft`)).json() as DraftAgenda).accreditation).toBeNull();
    });

    it('is set by an organiser, its texts trimmed, and shown in the detail and the draft', async () => {
      const changed = await send('PATCH', `/api/summits/${summit.id}`, { accreditation: TYPED });
      expect(changed.statusCode, changed.body).toBe(200);
      expect((changed.json() as SummitDetail).accreditation).toEqual(KEPT);
      expect(((await asOrganiser(`/api/summits/${summit.id}`)).json() as SummitDetail).accreditation).toEqual(KEPT);
      expect(((await asOrganiser(`/api/summits/${summit.id}/draft`)).json() as DraftAgenda).accreditation).toEqual(
        KEPT,
      );
    });

    it.each([
      ['a statement of spaces', { ...TYPED, statement: '   ' }],
      ['an empty credit name', { ...TYPED, creditName: '' }],
      ['a signatory of spaces', { ...TYPED, signatoryName: ' \t ' }],
      ['an empty question', { ...TYPED, evaluation: { required: true, questions: ['Relevant?', '  '] } }],
      [
        'a question asked twice',
        {
          ...TYPED,
          evaluation: { required: true, questions: ['Relevant to my practice?', ' relevant to my practice? '] },
        },
      ],
      ['a required evaluation without a question', { ...TYPED, evaluation: { required: true, questions: [] } }],
      ['an attendance rule of 0 %', { ...TYPED, minimumPercent: 0 }],
      ['an attendance rule above 100 %', { ...TYPED, minimumPercent: 101 }],
      ['certificates issued weekly', { ...TYPED, issue: 'weekly' }],
      ['no evaluation settings', { ...TYPED, evaluation: undefined }],
      ['a field it does not know', { ...TYPED, logoUrl: 'https://example.org/logo.png' }],
      ['a statement too long to print', { ...TYPED, statement: 'x'.repeat(2001) }],
    ])('refuses %s with a 400 problem and changes nothing, not even the title sent along', async (_case, bad) => {
      const before = (await asOrganiser(`/api/summits/${summit.id}`)).body;
      const refused = await send('PATCH', `/api/summits/${summit.id}`, { title: 'Renamed', accreditation: bad });
      expectRefused(refused);
      expect((await asOrganiser(`/api/summits/${summit.id}`)).body).toBe(before);
    });

    it('is refused to members (403) and to anonymous callers (401)', async () => {
      const member = await createMember(t.app.db, 'vhio', 'Accreditation Member');
      const cookie = await signedIn(t, member.email);
      expect((await send('PATCH', `/api/summits/${summit.id}`, { accreditation: null }, cookie)).statusCode).toBe(403);
      const anonymous = await t.app.inject({
        method: 'PATCH',
        url: `/api/summits/${summit.id}`,
        payload: { accreditation: null },
        headers: browserHeaders(t.config),
      });
      expect(anonymous.statusCode).toBe(401);
      expect(((await asOrganiser(`/api/summits/${summit.id}`)).json() as SummitDetail).accreditation).toEqual(KEPT);
    });

    it('is withdrawn with null, and set again', async () => {
      const cleared = await send('PATCH', `/api/summits/${summit.id}`, { accreditation: null });
      expect(cleared.statusCode).toBe(200);
      expect((cleared.json() as SummitDetail).accreditation).toBeNull();
      expect(((await asOrganiser(`/api/summits/${summit.id}/draft`)).json() as DraftAgenda).accreditation).toBeNull();
      const again = await send('PATCH', `/api/summits/${summit.id}`, { accreditation: KEPT });
      expect((again.json() as SummitDetail).accreditation).toEqual(KEPT);
    });
  });

  describe('credits of sessions', () => {
    let keynote: SessionDetail;
    let panel: SessionDetail;

    it('are kept in hours, and absent from a session that has none', async () => {
      keynote = await session({
        title: 'Opening keynote',
        kind: 'keynote',
        startsAt: at(day1, '09:00').toISOString(),
        endsAt: at(day1, '09:45').toISOString(),
        credits: 0.75,
      });
      expect(keynote.credits).toBe(0.75);
      const stored = await t.app.db.q
        .select({ hundredths: tables.sessions.creditHundredths })
        .from(tables.sessions)
        .where(eq(tables.sessions.id, keynote.id));
      expect(stored).toEqual([{ hundredths: 75 }]);

      panel = await session({
        title: 'Panel without credits yet',
        kind: 'panel',
        startsAt: at(day2, '09:00').toISOString(),
        endsAt: at(day2, '10:00').toISOString(),
      });
      expect(panel).not.toHaveProperty('credits');
      const coffee = await session({
        title: 'Coffee',
        kind: 'break',
        startsAt: at(day1, '10:00').toISOString(),
        endsAt: at(day1, '10:30').toISOString(),
        credits: null,
      });
      expect(coffee).not.toHaveProperty('credits');

      const changed = await send('PATCH', `/api/sessions/${panel.id}`, { credits: 1.25 });
      expect((changed.json() as SessionDetail).credits).toBe(1.25);
      const cleared = await send('PATCH', `/api/sessions/${panel.id}`, { credits: null });
      expect(cleared.json()).not.toHaveProperty('credits');
      const draft = (await asOrganiser(`/api/summits/${summit.id}/draft`)).json() as DraftAgenda;
      expect(draft.sessions.find((s) => s.id === keynote.id)?.credits).toBe(0.75);
      expect(draft.sessions.find((s) => s.id === panel.id)).not.toHaveProperty('credits');
    });

    it('are refused on a break or a networking event, and in steps other than quarter hours from 0.25 to 12', async () => {
      const before = ((await asOrganiser(`/api/summits/${summit.id}/draft`)).json() as DraftAgenda).sessions.length;
      for (const kind of ['break', 'networking']) {
        expectRefused(
          await send('POST', `/api/summits/${summit.id}/sessions`, {
            title: 'Lunch',
            kind,
            roomId,
            startsAt: at(day1, '12:30').toISOString(),
            endsAt: at(day1, '13:30').toISOString(),
            credits: 0.5,
          }),
        );
      }
      for (const credits of [0, 0.3, 12.25, -1, '1']) {
        expectRefused(await send('PATCH', `/api/sessions/${keynote.id}`, { credits }));
      }
      // A session with credits that becomes a break must give them up in the same change.
      expectRefused(await send('PATCH', `/api/sessions/${keynote.id}`, { kind: 'break' }));
      const draft = (await asOrganiser(`/api/summits/${summit.id}/draft`)).json() as DraftAgenda;
      expect(draft.sessions).toHaveLength(before);
      expect(draft.sessions.find((s) => s.id === keynote.id)).toMatchObject({ kind: 'keynote', credits: 0.75 });
      const becameBreak = await send('PATCH', `/api/sessions/${keynote.id}`, { kind: 'break', credits: null });
      expect(becameBreak.statusCode).toBe(200);
      expect(becameBreak.json()).not.toHaveProperty('credits');
      const back = await send('PATCH', `/api/sessions/${keynote.id}`, { kind: 'keynote', credits: 0.75 });
      expect(back.json()).toMatchObject({ kind: 'keynote', credits: 0.75 });
    });

    it('are published with the agenda, and a change of them with the next version, as a detail nobody is mailed about', async () => {
      const first = await send('POST', `/api/summits/${summit.id}/publish`, {});
      expect(first.statusCode, first.body).toBe(200);
      const published = await get(`/api/summits/${summit.id}`);
      const etag = String(published.headers.etag);
      const detail = published.json() as SummitDetail;
      expect(detail.accreditation).toEqual(KEPT);
      expect(detail.sessions.find((s) => s.id === keynote.id)?.credits).toBe(0.75);
      expect(detail.sessions.find((s) => s.id === panel.id)).not.toHaveProperty('credits');

      // Edited, not yet published: members still read version 1, byte for byte.
      expect((await send('PATCH', `/api/sessions/${panel.id}`, { credits: 1 })).statusCode).toBe(200);
      expect((await get(`/api/summits/${summit.id}`, { 'if-none-match': etag })).statusCode).toBe(304);
      expect(((await get(`/api/sessions/${panel.id}`)).json() as SessionDetail).credits).toBeUndefined();
      const pending = ((await asOrganiser(`/api/summits/${summit.id}/draft`)).json() as DraftAgenda).pendingChanges;
      expect(pending).toEqual([expect.objectContaining({ sessionId: panel.id, changes: ['details'] })]);

      const second = await send('POST', `/api/summits/${summit.id}/publish`, { comment: 'Credits confirmed' });
      expect((second.json() as PublishResult).changes).toEqual([
        expect.objectContaining({ sessionId: panel.id, changes: ['details'] }),
      ]);
      const after = await get(`/api/summits/${summit.id}`, { 'if-none-match': etag });
      expect(after.statusCode).toBe(200);
      expect(after.headers.etag).not.toBe(etag);
      expect((after.json() as SummitDetail).sessions.find((s) => s.id === panel.id)?.credits).toBe(1);
      expect(((await get(`/api/sessions/${panel.id}`)).json() as SessionDetail).credits).toBe(1);
      const changelog = (await get(`/api/summits/${summit.id}/changes`)).json() as Changelog;
      expect(changelog.versions[0]).toMatchObject({
        number: 2,
        changes: [{ sessionId: panel.id, changes: ['details'] }],
      });
      // No change notice is planned: details reach calendars without an e-mail.
      const notices = await t.app.db.q
        .select({ key: tables.scheduledJobs.key })
        .from(tables.scheduledJobs)
        .where(eq(tables.scheduledJobs.kind, 'agenda-changes'));
      expect(notices.filter((job) => job.key.includes(summit.id))).toEqual([]);
    });

    it('changes what a published summit serves when its accreditation changes: the old ETag no longer matches', async () => {
      const before = await get(`/api/summits/${summit.id}`);
      const etag = String(before.headers.etag);
      expect((await get(`/api/summits/${summit.id}`, { 'if-none-match': etag })).statusCode).toBe(304);

      // A refused change leaves the answer as it was.
      expectRefused(await send('PATCH', `/api/summits/${summit.id}`, { accreditation: { ...KEPT, creditName: '  ' } }));
      expect((await get(`/api/summits/${summit.id}`, { 'if-none-match': etag })).statusCode).toBe(304);

      const rule = { ...KEPT, minimumPercent: 90 };
      expect((await send('PATCH', `/api/summits/${summit.id}`, { accreditation: rule })).statusCode).toBe(200);
      const after = await get(`/api/summits/${summit.id}`, { 'if-none-match': etag });
      expect(after.statusCode).toBe(200);
      expect(after.headers.etag).not.toBe(etag);
      expect((after.json() as SummitDetail).accreditation).toEqual(rule);

      const withdrawn = await send('PATCH', `/api/summits/${summit.id}`, { accreditation: null });
      expect(withdrawn.statusCode).toBe(200);
      const none = await get(`/api/summits/${summit.id}`, { 'if-none-match': String(after.headers.etag) });
      expect(none.statusCode).toBe(200);
      expect((none.json() as SummitDetail).accreditation).toBeNull();
      expect((await send('PATCH', `/api/summits/${summit.id}`, { accreditation: KEPT })).statusCode).toBe(200);
    });

    it('are copied, with the accreditation, into the next edition', async () => {
      const next = await send('POST', `/api/summits/${summit.id}/next-edition`, {
        startDate: addDays(day1, 182),
        format: 'in_person',
      });
      expect(next.statusCode, next.body).toBe(201);
      const edition = next.json() as SummitDetail;
      expect(edition.accreditation).toEqual(KEPT);
      expect(edition.sessions.map((s) => [s.title, s.credits])).toEqual(
        expect.arrayContaining([
          ['Opening keynote', 0.75],
          ['Panel without credits yet', 1],
          ['Coffee', undefined],
        ]),
      );
    });
  });

  describe('the desk’s check-in of each day', () => {
    const checkIns = async (registrationId: string) =>
      (
        await t.app.db.q
          .select({ day: tables.checkIns.day, at: tables.checkIns.at, sessionId: tables.checkIns.sessionId })
          .from(tables.checkIns)
          .where(eq(tables.checkIns.registrationId, registrationId))
      ).sort((a, b) => a.day.localeCompare(b.day));
    const checkIn = async (code: string) => {
      const response = await send('POST', `/api/summits/${summit.id}/check-in`, { code });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as CheckInResult;
    };
    const register = async (name: string) => {
      const member = await createMember(t.app.db, 'vhio', name);
      const response = await send(
        'POST',
        `/api/summits/${summit.id}/registrations`,
        { mode: 'in_person' },
        await signedIn(t, member.email),
      );
      expect(response.statusCode, response.body).toBe(201);
      return response.json() as Registration;
    };

    // Registered a month ahead; the clock then only moves forward, through the summit's days, and seldom by more than
    // an hour: each such move signs the organiser in again, and sign-in links are limited to five in 15 minutes.
    const early = {} as { both: Registration; evening: Registration };
    beforeAll(async () => {
      early.both = await register('Arrives Both Days');
      early.evening = await register('Picks Up The Badge Early');
    });

    it('counts a badge picked up the evening before as no day’s attendance, and the first day’s scan as the first day', async () => {
      const registration = early.evening;
      const code = registration.checkInCode ?? '';

      clock.set(at(addDays(day1, -1), '17:30'));
      const evening = await checkIn(code);
      expect(evening).toMatchObject({ alreadyCheckedIn: false });
      expect(evening.registration.checkedInAt).toBe(at(addDays(day1, -1), '17:30').toISOString());
      expect(await checkIns(registration.id)).toEqual([]);

      clock.set(at(day1, '08:55'));
      expect((await checkIn(code)).alreadyCheckedIn).toBe(false);
      expect((await checkIn(code)).alreadyCheckedIn).toBe(true);
      const rows = await checkIns(registration.id);
      expect(rows).toEqual([{ day: day1, at: at(day1, '08:55'), sessionId: null }]);
      // The day is the summit's, in its zone.
      expect(localDate(rows[0]?.at ?? 0, ZONE)).toBe(day1);
    });

    it('records the first day, says "already" for a second scan that day, and records the second day apart', async () => {
      const registration = early.both;
      const code = registration.checkInCode ?? '';

      clock.set(at(day1, '09:20'));
      const first = await checkIn(code);
      expect(first).toMatchObject({ alreadyCheckedIn: false });
      expect(first.registration.checkedInAt).toBe(at(day1, '09:20').toISOString());
      expect(await checkIns(registration.id)).toEqual([{ day: day1, at: at(day1, '09:20'), sessionId: null }]);

      clock.set(at(day1, '09:45'));
      const again = await checkIn(code.toLowerCase());
      expect(again).toMatchObject({ alreadyCheckedIn: true });
      expect(again.registration.checkedInAt).toBe(at(day1, '09:20').toISOString());
      expect(await checkIns(registration.id)).toHaveLength(1);

      clock.set(at(day2, '08:40'));
      const secondDay = await checkIn(code);
      expect(secondDay).toMatchObject({ alreadyCheckedIn: false });
      // The registration keeps the first arrival; the day's attendance is a row of its own.
      expect(secondDay.registration.checkedInAt).toBe(at(day1, '09:20').toISOString());
      expect(await checkIns(registration.id)).toEqual([
        { day: day1, at: at(day1, '09:20'), sessionId: null },
        { day: day2, at: at(day2, '08:40'), sessionId: null },
      ]);
      expect((await checkIn(code)).alreadyCheckedIn).toBe(true);

      // Once the summit is over, a scan says who was checked in, and records no day.
      clock.set(at(addDays(day2, 1), '09:00'));
      expect((await checkIn(code)).alreadyCheckedIn).toBe(true);
      expect(await checkIns(registration.id)).toHaveLength(2);

      const logged = await t.app.db.q
        .select({ action: tables.registrationEvents.action })
        .from(tables.registrationEvents)
        .where(
          and(
            eq(tables.registrationEvents.registrationId, registration.id),
            eq(tables.registrationEvents.action, 'checked-in'),
          ),
        );
      expect(logged).toHaveLength(2);
    });
  });

  it('serves the demo’s accredited summits with their accreditation and credited sessions to anyone', async () => {
    const ids = await demoSummitIds(t.app.db);
    for (const id of [ids.thisYear, ids.nextVirtual, ids.nextInPerson]) {
      const detail = (await get(`/api/summits/${id}`)).json() as SummitDetail;
      expect(detail.accreditation, id).toMatchObject({ minimumPercent: 80, issue: 'end' });
      expect(detail.accreditation?.evaluation.questions, id).toHaveLength(3);
      for (const each of detail.sessions) {
        if (each.kind === 'break' || each.kind === 'networking') expect(each, each.id).not.toHaveProperty('credits');
        else expect(each.credits, each.id).toBeGreaterThanOrEqual(0.5);
      }
    }
    const launch = (await get(`/api/summits/${ids.launch}`)).json() as SummitDetail;
    expect(launch.accreditation).toBeNull();
    expect(launch.sessions.every((each) => each.credits === undefined)).toBe(true);
  });
});
