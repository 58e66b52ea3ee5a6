import { zonedInstant, type SessionDetail, type SummitDetail } from '@apoc/shared';
import { eq } from 'drizzle-orm';
import { first as firstRow, tables } from '../helpers/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signedIn, signedInMembers } from '../helpers/auth';
import { DAYS, TestClock } from '../helpers/clock';
import { eventually, startSmtpSink, type SmtpSink } from '../helpers/smtp';

const MINUTES = 60_000;

describe('joining virtual sessions at the right moment, and reminders in your own time', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  const clock = new TestClock();

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await buildTestApp({ seed: 'demo', clock: clock.now, fastOutbox: true, env: { SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const organiser = () => signedIn(t, 'organiser@demo.apoc.test');
  const send = async (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: object, cookie?: string) =>
    t.app.inject({ method, url, headers: browserHeaders(t.config, cookie ?? (await organiser())), payload });
  const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  /** A hybrid summit two days from the test clock, in Seoul, with one session at 10:00 Seoul time. */
  async function hybridSummit() {
    const day = new Date(clock.now().getTime() + 2 * DAYS).toISOString().slice(0, 10);
    const summit = (
      await send('POST', '/api/summits', {
        title: `Hybrid ${Math.random().toString(36).slice(2, 7)}`,
        format: 'hybrid',
        timeZone: 'Asia/Seoul',
        startDate: day,
        endDate: day,
        venue: { name: 'Asan Medical Center', city: 'Seoul' },
        seats: { inPerson: 10, virtual: 10 },
      })
    ).json() as SummitDetail;
    const session = (
      await send('POST', `/api/summits/${summit.id}/sessions`, {
        title: 'Bispecifics in small-cell lung cancer',
        kind: 'keynote',
        startsAt: zonedInstant(day, '10:00', 'Asia/Seoul').toISOString(),
        endsAt: zonedInstant(day, '11:00', 'Asia/Seoul').toISOString(),
        joinUrl: 'https://video.example.org/bispecifics',
      })
    ).json() as SessionDetail;
    expect((await send('POST', `/api/summits/${summit.id}/publish`, {})).statusCode).toBe(200);
    return { summit, session, startsAt: Date.parse(session.startsAt ?? '') };
  }

  it('reveals the join URL only to online registrants, only inside the window, and records each Join', async () => {
    const { summit, session, startsAt } = await hybridSummit();
    const [online, inPerson, stranger] = await signedInMembers(t, 3, 'peter-mac');
    if (!online || !inPerson || !stranger) throw new Error('members');
    await send('POST', `/api/summits/${summit.id}/registrations`, { mode: 'virtual' }, online.cookie);
    await send('POST', `/api/summits/${summit.id}/registrations`, { mode: 'in_person' }, inPerson.cookie);

    const before = (await get(`/api/sessions/${session.id}`, online.cookie)).json() as SessionDetail;
    expect(before.join).toMatchObject({
      entitled: true,
      open: false,
      opensAt: new Date(startsAt - 15 * MINUTES).toISOString(),
    });
    expect(before.joinUrl).toBeUndefined();
    expect((await send('POST', `/api/sessions/${session.id}/join`, {}, online.cookie)).statusCode).toBe(409);

    clock.set(new Date(startsAt - 10 * MINUTES));
    const inside = (await get(`/api/sessions/${session.id}`, online.cookie)).json() as SessionDetail;
    expect(inside).toMatchObject({ joinUrl: 'https://video.example.org/bispecifics', join: { open: true } });
    for (const cookie of [inPerson.cookie, stranger.cookie, undefined]) {
      const response = await get(`/api/sessions/${session.id}`, cookie);
      expect(response.body).not.toContain('video.example.org');
      expect(response.json().join.entitled).toBe(false);
    }
    expect((await send('POST', `/api/sessions/${session.id}/join`, {}, inPerson.cookie)).statusCode).toBe(403);
    const joined = await send('POST', `/api/sessions/${session.id}/join`, {}, online.cookie);
    expect(joined.json()).toEqual({ joinUrl: 'https://video.example.org/bispecifics' });

    clock.set(new Date(startsAt + 61 * MINUTES));
    const after = (await get(`/api/sessions/${session.id}`, online.cookie)).json() as SessionDetail;
    expect(after.joinUrl).toBeUndefined();

    const report = (await get(`/api/summits/${summit.id}/attendance`, await organiser())).json();
    expect(report.sessions[0]).toMatchObject({
      sessionId: session.id,
      attendees: 1,
      byInstitution: { 'peter-mac': 1 },
    });
    const csv = await get(`/api/summits/${summit.id}/attendance.csv`, await organiser());
    expect(csv.body).toContain('peter-mac');
    clock.set(new Date());
  });

  it('accepts only http and https join URLs', async () => {
    const { session } = await hybridSummit();
    for (const joinUrl of ['javascript:alert(1)', 'ftp://files.example.org/x', 'data:text/html,hi']) {
      expect((await send('PATCH', `/api/sessions/${session.id}`, { joinUrl })).statusCode).toBe(400);
    }
  });

  it('sends each reminder once, in the member’s zone, across a restart, and skips stale ones', async () => {
    const { summit, session, startsAt } = await hybridSummit();
    const [berlin, lateComer] = await signedInMembers(t, 2, 'essen');
    if (!berlin || !lateComer) throw new Error('members');
    await send('POST', `/api/summits/${summit.id}/registrations`, { mode: 'virtual' }, berlin.cookie);
    await send('PUT', `/api/sessions/${session.id}/star`, {}, berlin.cookie);

    await t.app.reminders.plan();
    const jobByKey = async (key: string) => {
      const row = await firstRow(
        t.app.db.q.select().from(tables.scheduledJobs).where(eq(tables.scheduledJobs.key, key)),
      );
      if (!row) throw new Error(`no job ${key}`);
      return { runAt: row.runAt.getTime(), status: row.status };
    };
    const job = await jobByKey(`session:${session.id}:${berlin.id}`);
    expect(job).toMatchObject({ runAt: startsAt - 15 * MINUTES, status: 'pending' });
    const dayBefore = await jobByKey(`summit:${summit.id}:${berlin.id}`);
    // 09:00 in Essen on the day before the session's (Essen) date.
    expect(
      new Date(dayBefore.runAt).toLocaleString('en-GB', {
        timeZone: 'Europe/Berlin',
        hour: '2-digit',
        minute: '2-digit',
      }),
    ).toBe('09:00');

    clock.set(new Date(startsAt - 14 * MINUTES));
    const first = await t.app.reminders.runDue();
    expect(first.done).toBeGreaterThanOrEqual(1);
    expect((await t.app.reminders.runDue()).done).toBe(0);
    const reminder = await eventually(() =>
      smtp.messages.find(
        (m) => m.subject === `Starting soon: ${session.title}` && JSON.stringify(m.to).includes(berlin.email),
      ),
    );
    // Written in the member's own zone first (Essen), with Seoul's beside it.
    expect(reminder.text).toContain('(Berlin)');
    expect(reminder.text).toContain('Seoul');

    // After a restart, a job done stays done; one that became stale while down is skipped, not sent.
    await send('POST', `/api/summits/${summit.id}/registrations`, { mode: 'virtual' }, lateComer.cookie);
    await send('PUT', `/api/sessions/${session.id}/star`, {}, lateComer.cookie);
    await t.app.reminders.plan();
    await t.app.close();
    clock.set(new Date(startsAt + 5 * MINUTES));
    const restarted = await buildTestApp({
      dir: t.dir,
      clock: clock.now,
      fastOutbox: true,
      env: { SMTP_URL: smtp.url },
    });
    try {
      const result = await restarted.app.reminders.runDue();
      expect(result.done).toBe(0);
      const late = (await firstRow(
        restarted.app.db.q
          .select({ status: tables.scheduledJobs.status })
          .from(tables.scheduledJobs)
          .where(eq(tables.scheduledJobs.key, `session:${session.id}:${lateComer.id}`)),
      )) ?? { status: 'missing' };
      expect(late.status).toBe('skipped');
    } finally {
      await restarted.app.close();
    }
    t = await buildTestApp({
      dir: t.dir,
      seed: 'demo',
      clock: clock.now,
      fastOutbox: true,
      env: { SMTP_URL: smtp.url },
    });
    clock.set(new Date());
  });
});
