import { tables } from '../helpers/db';
import { zonedInstant, type AttendanceReport, type SessionDetail, type SummitDetail } from '@apoc/shared';
import { eq } from 'drizzle-orm';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signedIn, signedInMembers } from '../helpers/auth';
import { TestClock } from '../helpers/clock';
import { createInstitution, createMember, createSession, createSummit } from '../helpers/factories';
import { eventually } from '../helpers/smtp';

// Attendance of a virtual session means joining it in its join window, or being in its live room while it
// runs; opening its page, or its live room weeks before (to ask ahead), is not attending. A virtual summit
// of our own on 4 March 2031 (Berlin), its session 14:00–15:00 CET, the clock moved by hand.

const MINUTES = 60_000;
const startsAt = zonedInstant('2031-03-04', '14:00', 'Europe/Berlin').getTime();
const endsAt = startsAt + 60 * MINUTES;

interface Person {
  id: string;
  cookie: string;
}

describe('attendance of a virtual session', () => {
  const clock = new TestClock(new Date('2031-02-20T09:00:00Z'));
  let t: TestApp;
  let wsBase: string;
  let staffEmail: string;
  const organiser = () => signedIn(t, staffEmail);
  let summit: SummitDetail;
  let session: SessionDetail;
  let early: Person;
  let joiner: Person;
  let twoTabs: Person;
  let pageOnly: Person;
  let institutionId: string;
  const sockets: WebSocket[] = [];

  const send = async (method: 'POST' | 'PATCH', url: string, payload: object, cookie?: string) =>
    t.app.inject({ method, url, headers: browserHeaders(t.config, cookie ?? (await organiser())), payload });
  const get = async (url: string, cookie?: string) =>
    t.app.inject({ method: 'GET', url, headers: { cookie: cookie ?? (await organiser()) } });
  const report = async () => (await get(`/api/summits/${summit.id}/attendance`)).json() as AttendanceReport;

  /** Opens the session's live room as `person`, from the platform's own pages, once the snapshot has come. */
  async function enterLiveRoom(person: Person): Promise<WebSocket> {
    const socket = new WebSocket(`${wsBase}/api/sessions/${session.id}/live`, {
      headers: { cookie: person.cookie, origin: t.config.publicUrl.origin },
    });
    sockets.push(socket);
    const snapshot = new Promise<void>((resolve) =>
      socket.on('message', (data) => {
        if ((JSON.parse(String(data)) as { type: string }).type === 'snapshot') resolve();
      }),
    );
    await once(socket, 'open');
    await snapshot;
    return socket;
  }

  const intervalsOf = async (person: Person) =>
    await t.app.db.q.select().from(tables.livePresence).where(eq(tables.livePresence.memberId, person.id));

  /** Closes a tab and waits until the server has ended the member's interval, if that was their last tab. */
  async function leave(socket: WebSocket, person: Person, last: boolean): Promise<void> {
    socket.close();
    await once(socket, 'close');
    if (last)
      await eventually(async () =>
        (await intervalsOf(person)).every((row) => row.leftAt !== null) ? true : undefined,
      );
  }

  beforeAll(async () => {
    t = await buildTestApp({ clock: clock.now });
    wsBase = (await t.app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws');
    institutionId = (await createInstitution(t.app.db, 'Asia/Seoul')).id;
    const staff = await createMember(t.app.db, null, 'Olga Organiser');
    await t.app.db.unit(async () =>
      t.app.db.q.update(tables.members).set({ role: 'organiser' }).where(eq(tables.members.id, staff.id)),
    );
    staffEmail = staff.email;

    summit = (
      await send('POST', '/api/summits', {
        title: 'Virtual Spring Summit 2031',
        format: 'virtual',
        timeZone: 'Europe/Berlin',
        startDate: '2031-03-04',
        endDate: '2031-03-04',
        seats: { virtual: 100 },
      })
    ).json() as SummitDetail;
    session = (
      await send('POST', `/api/summits/${summit.id}/sessions`, {
        title: 'ctDNA after resection',
        kind: 'keynote',
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(endsAt).toISOString(),
        joinUrl: 'https://video.example.org/ctdna',
      })
    ).json() as SessionDetail;
    expect((await send('POST', `/api/summits/${summit.id}/publish`, {})).statusCode).toBe(200);

    const people = await signedInMembers(t, 4, institutionId);
    const [a, b, c, d] = people;
    if (!a || !b || !c || !d) throw new Error('members');
    [early, joiner, twoTabs, pageOnly] = [a, b, c, d];
    for (const person of people) {
      const registered = await send(
        'POST',
        `/api/summits/${summit.id}/registrations`,
        { mode: 'virtual' },
        person.cookie,
      );
      expect(registered.json()).toMatchObject({ status: 'confirmed' });
    }
  });

  afterAll(async () => {
    for (const socket of sockets) socket.terminate();
    await t.close();
  });

  it('counts nobody for opening the session page or its live room weeks before, nor for a Join refused then', async () => {
    expect((await get(`/api/sessions/${session.id}`, pageOnly.cookie)).statusCode).toBe(200);
    expect((await send('POST', `/api/sessions/${session.id}/join`, {}, pageOnly.cookie)).statusCode).toBe(409);
    const room = await enterLiveRoom(early);
    await leave(room, early, true);
    expect(await intervalsOf(early)).toHaveLength(1);

    const [row] = (await report()).sessions;
    expect(row).toMatchObject({ sessionId: session.id, attendees: 0, byInstitution: {}, people: [] });
  });

  it('counts a Join inside the window, and the minutes in the live room while the session ran, tabs once', async () => {
    clock.set(new Date(startsAt - 10 * MINUTES));
    expect((await send('POST', `/api/sessions/${session.id}/join`, {}, joiner.cookie)).statusCode).toBe(200);

    // Two tabs from 14:05; one closes at 14:20, the other at 14:35: thirty minutes, not forty-five.
    clock.set(new Date(startsAt + 5 * MINUTES));
    const first = await enterLiveRoom(twoTabs);
    const second = await enterLiveRoom(twoTabs);
    clock.set(new Date(startsAt + 20 * MINUTES));
    await leave(first, twoTabs, false);
    clock.set(new Date(startsAt + 35 * MINUTES));
    await leave(second, twoTabs, true);

    // Back at 14:50 and still there when the session ends at 15:00: ten minutes.
    clock.set(new Date(startsAt + 50 * MINUTES));
    await enterLiveRoom(early);
    clock.set(new Date(endsAt + 20 * MINUTES));
    await t.app.live.presence.seen(); // the heartbeat: still here

    const [row] = (await report()).sessions;
    expect(row?.attendees).toBe(3);
    expect(row?.byInstitution).toEqual({ [institutionId]: 3 });
    expect(
      row?.people.map(({ memberId, joinedInWindow, minutesPresent }) => ({ memberId, joinedInWindow, minutesPresent })),
    ).toEqual(
      expect.arrayContaining([
        { memberId: joiner.id, joinedInWindow: true, minutesPresent: null },
        { memberId: twoTabs.id, joinedInWindow: false, minutesPresent: 30 },
        { memberId: early.id, joinedInWindow: false, minutesPresent: 10 },
      ]),
    );
    expect(row?.people.map((person) => person.memberId)).not.toContain(pageOnly.id);
  });

  it('ends an interval that a stopped server left open where its member was last seen', async () => {
    const crashed = await createMember(t.app.db, null, 'Guest on a crashed server');
    await t.app.db.unit(async () =>
      t.app.db.q.insert(tables.livePresence).values({
        id: `presence-${crashed.id}`,
        sessionId: session.id,
        memberId: crashed.id,
        joinedAt: new Date(startsAt + 10 * MINUTES),
        leftAt: null,
        seenAt: new Date(startsAt + 15 * MINUTES),
      }),
    );
    const [row] = (await report()).sessions;
    expect(row?.people.find((person) => person.memberId === crashed.id)).toMatchObject({
      institutionId: null,
      minutesPresent: 5,
    });
    expect(row?.byInstitution).toEqual({ [institutionId]: 3, guests: 1 });
    await t.app.db.unit(async () =>
      t.app.db.q.delete(tables.livePresence).where(eq(tables.livePresence.memberId, crashed.id)),
    );
  });

  it('exports one line per attendee with whether they joined in the window and their minutes present', async () => {
    const csv = await get(`/api/summits/${summit.id}/attendees.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split(/\r?\n/);
    expect(lines[0]?.replace(/^\uFEFF/, '')).toBe(
      'session,starts at (UTC),ends at (UTC),attendee,institution,joined in window,minutes in the live room',
    );
    expect(lines).toHaveLength(4);
    expect(lines.find((line) => line.includes('Member') && line.endsWith(',30'))).toContain(',no,30');
    expect(lines.find((line) => line.includes(',yes,'))).toMatch(/,yes,$/);
  });
});

describe('presence left open by a server that stopped', () => {
  it('is closed at the next start where its member was last seen, and left alone when still fresh', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apoc-presence-'));
    const clock = new TestClock(new Date('2031-03-04T13:30:00Z'));
    const first = await buildTestApp({ dir, clock: clock.now });
    const summitRow = await createSummit(first.app.db, { startDate: '2031-03-04', endDate: '2031-03-04' });
    const sessionRow = await createSession(first.app.db, summitRow.id, { startsAt: new Date('2031-03-04T13:00:00Z') });
    const member = await createMember(first.app.db, null);
    const open = async (id: string, seenAt: string) =>
      await first.app.db.unit(async () =>
        first.app.db.q.insert(tables.livePresence).values({
          id,
          sessionId: sessionRow.id,
          memberId: member.id,
          joinedAt: new Date('2031-03-04T13:05:00Z'),
          leftAt: null,
          seenAt: new Date(seenAt),
        }),
      );
    // As a crashed server leaves them: one last seen at 13:12, one seen a moment ago (another server's).
    await open('stale', '2031-03-04T13:12:00Z');
    await open('fresh', '2031-03-04T13:29:50Z');
    await first.close();

    const second = await buildTestApp({ dir, clock: clock.now });
    try {
      const rows = await second.app.db.q.select().from(tables.livePresence);
      expect(rows.find((row) => row.id === 'stale')?.leftAt).toEqual(new Date('2031-03-04T13:12:00Z'));
      expect(rows.find((row) => row.id === 'fresh')?.leftAt).toBeNull();
    } finally {
      await second.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
