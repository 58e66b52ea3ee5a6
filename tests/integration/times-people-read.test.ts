import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { localDate, summitSpan, type SummitDetail } from '@apoc/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signIn } from '../helpers/auth';
import { HOURS, TestClock } from '../helpers/clock';
import { createInstitution, createMember, createSession, createSummit } from '../helpers/factories';
import { eventually, startSmtpSink, type SmtpSink } from '../helpers/smtp';

// Times people read: a summit's dates in the viewer's zone, the start named in e-mails, and the
// invitation a confirmation carries, for members in Seoul and in Los Angeles, at two summits of 2027:
// one in New York (whose sessions run into the Korean night) and one in Melbourne (whose first morning is
// the Californian afternoon before). The clock stands in November 2026, before both.

const at = (iso: string) => new Date(iso);

/** Two days in New York (EST, UTC−5): 09:00 on Tuesday 19 January to 17:00 on Wednesday 20 January. */
const NEW_YORK = {
  title: 'APoC Summit New York 2027',
  timeZone: 'America/New_York',
  startDate: '2027-01-19',
  endDate: '2027-01-20',
  sessions: [
    // Cancelled before it was ever held: it neither starts the summit nor appears in an invitation.
    {
      title: 'Early breakfast',
      startsAt: at('2027-01-19T12:00:00Z'),
      endsAt: at('2027-01-19T13:00:00Z'),
      status: 'cancelled' as const,
    },
    { title: 'Opening plenary', startsAt: at('2027-01-19T14:00:00Z'), endsAt: at('2027-01-19T15:30:00Z') },
    {
      title: 'Coffee break',
      kind: 'break' as const,
      startsAt: at('2027-01-19T15:30:00Z'),
      endsAt: at('2027-01-19T16:00:00Z'),
    },
    { title: 'Thoracic oncology', startsAt: at('2027-01-19T19:00:00Z'), endsAt: at('2027-01-19T22:00:00Z') },
    { title: 'Closing plenary', startsAt: at('2027-01-20T20:00:00Z'), endsAt: at('2027-01-20T22:00:00Z') },
  ],
};

/** Two days in Melbourne (AEDT, UTC+11): 09:00 on Tuesday 9 March to 17:30 on Wednesday 10 March. */
const MELBOURNE = {
  title: 'APoC Summit Melbourne 2027',
  timeZone: 'Australia/Melbourne',
  startDate: '2027-03-09',
  endDate: '2027-03-10',
  sessions: [
    { title: 'Welcome', startsAt: at('2027-03-08T22:00:00Z'), endsAt: at('2027-03-09T01:00:00Z') },
    { title: 'Gastrointestinal cancers', startsAt: at('2027-03-10T02:00:00Z'), endsAt: at('2027-03-10T06:30:00Z') },
  ],
};

describe('times people read, in Seoul and in Los Angeles', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let organiser: string;
  const clock = new TestClock(at('2026-11-02T12:00:00Z'));
  const summits: Record<'newYork' | 'melbourne', SummitDetail> = {} as never;
  const people: Record<'seoul' | 'losAngeles', { email: string; cookie: string }> = {} as never;

  const send = (method: 'GET' | 'POST', url: string, payload?: object, cookie = organiser) =>
    t.app.inject({ method, url, headers: browserHeaders(t.config, cookie), ...(payload ? { payload } : {}) });

  async function makeSummit(plan: typeof NEW_YORK | typeof MELBOURNE): Promise<SummitDetail> {
    const summit = await createSummit(t.app.db, { ...plan, format: 'virtual', status: 'draft' });
    for (const session of plan.sessions) await createSession(t.app.db, summit.id, session);
    expect((await send('POST', `/api/summits/${summit.id}/publish`, {})).statusCode).toBe(200);
    return (await send('GET', `/api/summits/${summit.id}`)).json<SummitDetail>();
  }

  async function member(zone: string) {
    const institution = await createInstitution(t.app.db, zone);
    const { email } = await createMember(t.app.db, institution.id, `Member in ${zone}`);
    return { email, cookie: await signIn(t, email) };
  }

  /** The mail `email` received with this subject, as delivered by SMTP. */
  const mailTo = (email: string, subject: string) =>
    eventually(() => smtp.messages.find((m) => m.subject === subject && JSON.stringify(m.to).includes(email)));

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await buildTestApp({ seed: 'demo', clock: clock.now, fastOutbox: true, env: { SMTP_URL: smtp.url } });
    organiser = await signIn(t, 'organiser@demo.apoc.test');
    summits.newYork = await makeSummit(NEW_YORK);
    summits.melbourne = await makeSummit(MELBOURNE);
    people.seoul = await member('Asia/Seoul');
    people.losAngeles = await member('America/Los_Angeles');
    for (const summit of Object.values(summits)) {
      for (const person of Object.values(people)) {
        const response = await send(
          'POST',
          `/api/summits/${summit.id}/registrations`,
          { mode: 'virtual' },
          person.cookie,
        );
        expect(response.statusCode, response.body).toBe(201);
      }
    }
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  describe('a summit happens from its first session’s start to its last one’s end', () => {
    it('gives the first scheduled session’s start and the last one’s end, leaving out cancelled sessions', () => {
      expect(summits.newYork.firstSessionStartsAt).toBe('2027-01-19T14:00:00.000Z');
      expect(summits.newYork.lastSessionEndsAt).toBe('2027-01-20T22:00:00.000Z');
      expect(summits.melbourne.firstSessionStartsAt).toBe('2027-03-08T22:00:00.000Z');
      expect(summits.melbourne.lastSessionEndsAt).toBe('2027-03-10T06:30:00.000Z');
    });

    it('gives them in the summits list too', async () => {
      const list = (await send('GET', '/api/summits')).json<SummitDetail[]>();
      const newYork = list.find((summit) => summit.id === summits.newYork.id);
      expect(newYork?.firstSessionStartsAt).toBe('2027-01-19T14:00:00.000Z');
      expect(newYork?.lastSessionEndsAt).toBe('2027-01-20T22:00:00.000Z');
    });

    /** The dates a viewer in `zone` lives the summit on. */
    const datesIn = (summit: SummitDetail, zone: string) => {
      const { start, end } = summitSpan(summit);
      return [localDate(start, zone), localDate(end - 1, zone)];
    };

    it('runs, for Seoul, from Tuesday night to Thursday morning in New York’s case; same dates in Melbourne’s', () => {
      expect(datesIn(summits.newYork, 'Asia/Seoul')).toEqual(['2027-01-19', '2027-01-21']);
      expect(datesIn(summits.melbourne, 'Asia/Seoul')).toEqual(['2027-03-09', '2027-03-10']);
    });

    it('runs, for Los Angeles, on New York’s own dates, and from the Monday before in Melbourne’s case', () => {
      expect(datesIn(summits.newYork, 'America/Los_Angeles')).toEqual(['2027-01-19', '2027-01-20']);
      expect(datesIn(summits.melbourne, 'America/Los_Angeles')).toEqual(['2027-03-08', '2027-03-09']);
    });

    it('is no longer the midnight-to-midnight span that made New York last three days in Paris', () => {
      expect(datesIn(summits.newYork, 'Europe/Paris')).toEqual(['2027-01-19', '2027-01-20']);
    });
  });

  describe('the confirmation names the first session’s real start, in the member’s zone and the summit’s', () => {
    const confirmed = (summit: SummitDetail, email: string) => mailTo(email, `Registration confirmed: ${summit.title}`);

    it.each([
      ['newYork', 'seoul', 'Tue 19 Jan 2027, 23:00 (Seoul), which is Tue 19 Jan 2027, 09:00 (New York)'],
      ['newYork', 'losAngeles', 'Tue 19 Jan 2027, 06:00 (Los Angeles), which is Tue 19 Jan 2027, 09:00 (New York)'],
      ['melbourne', 'seoul', 'Tue 9 Mar 2027, 07:00 (Seoul), which is Tue 9 Mar 2027, 09:00 (Melbourne)'],
      // The Monday before, in California.
      ['melbourne', 'losAngeles', 'Mon 8 Mar 2027, 14:00 (Los Angeles), which is Tue 9 Mar 2027, 09:00 (Melbourne)'],
    ] as const)('%s, for a member in %s: It starts %s summit time', async (summit, person, start) => {
      const mail = await confirmed(summits[summit], people[person].email);
      expect(mail.text).toContain(`It starts ${start} summit time.`);
    });
  });

  describe('the invitation covers only the hours of the sessions the member attends', () => {
    const invitationOf = (mail: ParsedMail) => {
      const part = mail.attachments.find((attachment) => attachment.filename === 'invite.ics');
      if (!part) throw new Error(`no invitation in "${mail.subject}"`);
      return new ICAL.Component(ICAL.parse(part.content.toString('utf8')));
    };
    const feedOf = async (summit: SummitDetail) =>
      new ICAL.Component(ICAL.parse((await send('GET', `/api/summits/${summit.id}/calendar.ics`)).body));
    const eventsOf = (calendar: ICAL.Component) =>
      calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));

    it('holds one event per session taking place, each at its own hours, and none while the member is free', async () => {
      const mail = await mailTo(people.seoul.email, `Registration confirmed: ${summits.newYork.title}`);
      const invitation = invitationOf(mail);
      expect(invitation.getFirstPropertyValue('method')).toBe('REQUEST');
      const events = eventsOf(invitation);
      const held = NEW_YORK.sessions.filter((session) => !('status' in session));
      expect(
        events.map((event) => [
          event.summary,
          event.startDate.toJSDate().toISOString(),
          event.endDate.toJSDate().toISOString(),
        ]),
      ).toEqual(
        held.map((session) => [
          session.kind === 'break' ? `${session.title} · ${NEW_YORK.title}` : session.title,
          session.startsAt.toISOString(),
          session.endsAt.toISOString(),
        ]),
      );
      // Busy 7 hours in all, not the 48 of two whole days.
      const busy = events.reduce((sum, event) => sum + event.duration.toSeconds(), 0);
      expect(busy).toBe(7 * 3600);
      for (const event of events) {
        expect(event.startDate.zone?.tzid).toBe('America/New_York');
        expect(event.attendees.map((attendee) => String(attendee.getFirstValue()).toLowerCase())).toEqual([
          `mailto:${people.seoul.email}`,
        ]);
      }
    });

    it('uses the feed’s UIDs and SEQUENCEs, so a calendar subscribed to the feed holds each session once', async () => {
      const mail = await mailTo(people.losAngeles.email, `Registration confirmed: ${summits.newYork.title}`);
      const invited = eventsOf(invitationOf(mail));
      const feed = eventsOf(await feedOf(summits.newYork));
      const taking = feed.filter((event) => event.component.getFirstPropertyValue('status') !== 'CANCELLED');
      expect(invited.map((event) => [event.uid, event.sequence])).toEqual(
        taking.map((event) => [event.uid, event.sequence]),
      );
    });

    it('covers Melbourne’s two sessions only, across the date line', async () => {
      const mail = await mailTo(people.losAngeles.email, `Registration confirmed: ${summits.melbourne.title}`);
      const events = eventsOf(invitationOf(mail));
      expect(events.map((event) => [event.startDate.toJSDate(), event.endDate.toJSDate()])).toEqual(
        MELBOURNE.sessions.map((session) => [session.startsAt, session.endsAt]),
      );
    });
  });

  it('names a break’s summit in the public feed and in a member’s own feed across summits', async () => {
    const feed = (await send('GET', `/api/summits/${summits.newYork.id}/calendar.ics`)).body.replace(/\r?\n /g, '');
    expect(feed).toContain(`SUMMARY:Coffee break · ${NEW_YORK.title}`);
    const { url } = (await send('POST', '/api/me/calendar/token', {}, people.seoul.cookie)).json<{ url: string }>();
    const personal = (await send('GET', new URL(url).pathname)).body.replace(/\r?\n /g, '');
    expect(personal).toContain(`SUMMARY:Coffee break · ${NEW_YORK.title}`);
    expect(personal).not.toMatch(/^SUMMARY:Coffee break\r?$/m);
  });

  it('the day-before reminder names the first session’s start in the member’s zone and the summit’s', async () => {
    const first = Date.parse(summits.newYork.firstSessionStartsAt ?? '');
    clock.set(new Date(first - 30 * HOURS));
    await t.app.reminders.plan();
    // Sent late, two hours before the start: 21:00 on Tuesday 19 January in Seoul, the day it starts there (23:00).
    clock.set(new Date(first - 2 * HOURS));
    await t.app.reminders.runDue();
    const reminder = await mailTo(people.seoul.email, `Today: ${summits.newYork.title}`);
    expect(reminder.text).toContain(
      `${NEW_YORK.title} starts Tue 19 Jan 2027, 23:00 (Seoul), which is Tue 19 Jan 2027, 09:00 (New York) summit time.`,
    );
  });

  it('the day-before reminder says “Tomorrow” when it goes out as planned, at 09:00 the day before in the member’s zone', async () => {
    clock.set(at('2027-03-06T00:00:00Z'));
    await t.app.reminders.plan();
    // 09:00 on Sunday 7 March in Los Angeles (PST, UTC−8): Melbourne’s Welcome is at 14:00 on Monday there.
    clock.set(at('2027-03-07T17:00:00Z'));
    await t.app.reminders.runDue();
    await mailTo(people.losAngeles.email, `Tomorrow: ${summits.melbourne.title}`);
    // 09:00 on Monday 8 March in Seoul (UTC+9): the Welcome is at 07:00 on Tuesday there.
    clock.set(at('2027-03-08T00:00:00Z'));
    await t.app.reminders.runDue();
    const reminder = await mailTo(people.seoul.email, `Tomorrow: ${summits.melbourne.title}`);
    expect(reminder.text).toContain(
      `${MELBOURNE.title} starts Tue 9 Mar 2027, 07:00 (Seoul), which is Tue 9 Mar 2027, 09:00 (Melbourne) summit time.`,
    );
  });
});
