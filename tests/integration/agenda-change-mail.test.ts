import { rmSync } from 'node:fs';
import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { formatDay, formatTime, zonedInstant, type SessionDetail, type SummitDetail } from '@apoc/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { first, tables } from '../helpers/db';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signIn, signedInMembers } from '../helpers/auth';
import { DAYS, HOURS, TestClock } from '../helpers/clock';
import { createMember } from '../helpers/factories';
import { eventually, startSmtpSink, type SmtpSink } from '../helpers/smtp';

const MINUTES = 60_000;
/** Past the few minutes a change notice waits for further edits. */
const AFTER_WINDOW = 6 * MINUTES;

describe('agenda change e-mails: one per member per burst of edits, in their own zone, with calendar updates', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let organiser: string;
  const clock = new TestClock();

  const start = (dir?: string) =>
    buildTestApp({
      seed: 'demo',
      clock: clock.now,
      fastOutbox: true,
      env: { SMTP_URL: smtp.url },
      ...(dir ? { dir } : {}),
    });

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await start();
    organiser = await signIn(t, 'organiser@demo.apoc.test');
  });
  afterAll(async () => {
    await t.close();
    // An app started again on the same folder leaves it in place when closed.
    rmSync(t.dir, { recursive: true, force: true });
    await smtp.stop();
  });

  const send = (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: object, cookie = organiser) =>
    t.app.inject({ method, url, headers: browserHeaders(t.config, cookie), payload });
  const publish = async (summitId: string) =>
    expect((await send('POST', `/api/summits/${summitId}/publish`, {})).statusCode).toBe(200);
  const moveTo = async (sessionId: string, startsAt: Date) =>
    expect(
      (
        await send('PATCH', `/api/sessions/${sessionId}`, {
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + HOURS).toISOString(),
        })
      ).statusCode,
    ).toBe(200);
  const register = async (summitId: string, cookie: string, mode: 'virtual' | 'in_person' = 'virtual') =>
    expect((await send('POST', `/api/summits/${summitId}/registrations`, { mode }, cookie)).statusCode).toBe(201);

  /** The change notices the outbox holds for a summit (enqueued, whether delivered yet or not). */
  const queued = async (summit: SummitDetail) =>
    t.app.db.q
      .select({ recipient: tables.outbox.recipient, text: tables.outbox.text })
      .from(tables.outbox)
      .where(
        and(eq(tables.outbox.kind, 'agenda-changed'), eq(tables.outbox.subject, `Agenda changes: ${summit.title}`)),
      );
  /** Waits for the notice delivered to `email`, and checks it is the only one. */
  async function noticeTo(summit: SummitDetail, email: string): Promise<ParsedMail> {
    const mails = await eventually(() => {
      const found = smtp.messages.filter(
        (m) => m.subject === `Agenda changes: ${summit.title}` && JSON.stringify(m.to).includes(email),
      );
      return found.length > 0 ? found : undefined;
    });
    expect(mails).toHaveLength(1);
    return mails[0] as ParsedMail;
  }
  const calendarOf = (mail: ParsedMail, filename: string) => {
    const part = mail.attachments.find((p) => p.filename === filename);
    if (!part) throw new Error(`no ${filename} in "${mail.subject}"`);
    return new ICAL.Component(ICAL.parse(part.content.toString('utf8')));
  };
  const uidsOf = (calendar: ICAL.Component) =>
    calendar.getAllSubcomponents('vevent').map((event) => event.getFirstPropertyValue('uid'));
  const uid = (sessionId: string) => `session-${sessionId}@${t.config.publicUrl.hostname}`;
  /** A time as the notices write it, in a member's zone. */
  const when = (instant: Date, zone: string) =>
    `${formatDay(instant, zone, 'en-GB')} ${formatTime(instant, zone, 'en-GB')}`;

  /** The job waiting to announce a summit's changes. */
  const pendingNotice = async (summitId: string) => {
    const { scheduledJobs } = tables;
    const jobs = await t.app.db.q
      .select()
      .from(scheduledJobs)
      .where(and(eq(scheduledJobs.kind, 'agenda-changes'), eq(scheduledJobs.status, 'pending')));
    const job = jobs.find((row) => (JSON.parse(row.payload) as { summitId?: string }).summitId === summitId);
    return job && { key: job.key, runAt: job.runAt.getTime(), payload: job.payload };
  };

  /** A published hybrid summit two days from the test clock, in Seoul, with sessions at 10:00, 12:00… */
  async function publishedSummit(titles: string[], people: Record<string, string[]> = {}) {
    const day = new Date(clock.now().getTime() + 2 * DAYS).toISOString().slice(0, 10);
    const summit = (
      await send('POST', '/api/summits', {
        title: `Changes ${Math.random().toString(36).slice(2, 7)}`,
        format: 'hybrid',
        timeZone: 'Asia/Seoul',
        startDate: day,
        endDate: day,
        venue: { name: 'Asan Medical Center', city: 'Seoul' },
        seats: { inPerson: 10, virtual: 10 },
      })
    ).json() as SummitDetail;
    const room = async (name: string) =>
      ((await send('POST', `/api/summits/${summit.id}/rooms`, { name })).json() as { id: string }).id;
    const rooms = { a: await room('Hall A'), b: await room('Hall B') };
    const sessions: SessionDetail[] = [];
    for (const [index, title] of titles.entries()) {
      const startsAt = zonedInstant(day, `${String(10 + 2 * index).padStart(2, '0')}:00`, 'Asia/Seoul');
      const response = await send('POST', `/api/summits/${summit.id}/sessions`, {
        title,
        kind: 'panel',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + HOURS).toISOString(),
        roomId: rooms.a,
        people: (people[title] ?? []).map((memberId) => ({ memberId, role: 'speaker' })),
      });
      expect(response.statusCode).toBe(201);
      sessions.push(response.json() as SessionDetail);
    }
    await publish(summit.id);
    return { summit, sessions, rooms, startsAt: (session: SessionDetail) => new Date(session.startsAt ?? '') };
  }

  it('sends one e-mail per member for a burst of publications, from the first old time to the last new one', async () => {
    const { summit, sessions, rooms, startsAt } = await publishedSummit(['Bispecifics in small-cell lung cancer']);
    const session = sessions[0] as SessionDetail;
    const [newYork, essen] = [...(await signedInMembers(t, 1, 'msk')), ...(await signedInMembers(t, 1, 'essen'))];
    if (!newYork || !essen) throw new Error('members');
    await register(summit.id, newYork.cookie);
    await register(summit.id, essen.cookie, 'in_person');
    const first = startsAt(session);
    const middle = new Date(first.getTime() + 2 * HOURS);
    const last = new Date(first.getTime() + 3 * HOURS);

    await moveTo(session.id, middle);
    await publish(summit.id);
    const publishedAt = clock.now().getTime();
    clock.advance(2 * MINUTES);
    await moveTo(session.id, last);
    expect((await send('PATCH', `/api/sessions/${session.id}`, { roomId: rooms.b })).statusCode).toBe(200);
    await publish(summit.id);

    // Nothing yet: the notice waits a few minutes from the first publication, and both join it.
    await t.app.reminders.runDue();
    expect(await queued(summit)).toEqual([]);
    const job = await pendingNotice(summit.id);
    expect(job?.runAt).toBe(publishedAt + 5 * MINUTES);
    expect(JSON.parse(job?.payload ?? '{}')).toEqual({ summitId: summit.id, announcedVersion: 1 });

    clock.advance(AFTER_WINDOW);
    await t.app.reminders.runDue();
    expect(await queued(summit)).toHaveLength(2);
    const toNewYork = await noticeTo(summit, newYork.email);
    expect(toNewYork.text).toContain('Times are in your time zone (America/New_York)');
    expect(toNewYork.text).toContain(
      `Bispecifics in small-cell lung cancer: new time, new room: ${when(first, 'America/New_York')}`,
    );
    expect(toNewYork.text).toContain(`→ ${when(last, 'America/New_York')}`);
    expect(toNewYork.text).toContain('Hall A → Hall B');
    expect(toNewYork.text).not.toContain(when(middle, 'America/New_York'));
    const toEssen = await noticeTo(summit, essen.email);
    expect(toEssen.text).toContain(`${when(first, 'Europe/Berlin')}`);
    expect(toEssen.text).toContain(`→ ${when(last, 'Europe/Berlin')}`);

    const event = new ICAL.Event(calendarOf(toNewYork, 'changes.ics').getFirstSubcomponent('vevent') ?? undefined);
    expect(event.uid).toBe(uid(session.id));
    expect(event.sequence).toBe(2);
    expect(event.startDate.toJSDate().toISOString()).toBe(last.toISOString());
    expect(toNewYork.attachments.map((p) => p.filename)).toEqual(['changes.ics']);
  });

  it('sends a second e-mail for a publication after the first notice went out', async () => {
    const { summit, sessions, startsAt } = await publishedSummit(['Minimal residual disease']);
    const session = sessions[0] as SessionDetail;
    const [member] = await signedInMembers(t, 1, 'vhio');
    if (!member) throw new Error('member');
    await register(summit.id, member.cookie);
    const first = startsAt(session);
    const second = new Date(first.getTime() + HOURS);
    const third = new Date(first.getTime() + 2 * HOURS);

    await moveTo(session.id, second);
    await publish(summit.id);
    clock.advance(AFTER_WINDOW);
    await t.app.reminders.runDue();
    await moveTo(session.id, third);
    await publish(summit.id);
    clock.advance(AFTER_WINDOW);
    await t.app.reminders.runDue();

    const texts = (await queued(summit)).map((notice) => notice.text);
    expect(texts).toHaveLength(2);
    const zone = 'Europe/Madrid';
    expect(texts.find((text) => text.includes(`${when(first, zone)}`))).toContain(`→ ${when(second, zone)}`);
    // The second notice starts from what the first one told.
    expect(texts.find((text) => text.includes(`→ ${when(third, zone)}`))).toContain(`${when(second, zone)}`);
  });

  it('tells a member who only starred a session, and a speaker who did not register, of that session only', async () => {
    const speaker = await createMember(t.app.db, null, 'Ingrid Speaker');
    const { summit, sessions, startsAt } = await publishedSummit(['Starred talk', 'Spoken talk', 'Unrelated talk'], {
      'Spoken talk': [speaker.id],
    });
    const [starred, spoken, unrelated] = sessions as [SessionDetail, SessionDetail, SessionDetail];
    const [registered, fan, offered, leaver] = await signedInMembers(t, 4, 'peter-mac');
    if (!registered || !fan || !offered || !leaver) throw new Error('members');
    await register(summit.id, registered.cookie);
    await register(summit.id, offered.cookie);
    await register(summit.id, leaver.cookie);
    expect((await send('PUT', `/api/sessions/${starred.id}/star`, {}, fan.cookie)).statusCode).toBe(204);
    // A seat offered from the waitlist is held as much as a confirmed one; a deactivated member hears nothing.
    await t.app.db.unit(async () => {
      await t.app.db.q
        .update(tables.registrations)
        .set({ status: 'offered' })
        .where(eq(tables.registrations.memberId, offered.id));
      await t.app.db.q.update(tables.members).set({ active: false }).where(eq(tables.members.id, leaver.id));
    });

    for (const session of [starred, spoken, unrelated]) {
      await moveTo(session.id, new Date(startsAt(session).getTime() + 6 * HOURS));
    }
    await publish(summit.id);
    clock.advance(AFTER_WINDOW);
    await t.app.reminders.runDue();

    expect((await queued(summit)).map((notice) => notice.recipient).sort()).toEqual(
      [registered.email, fan.email, offered.email, speaker.email].sort(),
    );
    const all = await noticeTo(summit, registered.email);
    for (const title of ['Starred talk', 'Spoken talk', 'Unrelated talk']) expect(all.text).toContain(title);
    expect(uidsOf(calendarOf(all, 'changes.ics'))).toHaveLength(3);

    const toFan = await noticeTo(summit, fan.email);
    expect(toFan.text).toContain('Starred talk');
    expect(toFan.text).not.toMatch(/Spoken talk|Unrelated talk/);
    expect(uidsOf(calendarOf(toFan, 'changes.ics'))).toEqual([uid(starred.id)]);

    const toSpeaker = await noticeTo(summit, speaker.email);
    expect(toSpeaker.text).toContain('Dear Ingrid Speaker');
    expect(toSpeaker.text).toContain('Spoken talk');
    expect(toSpeaker.text).not.toMatch(/Starred talk|Unrelated talk/);
    expect(uidsOf(calendarOf(toSpeaker, 'changes.ics'))).toEqual([uid(spoken.id)]);
  });

  it('cancels a cancelled session in calendars, in an attachment of its own with METHOD:CANCEL', async () => {
    const { summit, sessions, startsAt } = await publishedSummit(['Cancelled talk', 'Moved talk']);
    const [cancelled, moved] = sessions as [SessionDetail, SessionDetail];
    const [member] = await signedInMembers(t, 1, 'asan');
    if (!member) throw new Error('member');
    await register(summit.id, member.cookie);
    const feed = new ICAL.Component(
      ICAL.parse((await t.app.inject({ method: 'GET', url: `/api/sessions/${cancelled.id}/calendar.ics` })).body),
    );
    const sequenceBefore = Number(feed.getFirstSubcomponent('vevent')?.getFirstPropertyValue('sequence') ?? 0);

    expect((await send('PATCH', `/api/sessions/${cancelled.id}`, { status: 'cancelled' })).statusCode).toBe(200);
    await moveTo(moved.id, new Date(startsAt(moved).getTime() + HOURS));
    await publish(summit.id);
    clock.advance(AFTER_WINDOW);
    await t.app.reminders.runDue();

    const notice = await noticeTo(summit, member.email);
    expect(notice.text).toContain('Cancelled talk: cancelled');
    expect(notice.attachments.map((p) => p.filename)).toEqual(['changes.ics', 'cancelled.ics']);
    const cancellation = calendarOf(notice, 'cancelled.ics');
    expect(cancellation.getFirstPropertyValue('method')).toBe('CANCEL');
    const events = cancellation.getAllSubcomponents('vevent');
    expect(events).toHaveLength(1);
    const event = events[0] as ICAL.Component;
    expect(event.getFirstPropertyValue('uid')).toBe(uid(cancelled.id));
    expect(Number(event.getFirstPropertyValue('sequence'))).toBeGreaterThan(sequenceBefore);
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
    const update = calendarOf(notice, 'changes.ics');
    expect(update.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(uidsOf(update)).toEqual([uid(moved.id)]);
  });

  it('sends nothing when the edits of a burst undo each other', async () => {
    const { summit, sessions, startsAt } = await publishedSummit(['Back where it was']);
    const session = sessions[0] as SessionDetail;
    const [member] = await signedInMembers(t, 1, 'gustave-roussy');
    if (!member) throw new Error('member');
    await register(summit.id, member.cookie);

    await moveTo(session.id, new Date(startsAt(session).getTime() + HOURS));
    await publish(summit.id);
    const { key } = (await pendingNotice(summit.id)) ?? { key: '' };
    clock.advance(MINUTES);
    await moveTo(session.id, startsAt(session));
    await publish(summit.id);
    clock.advance(AFTER_WINDOW);
    await t.app.reminders.runDue();

    expect(await queued(summit)).toEqual([]);
    const job = await first(
      t.app.db.q
        .select({ status: tables.scheduledJobs.status })
        .from(tables.scheduledJobs)
        .where(eq(tables.scheduledJobs.key, key)),
    );
    expect(job).toEqual({ status: 'skipped' });
  });

  it('sends a notice pending at a restart once the window has passed, and never twice', async () => {
    const { summit, sessions, startsAt } = await publishedSummit(['Through a restart']);
    const session = sessions[0] as SessionDetail;
    const [member] = await signedInMembers(t, 1, 'princess-margaret');
    if (!member) throw new Error('member');
    await register(summit.id, member.cookie);
    await moveTo(session.id, new Date(startsAt(session).getTime() + HOURS));
    await publish(summit.id);

    // Down before the notice was due, up again after: the start sends it.
    await t.app.close();
    clock.advance(AFTER_WINDOW);
    t = await start(t.dir);
    organiser = await signIn(t, 'organiser@demo.apoc.test');
    await noticeTo(summit, member.email);
    await t.app.reminders.runDue();
    expect(await queued(summit)).toHaveLength(1);

    // And once sent, another restart sends nothing again.
    await t.app.close();
    clock.advance(AFTER_WINDOW);
    t = await start(t.dir);
    organiser = await signIn(t, 'organiser@demo.apoc.test');
    await t.app.reminders.runDue();
    expect(await queued(summit)).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      smtp.messages.filter(
        (m) => m.subject === `Agenda changes: ${summit.title}` && JSON.stringify(m.to).includes(member.email),
      ),
    ).toHaveLength(1);
  });
});
