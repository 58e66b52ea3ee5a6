import {
  localDate,
  zonedInstant,
  type CheckInProblem,
  type CheckInResult,
  type DoorCounts,
  type Registration,
  type RegistrationEvent,
  type SessionDetail,
  type SummitDetail,
} from '@apoc/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signedIn } from '../helpers/auth';
import { DAYS, TestClock } from '../helpers/clock';
import { tables } from '../helpers/db';
import { createMember } from '../helpers/factories';

// The check-in desk in a session's mode, at its room door: when two accredited sessions run at once, the day's
// check-in cannot tell which one a member attended, and the door's scan can. A door scans a badge once per session,
// counts as the day's check-in if the desk has not made it yet, and asks to confirm outside its window (30 minutes
// before the session until it ends). An in-person summit of our own in Seoul a week after the injected clock's today:
// two sessions in parallel at 10:00, a workshop at 15:00, a cancelled talk.

const ZONE = 'Asia/Seoul';

describe('scanning badges at a session’s room door', () => {
  const clock = new TestClock();
  let t: TestApp;
  let staffEmail: string;
  const organiser = () => signedIn(t, staffEmail);
  /** The summit's first day, YYYY-MM-DD in its zone. */
  let day: string;
  let summit: SummitDetail;
  const sessions = {} as Record<'lungs' | 'immuno' | 'workshop' | 'withdrawn' | 'added' | 'elsewhere', SessionDetail>;
  const people: { registration: Registration; cookie: string }[] = [];
  const at = (time: string) => zonedInstant(day, time, ZONE);

  async function send(method: 'POST' | 'PATCH', url: string, payload: object, cookie?: string) {
    return t.app.inject({ method, url, payload, headers: browserHeaders(t.config, cookie ?? (await organiser())) });
  }
  const scan = async (code: string, sessionId?: string, confirm?: boolean, cookie?: string) =>
    send(
      'POST',
      `/api/summits/${summit.id}/check-in`,
      { code, ...(sessionId === undefined ? {} : { sessionId }), ...(confirm === undefined ? {} : { confirm }) },
      cookie,
    );
  const scanned = async (code: string, sessionId?: string, confirm?: boolean) => {
    const response = await scan(code, sessionId, confirm);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as CheckInResult;
  };
  const rowsOf = async (registration: Registration) =>
    (
      await t.app.db.q
        .select({ day: tables.checkIns.day, sessionId: tables.checkIns.sessionId, at: tables.checkIns.at })
        .from(tables.checkIns)
        .where(eq(tables.checkIns.registrationId, registration.id))
    ).sort((a, b) => a.at.getTime() - b.at.getTime() || (a.sessionId ?? '').localeCompare(b.sessionId ?? ''));
  const code = (person: number) => people[person]?.registration.checkInCode ?? '';
  const registrationOf = (person: number) => people[person]?.registration as Registration;

  async function createSummit(title: string): Promise<{ summit: SummitDetail; rooms: string[] }> {
    const created = await send('POST', '/api/summits', {
      title,
      format: 'in_person',
      timeZone: ZONE,
      startDate: day,
      endDate: day,
      venue: { name: 'Samsung Medical Center', city: 'Seoul' },
      seats: { inPerson: 40 },
    });
    expect(created.statusCode, created.body).toBe(201);
    const detail = created.json() as SummitDetail;
    const rooms: string[] = [];
    for (const name of ['Hall A', 'Hall B']) {
      const room = await send('POST', `/api/summits/${detail.id}/rooms`, { name });
      expect(room.statusCode, room.body).toBe(201);
      rooms.push((room.json() as { id: string }).id);
    }
    return { summit: detail, rooms };
  }
  async function addSession(summitId: string, roomId: string | undefined, title: string, from: string, to: string) {
    const response = await send('POST', `/api/summits/${summitId}/sessions`, {
      title,
      kind: 'panel',
      roomId,
      startsAt: at(from).toISOString(),
      endsAt: at(to).toISOString(),
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as SessionDetail;
  }
  const publish = async (summitId: string) => {
    const response = await send('POST', `/api/summits/${summitId}/publish`, {});
    expect(response.statusCode, response.body).toBe(200);
  };

  beforeAll(async () => {
    t = await buildTestApp({ clock: clock.now });
    day = localDate(new Date(clock.now().getTime() + 7 * DAYS), ZONE);
    staffEmail = (await createMember(t.app.db, null, 'Olga Organiser', { role: 'organiser' })).email;

    const seoul = await createSummit('Seoul Thoracic Oncology Summit');
    summit = seoul.summit;
    const [hallA, hallB] = seoul.rooms;
    sessions.lungs = await addSession(summit.id, hallA, 'Lung cancer screening', '10:00', '11:00');
    sessions.immuno = await addSession(summit.id, hallB, 'Immunotherapy toxicities', '10:00', '11:00');
    sessions.workshop = await addSession(summit.id, hallA, 'Bronchoscopy workshop', '15:00', '16:00');
    sessions.withdrawn = await addSession(summit.id, hallB, 'Withdrawn talk', '12:00', '13:00');
    const cancelled = await send('PATCH', `/api/sessions/${sessions.withdrawn.id}`, { status: 'cancelled' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await publish(summit.id);
    // Added after the publication: not in the agenda members see, so no door scans for it yet.
    sessions.added = await addSession(summit.id, hallB, 'Late addition', '16:00', '17:00');

    const other = await createSummit('Another summit the same day');
    sessions.elsewhere = await addSession(other.summit.id, other.rooms[0], 'Someone else’s session', '10:00', '11:00');
    await publish(other.summit.id);

    for (const name of ['Ji-woo Park', 'Min-jun Kim', 'Seo-yeon Lee', 'Do-hyun Choi']) {
      const member = await createMember(t.app.db, null, name);
      const cookie = await signedIn(t, member.email);
      const response = await send('POST', `/api/summits/${summit.id}/registrations`, { mode: 'in_person' }, cookie);
      expect(response.statusCode, response.body).toBe(201);
      people.push({ registration: response.json() as Registration, cookie });
    }
  });

  afterAll(async () => t.close());

  it('lets no member or guest scan, and nobody signed out', async () => {
    const member = people[0]?.cookie ?? '';
    expect((await scan(code(0), sessions.lungs.id, true, member)).statusCode).toBe(403);
    const guest = await createMember(t.app.db, null, 'Gail Guest', { role: 'guest' });
    expect((await scan(code(0), sessions.lungs.id, true, await signedIn(t, guest.email))).statusCode).toBe(403);
    const signedOut = await t.app.inject({
      method: 'POST',
      url: `/api/summits/${summit.id}/check-in`,
      headers: browserHeaders(t.config),
      payload: { code: code(0), sessionId: sessions.lungs.id },
    });
    expect(signedOut.statusCode).toBe(401);
    expect(await rowsOf(registrationOf(0))).toEqual([]);
  });

  it('records the session and the day at a first scan at the door, and says which session', async () => {
    clock.set(at('09:40'));
    const result = await scanned(code(0), sessions.lungs.id);
    expect(result).toMatchObject({
      alreadyCheckedIn: false,
      checkedIn: 1,
      door: {
        sessionId: sessions.lungs.id,
        title: 'Lung cancer screening',
        scannedAt: at('09:40').toISOString(),
        alreadyScanned: false,
        scanned: 1,
      },
    });
    // The door's scan is the member's first arrival at the summit, as the desk's would be.
    expect(result.registration.checkedInAt).toBe(at('09:40').toISOString());
    expect(await rowsOf(registrationOf(0))).toEqual([
      { day, sessionId: null, at: at('09:40') },
      { day, sessionId: sessions.lungs.id, at: at('09:40') },
    ]);

    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/summits/${summit.id}/registrations/audit`,
      headers: { cookie: await organiser() },
    });
    const scans = (audit.json() as RegistrationEvent[]).filter(
      (event) => event.registrationId === registrationOf(0).id && event.action === 'checked-in',
    );
    expect(scans).toEqual([
      expect.objectContaining({
        actorName: 'Olga Organiser',
        detail: { session: 'Lung cancer screening' },
        at: at('09:40').toISOString(),
      }),
    ]);
  });

  it('says a badge scanned twice at the same door was scanned already, and when, recording nothing more', async () => {
    clock.set(at('09:52'));
    const again = await scanned(code(0).toLowerCase(), sessions.lungs.id);
    expect(again).toMatchObject({
      alreadyCheckedIn: true,
      checkedIn: 1,
      door: { alreadyScanned: true, scannedAt: at('09:40').toISOString(), scanned: 1 },
    });
    expect(await rowsOf(registrationOf(0))).toHaveLength(2);
    // The desk, that day, says the same member is checked in.
    expect(await scanned(code(0))).toMatchObject({ alreadyCheckedIn: true });
    expect(await rowsOf(registrationOf(0))).toHaveLength(2);
  });

  it('records the parallel session’s door apart, and no second day for a member the desk checked in', async () => {
    clock.set(at('09:55'));
    // Checked in at the desk first: the door adds the session only.
    expect(await scanned(code(1))).toMatchObject({ alreadyCheckedIn: false, checkedIn: 2 });
    const atDoor = await scanned(code(1), sessions.lungs.id);
    expect(atDoor).toMatchObject({ alreadyCheckedIn: true, checkedIn: 2, door: { alreadyScanned: false, scanned: 2 } });
    expect(atDoor.registration.checkedInAt).toBe(at('09:55').toISOString());
    expect(await rowsOf(registrationOf(1))).toEqual([
      { day, sessionId: null, at: at('09:55') },
      { day, sessionId: sessions.lungs.id, at: at('09:55') },
    ]);

    // The same member moving to the parallel session: its own door, its own count.
    clock.set(at('10:05'));
    const parallel = await scanned(code(1), sessions.immuno.id);
    expect(parallel).toMatchObject({
      alreadyCheckedIn: true,
      door: { sessionId: sessions.immuno.id, title: 'Immunotherapy toxicities', alreadyScanned: false, scanned: 1 },
    });
    expect((await rowsOf(registrationOf(1))).map((row) => row.sessionId)).toEqual([
      null,
      sessions.lungs.id,
      sessions.immuno.id,
    ]);

    // Two tablets at one door reading the same badge at once record it once.
    const both = await Promise.all([scanned(code(3), sessions.immuno.id), scanned(code(3), sessions.immuno.id)]);
    expect(both.map((result) => result.door?.alreadyScanned).sort()).toEqual([false, true]);
    expect((await rowsOf(registrationOf(3))).map((row) => row.sessionId)).toEqual([null, sessions.immuno.id]);
  });

  it('tells a reloaded door tablet how many badges each door has scanned, and only organisers', async () => {
    const doors = async (cookie: string) =>
      t.app.inject({
        method: 'GET',
        url: `/api/summits/${summit.id}/check-in/doors`,
        headers: browserHeaders(t.config, cookie),
      });
    const answer = await doors(await organiser());
    expect(answer.statusCode, answer.body).toBe(200);
    // The lungs door scanned two badges, the parallel immunotherapy door two: each as its last scan said.
    const bySession = (a: { sessionId: string }, b: { sessionId: string }) => (a.sessionId < b.sessionId ? -1 : 1);
    expect((answer.json() as DoorCounts).doors.sort(bySession)).toEqual(
      [
        { sessionId: sessions.lungs.id, scanned: 2 },
        { sessionId: sessions.immuno.id, scanned: 2 },
      ].sort(bySession),
    );
    expect((await doors(people[0]?.cookie ?? '')).statusCode).toBe(403);
  });

  it('refuses a session of another summit, a cancelled one, one not published yet and an unknown one', async () => {
    const refusals = [
      [sessions.elsewhere.id, 404],
      [sessions.added.id, 404],
      ['no-such-session', 404],
      [sessions.withdrawn.id, 409],
    ] as const;
    for (const [sessionId, status] of refusals) {
      // Whatever the organiser confirms.
      for (const confirm of [undefined, true]) {
        const refused = await scan(code(2), sessionId, confirm);
        expect(refused.statusCode, refused.body).toBe(status);
        expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(refused.json()).toMatchObject({ sessionId });
        if (status === 409) expect(refused.json().type).toMatch(/\/session-cancelled$/);
      }
    }
    expect((await scan(code(2), 'not an id')).statusCode).toBe(400);
    expect((await scan('NOPE0000', sessions.lungs.id)).statusCode).toBe(404);
    expect(await rowsOf(registrationOf(2))).toEqual([]);
  });

  it('asks to confirm before the door opens, 30 minutes ahead, and scans once the organiser confirms', async () => {
    clock.set(at('14:29'));
    const early = await scan(code(2), sessions.workshop.id);
    expect(early.statusCode, early.body).toBe(409);
    const problem = early.json() as CheckInProblem;
    expect(problem).toMatchObject({
      type: 'https://apoc.invalid/problems/check-in-outside-window',
      title: 'The room door is not open yet',
      sessionId: sessions.workshop.id,
      checkIn: {
        timing: 'early',
        opensAt: at('14:30').toISOString(),
        closesAt: at('16:00').toISOString(),
        timeZone: ZONE,
      },
    });
    expect(problem.detail).toContain('The door of “Bronchoscopy workshop” opens on');
    expect(problem.detail).toContain('Confirm to scan this attendee in anyway.');
    expect(await rowsOf(registrationOf(2))).toEqual([]);

    const confirmed = await scanned(code(2), sessions.workshop.id, true);
    expect(confirmed).toMatchObject({ alreadyCheckedIn: false, door: { alreadyScanned: false, scanned: 1 } });
    expect((await rowsOf(registrationOf(2))).map((row) => row.sessionId)).toEqual([null, sessions.workshop.id]);

    clock.set(at('14:30'));
    expect(await scanned(code(3), sessions.workshop.id)).toMatchObject({ door: { scanned: 2 } });
  });

  it('asks to confirm once the session ended, unless the badge was scanned at its door before', async () => {
    clock.set(at('16:00'));
    const late = await scan(code(0), sessions.workshop.id);
    expect(late.statusCode, late.body).toBe(409);
    expect(late.json()).toMatchObject({
      title: 'The session is over',
      sessionId: sessions.workshop.id,
      checkIn: { timing: 'late', closesAt: at('16:00').toISOString() },
    });
    expect((late.json() as CheckInProblem).detail).toContain('“Bronchoscopy workshop” ended on');
    // Scanned at this door before: it says when, without asking.
    expect(await scanned(code(3), sessions.workshop.id)).toMatchObject({
      door: { alreadyScanned: true, scannedAt: at('14:30').toISOString(), scanned: 2 },
    });

    expect(await scanned(code(0), sessions.workshop.id, true)).toMatchObject({
      alreadyCheckedIn: true,
      door: { alreadyScanned: false, scanned: 3 },
    });
    expect((await rowsOf(registrationOf(0))).map((row) => row.sessionId)).toEqual([
      null,
      sessions.lungs.id,
      sessions.workshop.id,
    ]);
  });
});
