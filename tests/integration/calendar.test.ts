import ICAL from 'ical.js';
import { localTime, zonedInstant, type Occurrence, type SessionDetail, type SummitDetail } from '@apoc/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signIn, signedInMembers } from '../helpers/auth';
import { demoSummitIds } from '../helpers/demo';

/** Parses a feed with ical.js (an independent implementation), its VTIMEZONEs registered first. */
function parseFeed(body: string) {
  const calendar = new ICAL.Component(ICAL.parse(body));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  }
  return {
    calendar,
    events: calendar.getAllSubcomponents('vevent').map((component) => {
      const event = new ICAL.Event(component);
      return {
        uid: event.uid,
        start: event.startDate.toJSDate().toISOString(),
        end: event.endDate.toJSDate().toISOString(),
        tzid: event.startDate.zone?.tzid,
        sequence: event.sequence,
        status: String(component.getFirstPropertyValue('status')),
        summary: event.summary,
        description: event.description,
        url: String(component.getFirstPropertyValue('url')),
      };
    }),
  };
}

const ZONES = [
  'Asia/Seoul',
  'America/New_York',
  'Europe/Berlin',
  'Europe/Paris',
  'Australia/Melbourne',
  'America/Toronto',
  'Europe/Madrid',
  'America/Los_Angeles',
];

describe('calendar feeds that every calendar application reads right', () => {
  let t: TestApp;
  let organiser: string;
  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo' });
    organiser = await signIn(t, 'organiser@demo.apoc.test');
  });
  afterAll(async () => t.close());

  const send = (method: 'POST' | 'PATCH', url: string, payload: object, cookie = organiser) =>
    t.app.inject({ method, url, headers: browserHeaders(t.config, cookie), payload });

  /** Sessions as [date, start, end] in `zone`, with the pass of a repeated hour they are in ('earlier' if none). */
  async function publishedSummit(
    zone: string,
    startDate: string,
    endDate: string,
    times: [string, string, string, Occurrence?][],
  ) {
    const summit = (
      await send('POST', '/api/summits', {
        title: `Feed ${zone}`,
        format: 'virtual',
        timeZone: zone,
        startDate,
        endDate,
      })
    ).json() as SummitDetail;
    const sessions: SessionDetail[] = [];
    for (const [date, start, end, pass] of times) {
      const created = await send('POST', `/api/summits/${summit.id}/sessions`, {
        title: `At ${start} on ${date}`,
        kind: 'plenary',
        startsAt: zonedInstant(date, start, zone, pass).toISOString(),
        endsAt: zonedInstant(date, end, zone, pass).toISOString(),
        joinUrl: 'https://video.example.org/private-room',
      });
      sessions.push(created.json() as SessionDetail);
    }
    expect((await send('POST', `/api/summits/${summit.id}/publish`, {})).statusCode).toBe(200);
    return { summit, sessions };
  }

  it.each(ZONES)('places every event at the instants the database holds, for a summit in %s', async (zone) => {
    const { summit } = await publishedSummit(zone, '2027-06-08', '2027-06-09', [
      ['2027-06-08', '09:00', '10:30'],
      ['2027-06-09', '22:15', '23:45'],
    ]);
    const feed = await t.app.inject({ method: 'GET', url: `/api/summits/${summit.id}/calendar.ics` });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const agenda = (await t.app.inject({ method: 'GET', url: `/api/summits/${summit.id}` })).json() as SummitDetail;
    const { events, calendar } = parseFeed(feed.body);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(events.map(({ start, end, tzid }) => ({ start, end, tzid }))).toEqual(
      agenda.sessions.map((s) => ({ start: s.startsAt, end: s.endsAt, tzid: zone })),
    );
  });

  it.each([
    ['Europe/Paris', '2027-03-27', '2027-03-29'],
    ['America/New_York', '2027-03-13', '2027-03-15'],
    ['Australia/Melbourne', '2027-04-03', '2027-04-05'],
    ['Europe/Paris', '2027-10-30', '2027-11-01'],
  ])('keeps 09:00 at 09:00 across the daylight-saving change in %s (%s to %s)', async (zone, first, last) => {
    const middle = new Date(Date.parse(`${first}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const { summit } = await publishedSummit(zone, first, last, [
      [first, '09:00', '10:00'],
      [middle, '09:00', '10:00'],
      [last, '09:00', '10:00'],
    ]);
    const { events } = parseFeed(
      (await t.app.inject({ method: 'GET', url: `/api/summits/${summit.id}/calendar.ics` })).body,
    );
    expect(events.map((event) => localTime(Date.parse(event.start), zone))).toEqual(['09:00', '09:00', '09:00']);
    const [a, b, c] = events.map((event) => Date.parse(event.start));
    const gaps = [(b ?? 0) - (a ?? 0), (c ?? 0) - (b ?? 0)];
    expect(gaps.some((gap) => gap !== 86_400_000)).toBe(true);
  });

  it('writes in UTC the events that touch the hour the clocks repeat, which local time cannot name unambiguously', async () => {
    // New York falls back on 7 November 2027: 01:00–02:00 happens in EDT, then again in EST.
    const zone = 'America/New_York';
    const { summit } = await publishedSummit(zone, '2027-11-06', '2027-11-07', [
      ['2027-11-07', '01:10', '01:40', 'later'],
      ['2027-11-07', '00:30', '01:20', 'later'],
      ['2027-11-07', '01:05', '01:35', 'earlier'],
      ['2027-11-07', '09:00', '10:00'],
    ]);
    const feed = await t.app.inject({ method: 'GET', url: `/api/summits/${summit.id}/calendar.ics` });
    const agenda = (await t.app.inject({ method: 'GET', url: `/api/summits/${summit.id}` })).json() as SummitDetail;
    const { events } = parseFeed(feed.body);
    expect(events.map(({ start, end }) => ({ start, end }))).toEqual(
      agenda.sessions.map((s) => ({ start: s.startsAt, end: s.endsAt })),
    );
    expect(events.map((event) => [event.summary, event.tzid])).toEqual([
      ['At 00:30 on 2027-11-07', 'UTC'],
      ['At 01:05 on 2027-11-07', 'UTC'],
      ['At 01:10 on 2027-11-07', 'UTC'],
      ['At 09:00 on 2027-11-07', zone],
    ]);
  });

  it('defines a zone the calendar library knows only by its former name under its current one (Kyiv, not Kiev)', async () => {
    const zone = 'Europe/Kyiv';
    const { summit } = await publishedSummit(zone, '2027-06-08', '2027-06-08', [['2027-06-08', '09:00', '10:00']]);
    const body = (await t.app.inject({ method: 'GET', url: `/api/summits/${summit.id}/calendar.ics` })).body;
    expect(body).toMatch(/^TZID:Europe\/Kyiv\r?$/m);
    expect(body).not.toContain('Kiev');
    const { events } = parseFeed(body);
    expect(events.map(({ start, tzid }) => ({ start, tzid }))).toEqual([
      { start: '2027-06-08T06:00:00.000Z', tzid: zone },
    ]);
  });

  it.each([
    // Ciudad Juárez has its own zone since 2022: the VTIMEZONE package does not know it.
    ['America/Ciudad_Juarez'],
    // The package's block still has the daylight saving Mexico dropped in 2022.
    ['America/Mexico_City'],
  ])(
    'writes in UTC the events of %s, which it has no right VTIMEZONE for, so that no calendar guesses',
    async (zone) => {
      const { summit } = await publishedSummit(zone, '2027-06-08', '2027-06-08', [['2027-06-08', '09:00', '10:00']]);
      const body = (await t.app.inject({ method: 'GET', url: `/api/summits/${summit.id}/calendar.ics` })).body;
      expect(body).not.toContain(`TZID=${zone}`);
      expect(body).not.toContain('BEGIN:VTIMEZONE');
      const { events } = parseFeed(body);
      expect(events.map(({ start, tzid }) => ({ start, tzid }))).toEqual([
        { start: zonedInstant('2027-06-08', '09:00', zone).toISOString(), tzid: 'UTC' },
      ]);
    },
  );

  it('raises SEQUENCE after a published change and not otherwise, keeps the UID, and keeps cancelled events', async () => {
    const { summit, sessions } = await publishedSummit('Europe/Berlin', '2027-06-08', '2027-06-09', [
      ['2027-06-08', '09:00', '10:00'],
      ['2027-06-08', '11:00', '12:00'],
    ]);
    const [moved, cancelled] = sessions;
    const feedNow = async () =>
      parseFeed((await t.app.inject({ method: 'GET', url: `/api/summits/${summit.id}/calendar.ics` })).body).events;
    const before = await feedNow();
    expect(before.map((e) => e.sequence)).toEqual([0, 0]);

    await send('PATCH', `/api/sessions/${moved?.id}`, {
      startsAt: zonedInstant('2027-06-09', '09:00', 'Europe/Berlin').toISOString(),
      endsAt: zonedInstant('2027-06-09', '10:00', 'Europe/Berlin').toISOString(),
    });
    expect((await feedNow()).map((e) => e.sequence)).toEqual([0, 0]);
    await send('PATCH', `/api/sessions/${cancelled?.id}`, { status: 'cancelled' });
    await send('POST', `/api/summits/${summit.id}/publish`, {});
    const after = await feedNow();
    const byUid = new Map(after.map((e) => [e.uid, e]));
    expect(byUid.get(`session-${moved?.id}@localhost`)).toMatchObject({
      sequence: 1,
      start: zonedInstant('2027-06-09', '09:00', 'Europe/Berlin').toISOString(),
    });
    expect(byUid.get(`session-${cancelled?.id}@localhost`)).toMatchObject({ sequence: 1, status: 'CANCELLED' });
    // Publishing again with nothing changed changes nothing.
    await send('POST', `/api/summits/${summit.id}/publish`, {});
    expect((await feedNow()).map((e) => e.sequence)).toEqual(after.map((e) => e.sequence));
  });

  it('never puts a join URL in a feed, and links each event to its session page', async () => {
    const { summit, sessions } = await publishedSummit('Asia/Seoul', '2027-06-08', '2027-06-08', [
      ['2027-06-08', '09:00', '10:00'],
    ]);
    const body = (await t.app.inject({ method: 'GET', url: `/api/summits/${summit.id}/calendar.ics` })).body;
    expect(body).not.toContain('private-room');
    expect(parseFeed(body).events[0]?.url).toBe(`http://localhost:3000/sessions/${sessions[0]?.id}`);
    const one = await t.app.inject({ method: 'GET', url: `/api/sessions/${sessions[0]?.id}/calendar.ics` });
    expect(one.statusCode).toBe(200);
    expect(one.body).not.toContain('private-room');
    expect(parseFeed(one.body).events).toHaveLength(1);
  });

  it('answers 304 to a matching If-None-Match or an unchanged If-Modified-Since', async () => {
    const url = `/api/summits/${(await demoSummitIds(t.app.db)).nextInPerson}/calendar.ics`;
    const first = await t.app.inject({ method: 'GET', url });
    const etag = String(first.headers.etag);
    expect(first.headers['last-modified']).toBeTruthy();
    expect((await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    expect((await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': '"other"' } })).statusCode).toBe(200);
    const since = String(first.headers['last-modified']);
    expect((await t.app.inject({ method: 'GET', url, headers: { 'if-modified-since': since } })).statusCode).toBe(304);
  });

  it('answers 304 from memory until the next publication, then the new version', async () => {
    const { summit, sessions } = await publishedSummit('Europe/Madrid', '2027-06-08', '2027-06-08', [
      ['2027-06-08', '09:00', '10:00'],
    ]);
    const url = `/api/summits/${summit.id}/calendar.ics`;
    const first = await t.app.inject({ method: 'GET', url });
    const etag = String(first.headers.etag);
    const polled = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(polled.statusCode).toBe(304);
    expect(polled.headers).toMatchObject({ etag, 'cache-control': 'public, max-age=300' });
    expect(polled.body).toBe('');

    await send('PATCH', `/api/sessions/${sessions[0]?.id}`, { title: 'Renamed' });
    await send('POST', `/api/summits/${summit.id}/publish`, {});
    const changed = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(parseFeed(changed.body).events[0]?.summary).toBe('Renamed');
    const again = { 'if-none-match': String(changed.headers.etag) };
    expect((await t.app.inject({ method: 'GET', url, headers: again })).statusCode).toBe(304);
  });

  it('sends the security headers with every summit feed answer that has a body', async () => {
    const url = `/api/summits/${(await demoSummitIds(t.app.db)).nextInPerson}/calendar.ics`;
    const answers = [
      await t.app.inject({ method: 'GET', url }),
      await t.app.inject({ method: 'GET', url: '/api/summits/nowhere/calendar.ics' }),
      await t.app.inject({ method: 'GET', url: '/api/summits/not%20an%20id/calendar.ics' }),
    ];
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 404, 400]);
    for (const answer of answers) {
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });

  it('gives members a personal feed with their summits, kept out of shared caches, and kills the old URL on regeneration', async () => {
    const [member] = await signedInMembers(t, 1, 'asan');
    if (!member) throw new Error('member');
    const { nextVirtual } = await demoSummitIds(t.app.db);
    await send('POST', `/api/summits/${nextVirtual}/registrations`, { mode: 'virtual' }, member.cookie);
    // No feed until the member makes one; its address is shown in that answer only.
    const before = (
      await t.app.inject({ method: 'GET', url: '/api/me/calendar', headers: { cookie: member.cookie } })
    ).json();
    expect(before).toEqual({ exists: false, scope: 'agenda' });
    const mine = (await send('POST', '/api/me/calendar/token', {}, member.cookie)).json();
    const later = (
      await t.app.inject({ method: 'GET', url: '/api/me/calendar', headers: { cookie: member.cookie } })
    ).json();
    expect(later).toEqual({ exists: true, scope: 'agenda' });
    expect(mine.webcalUrl).toMatch(/^webcal:\/\/localhost:3000\/api\/calendar\/[A-Za-z0-9_-]{32}\.ics$/);
    expect(mine.googleUrl).toContain(encodeURIComponent(mine.webcalUrl));
    const path = new URL(mine.url).pathname;
    const feed = await t.app.inject({ method: 'GET', url: path });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['cache-control']).toMatch(/^private/);
    const agenda = (await t.app.inject({ method: 'GET', url: `/api/summits/${nextVirtual}` })).json() as SummitDetail;
    expect(parseFeed(feed.body).events).toHaveLength(agenda.sessions.length);
    expect(feed.body).not.toContain('video.demo.apoc.test');

    await send('PATCH', '/api/me/calendar', { scope: 'starred' }, member.cookie);
    const starredOnly = await t.app.inject({ method: 'GET', url: path });
    expect(parseFeed(starredOnly.body).events).toHaveLength(0);
    await t.app.inject({
      method: 'PUT',
      url: `/api/sessions/${agenda.sessions[0]?.id}/star`,
      headers: browserHeaders(t.config, member.cookie),
    });
    expect(parseFeed((await t.app.inject({ method: 'GET', url: path })).body).events).toHaveLength(1);

    const renewed = (await send('POST', '/api/me/calendar/token', {}, member.cookie)).json();
    expect(renewed.url).not.toBe(mine.url);
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: new URL(renewed.url).pathname })).statusCode).toBe(200);
  });

  it('produces a 300-session feed with every event in it', async () => {
    const zone = 'America/Toronto';
    const summit = (
      await send('POST', '/api/summits', {
        title: 'Big',
        format: 'virtual',
        timeZone: zone,
        startDate: '2027-03-13',
        endDate: '2027-03-15',
      })
    ).json() as SummitDetail;
    for (let i = 0; i < 300; i++) {
      const day = ['2027-03-13', '2027-03-14', '2027-03-15'][i % 3] ?? '2027-03-13';
      const minutes = 6 * 60 + Math.floor(i / 3) * 10;
      const at = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      await send('POST', `/api/summits/${summit.id}/sessions`, {
        title: `Session ${i}`,
        kind: 'breakout',
        startsAt: zonedInstant(day, at(minutes), zone).toISOString(),
        endsAt: zonedInstant(day, at(minutes + 10), zone).toISOString(),
      });
    }
    expect((await send('POST', `/api/summits/${summit.id}/publish`, {})).statusCode).toBe(200);
    const feed = await t.app.inject({ method: 'GET', url: `/api/summits/${summit.id}/calendar.ics` });
    const agenda = (await t.app.inject({ method: 'GET', url: `/api/summits/${summit.id}` })).json() as SummitDetail;
    const { events } = parseFeed(feed.body);
    expect(events).toHaveLength(300);
    expect(new Set(events.map((e) => e.uid)).size).toBe(300);
    const starts = new Map(agenda.sessions.map((s) => [`session-${s.id}@localhost`, s.startsAt]));
    for (const event of events) expect(event.start).toBe(starts.get(event.uid));
  });
});
