import {
  localDate,
  localTime,
  zonedInstant,
  type DraftAgenda,
  type SessionDetail,
  type SummitDetail,
} from '@apoc/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signIn } from '../helpers/auth';

describe('building, publishing and changing an agenda', () => {
  let t: TestApp;
  let organiser: string;
  let member: string;

  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo' });
    organiser = await signIn(t, 'organiser@demo.apoc.test');
    member = await signIn(t, 'claire.delmas@demo.apoc.test');
  });
  afterAll(async () => t.close());

  const as = (cookie: string) => ({
    get: (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } }),
    send: (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: browserHeaders(t.config, cookie), ...(payload ? { payload } : {}) }),
  });
  const anonymous = (url: string) => t.app.inject({ method: 'GET', url });

  async function newSummit(overrides: object = {}) {
    const response = await as(organiser).send('POST', '/api/summits', {
      title: 'Spring Summit 2027',
      format: 'in_person',
      timeZone: 'Europe/Paris',
      startDate: '2027-03-27',
      endDate: '2027-03-29',
      venue: { name: 'Gustave Roussy', city: 'Villejuif' },
      seats: { inPerson: 120 },
      ...overrides,
    });
    expect(response.statusCode).toBe(201);
    return response.json() as SummitDetail;
  }

  const paris = (date: string, time: string) => zonedInstant(date, time, 'Europe/Paris').toISOString();

  it('creates a draft that members cannot see', async () => {
    const summit = await newSummit();
    expect(summit).toMatchObject({
      status: 'draft',
      timeZone: 'Europe/Paris',
      seats: { inPerson: 120, virtual: null },
    });
    expect((await as(member).get(`/api/summits/${summit.id}`)).statusCode).toBe(404);
    expect(((await as(member).get('/api/summits')).json() as { id: string }[]).map((s) => s.id)).not.toContain(
      summit.id,
    );
    expect(((await as(organiser).get('/api/summits')).json() as { id: string }[]).map((s) => s.id)).toContain(
      summit.id,
    );
  });

  it('refuses a summit with an unknown zone, reversed dates, or no venue in person', async () => {
    const bad = [
      { timeZone: 'Europe/Atlantis' },
      { startDate: '2027-03-29', endDate: '2027-03-27' },
      { venue: null },
      { startDate: '2027-02-30' },
    ];
    for (const overrides of bad) {
      const response = await as(organiser).send('POST', '/api/summits', {
        title: 'Bad',
        format: 'in_person',
        timeZone: 'Europe/Paris',
        startDate: '2027-03-27',
        endDate: '2027-03-29',
        venue: { name: 'Somewhere' },
        ...overrides,
      });
      expect(response.statusCode).toBe(400);
    }
  });

  it('shows conflicts live, blocks publishing on errors with 422, then publishes version 1', async () => {
    const summit = await newSummit();
    const hall = (
      await as(organiser).send('POST', `/api/summits/${summit.id}/rooms`, { name: 'Hall', capacity: 100 })
    ).json();
    const track = (
      await as(organiser).send('POST', `/api/summits/${summit.id}/tracks`, { name: 'Thoracic', color: '#2563eb' })
    ).json();
    const create = (title: string, time: string) =>
      as(organiser).send('POST', `/api/summits/${summit.id}/sessions`, {
        title,
        kind: 'panel',
        startsAt: paris('2027-03-29', time),
        endsAt: paris('2027-03-29', time === '09:00' ? '10:00' : '10:30'),
        roomId: hall.id,
        trackId: track.id,
      });
    const first = (await create('ADCs in NSCLC', '09:00')).json() as SessionDetail;
    const second = (await create('KRAS after progression', '09:30')).json() as SessionDetail;

    const draft = (await as(organiser).get(`/api/summits/${summit.id}/draft`)).json() as DraftAgenda;
    expect(draft.conflicts).toMatchObject([{ kind: 'room-double-booked', sessionIds: [first.id, second.id] }]);
    expect(draft.publishedVersion).toBeNull();

    const refused = await as(organiser).send('POST', `/api/summits/${summit.id}/publish`, {});
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect(refused.json().conflicts).toMatchObject([{ kind: 'room-double-booked' }]);

    await as(organiser).send('PATCH', `/api/sessions/${second.id}`, {
      startsAt: paris('2027-03-29', '10:00'),
      endsAt: paris('2027-03-29', '11:00'),
    });
    const published = await as(organiser).send('POST', `/api/summits/${summit.id}/publish`, {
      comment: 'First agenda',
    });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toEqual({ version: 1, changes: [] });

    const seen = (await anonymous(`/api/summits/${summit.id}`)).json() as SummitDetail;
    expect(seen.status).toBe('published');
    expect(seen.sessions.map((s) => [s.title, localTime(Date.parse(s.startsAt ?? ''), 'Europe/Paris')])).toEqual([
      ['ADCs in NSCLC', '09:00'],
      ['KRAS after progression', '10:00'],
    ]);
  });

  it('keeps changes private until published, then records them in the changelog and bumps the sequence', async () => {
    const summit = await newSummit({ format: 'virtual', venue: null });
    const session = (
      await as(organiser).send('POST', `/api/summits/${summit.id}/sessions`, {
        title: 'MRD-guided adjuvant therapy',
        kind: 'keynote',
        startsAt: paris('2027-03-27', '14:00'),
        endsAt: paris('2027-03-27', '15:00'),
        joinUrl: 'https://video.example.org/mrd',
      })
    ).json() as SessionDetail;
    expect((await as(organiser).send('POST', `/api/summits/${summit.id}/publish`, {})).statusCode).toBe(200);

    await as(organiser).send('PATCH', `/api/sessions/${session.id}`, {
      startsAt: paris('2027-03-28', '16:00'),
      endsAt: paris('2027-03-28', '17:00'),
    });
    const before = (await anonymous(`/api/sessions/${session.id}`)).json() as SessionDetail;
    expect(before.startsAt).toBe(paris('2027-03-27', '14:00'));
    const draft = (await as(organiser).get(`/api/summits/${summit.id}/draft`)).json() as DraftAgenda;
    expect(draft.pendingChanges).toMatchObject([{ sessionId: session.id, changes: ['time'] }]);

    const v2 = (
      await as(organiser).send('POST', `/api/summits/${summit.id}/publish`, { comment: 'Moved to Sunday' })
    ).json();
    expect(v2.version).toBe(2);
    const after = (await anonymous(`/api/sessions/${session.id}`)).json() as SessionDetail;
    expect(after.startsAt).toBe(paris('2027-03-28', '16:00'));
    expect(localTime(Date.parse(after.startsAt ?? ''), 'Europe/Paris')).toBe('16:00');
    expect(after.sequence).toBe(1);

    await as(organiser).send('PATCH', `/api/sessions/${session.id}`, { status: 'cancelled' });
    await as(organiser).send('POST', `/api/summits/${summit.id}/publish`, {});
    const changelog = (await anonymous(`/api/summits/${summit.id}/changes`)).json();
    expect(
      changelog.versions.map((v: { number: number; changes: { changes: string[] }[] }) => [
        v.number,
        v.changes.map((c) => c.changes),
      ]),
    ).toEqual([
      [3, [['cancelled']]],
      [2, [['time']]],
      [1, []],
    ]);
    expect(changelog.versions[1].changes[0].before.startsAt).toBe(paris('2027-03-27', '14:00'));
    const cancelled = (await anonymous(`/api/summits/${summit.id}`)).json() as SummitDetail;
    expect(cancelled.sessions).toMatchObject([{ id: session.id, status: 'cancelled' }]);
    expect((await as(organiser).send('DELETE', `/api/sessions/${session.id}`)).statusCode).toBe(409);
  });

  it('shows the join URL to organisers only, and never in the public agenda', async () => {
    const summit = await newSummit({ format: 'virtual', venue: null });
    const session = (
      await as(organiser).send('POST', `/api/summits/${summit.id}/sessions`, {
        title: 'Decentralised trials',
        kind: 'panel',
        startsAt: paris('2027-03-27', '10:00'),
        endsAt: paris('2027-03-27', '11:00'),
        joinUrl: 'https://video.example.org/secret-room',
      })
    ).json() as SessionDetail;
    expect(session.joinUrl).toBe('https://video.example.org/secret-room');
    await as(organiser).send('POST', `/api/summits/${summit.id}/publish`, {});
    for (const response of [
      await anonymous(`/api/sessions/${session.id}`),
      await as(member).get(`/api/sessions/${session.id}`),
      await anonymous(`/api/summits/${summit.id}`),
    ]) {
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain('secret-room');
    }
    const javascript = await as(organiser).send('PATCH', `/api/sessions/${session.id}`, {
      joinUrl: 'javascript:alert(1)',
    });
    expect(javascript.statusCode).toBe(400);
  });

  it('deletes a session that was never published', async () => {
    const summit = await newSummit({ format: 'virtual', venue: null });
    const session = (
      await as(organiser).send('POST', `/api/summits/${summit.id}/sessions`, { title: 'Unplaced', kind: 'workshop' })
    ).json() as SessionDetail;
    expect(session.startsAt).toBeNull();
    expect((await as(organiser).send('DELETE', `/api/sessions/${session.id}`)).statusCode).toBe(204);
    expect((await as(organiser).get(`/api/sessions/${session.id}`)).statusCode).toBe(404);
  });

  it('refuses rooms and tracks of another summit, and unknown people', async () => {
    const one = await newSummit();
    const other = await newSummit();
    const room = (await as(organiser).send('POST', `/api/summits/${other.id}/rooms`, { name: 'Elsewhere' })).json();
    const response = await as(organiser).send('POST', `/api/summits/${one.id}/sessions`, {
      title: 'X',
      kind: 'panel',
      roomId: room.id,
    });
    expect(response.statusCode).toBe(400);
    const people = await as(organiser).send('POST', `/api/summits/${one.id}/sessions`, {
      title: 'Y',
      kind: 'panel',
      people: [{ memberId: 'nobody', role: 'speaker' }],
    });
    expect(people.statusCode).toBe(400);
  });

  it('lets members star published sessions into their agenda', async () => {
    const summits = (await anonymous('/api/summits')).json() as { id: string }[];
    const agenda = (await anonymous(`/api/summits/${summits[0]?.id}`)).json() as SummitDetail;
    const sessionId = agenda.sessions[0]?.id ?? '';
    expect((await as(member).send('PUT', `/api/sessions/${sessionId}/star`)).statusCode).toBe(204);
    expect((await as(member).send('PUT', `/api/sessions/${sessionId}/star`)).statusCode).toBe(204);
    expect((await as(member).get('/api/me/stars')).json()).toEqual([sessionId]);
    expect((await as(member).send('DELETE', `/api/sessions/${sessionId}/star`)).statusCode).toBe(204);
    expect((await as(member).get('/api/me/stars')).json()).toEqual([]);
  });
});

describe('sessions around daylight-saving changes', () => {
  let t: TestApp;
  let organiser: string;
  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo' });
    organiser = await signIn(t, 'organiser@demo.apoc.test');
  });
  afterAll(async () => t.close());

  const virtualSummit = async (title: string, timeZone: string, startDate: string, endDate: string) =>
    (
      await t.app.inject({
        method: 'POST',
        url: '/api/summits',
        headers: browserHeaders(t.config, organiser),
        payload: { title, format: 'virtual', timeZone, startDate, endDate },
      })
    ).json() as SummitDetail;
  const addSession = (summit: SummitDetail, title: string, startsAt: Date, endsAt: Date) =>
    t.app.inject({
      method: 'POST',
      url: `/api/summits/${summit.id}/sessions`,
      headers: browserHeaders(t.config, organiser),
      payload: { title, kind: 'plenary', startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
    });

  it.each([
    ['Europe/Paris', '2027-03-27', '2027-03-28', '2027-03-29T07:00:00.000Z'],
    ['America/New_York', '2027-03-13', '2027-03-14', '2027-03-15T13:00:00.000Z'],
    ['Australia/Melbourne', '2027-04-03', '2027-04-04', '2027-04-04T23:00:00.000Z'],
  ])(
    'keeps a 09:00 session at 09:00 local on the day after the change in %s',
    async (zone, firstDay, changeDay, expected) => {
      const headers = browserHeaders(t.config, organiser);
      const summit = await virtualSummit(`DST ${zone}`, zone, firstDay, localDate(Date.parse(expected), zone));
      const days = [firstDay, changeDay, localDate(Date.parse(expected), zone)];
      for (const [i, date] of days.entries()) {
        await addSession(summit, `Morning ${i}`, zonedInstant(date, '09:00', zone), zonedInstant(date, '10:00', zone));
      }
      expect(
        (await t.app.inject({ method: 'POST', url: `/api/summits/${summit.id}/publish`, headers, payload: {} }))
          .statusCode,
      ).toBe(200);
      const agenda = (await t.app.inject({ method: 'GET', url: `/api/summits/${summit.id}` })).json() as SummitDetail;
      expect(agenda.sessions.at(-1)?.startsAt).toBe(expected);
      for (const session of agenda.sessions) expect(localTime(Date.parse(session.startsAt ?? ''), zone)).toBe('09:00');
      // The instants differ by 23 or 25 hours across the change, not by 24.
      const [a, b] = agenda.sessions.map((s) => Date.parse(s.startsAt ?? ''));
      expect(Math.abs((b ?? 0) - (a ?? 0) - 86_400_000)).toBe(3_600_000);
    },
  );

  it('plans the next edition at the same local times, in the alternate format, without rooms when virtual', async () => {
    const headers = browserHeaders(t.config, organiser);
    const next = await t.app.inject({
      method: 'POST',
      url: '/api/summits/s-2023-thousand-oaks/next-edition',
      headers,
      payload: { startDate: '2027-11-09', edition: 'Autumn 2027' },
    });
    expect(next.statusCode).toBe(201);
    const draft = next.json() as SummitDetail;
    expect(draft).toMatchObject({
      status: 'draft',
      format: 'virtual',
      startDate: '2027-11-09',
      endDate: '2027-11-10',
      rooms: [],
    });
    const original = (
      await t.app.inject({ method: 'GET', url: '/api/summits/s-2023-thousand-oaks' })
    ).json() as SummitDetail;
    expect(draft.tracks.map((track) => track.name)).toEqual(original.tracks.map((track) => track.name));
    expect(draft.sessions).toHaveLength(original.sessions.filter((s) => s.status === 'scheduled').length);
    const firstOriginal = original.sessions[0];
    const firstCopy = draft.sessions[0];
    expect(localTime(Date.parse(firstCopy?.startsAt ?? ''), 'America/Los_Angeles')).toBe(
      localTime(Date.parse(firstOriginal?.startsAt ?? ''), 'America/Los_Angeles'),
    );
    expect(firstCopy?.people).toEqual([]);
  });

  it('imports a spreadsheet row in the pass of the repeated hour its "starts at (UTC)" names, as the export writes it', async () => {
    const zone = 'America/New_York';
    const summit = await virtualSummit('Fall-back import', zone, '2027-11-06', '2027-11-07');
    const csv = [
      'title,kind,date,start,end,starts at (UTC)',
      'Second pass,panel,2027-11-07,01:10,01:40,2027-11-07T06:10:00.000Z',
      'First pass,panel,2027-11-07,01:10,01:40,',
      'Across the change,panel,2027-11-07,01:40,01:10,',
      'Edited since,panel,2027-11-07,01:15,01:45,2027-11-07T06:10:00.000Z',
    ].join('\n');
    const report = await t.app.inject({
      method: 'POST',
      url: `/api/summits/${summit.id}/sessions/import`,
      headers: browserHeaders(t.config, organiser),
      payload: { csv },
    });
    expect(report.json()).toMatchObject({ created: 4, rejected: 0 });
    const draft = (
      await t.app.inject({
        method: 'GET',
        url: `/api/summits/${summit.id}/draft`,
        headers: browserHeaders(t.config, organiser),
      })
    ).json() as DraftAgenda;
    const times = Object.fromEntries(draft.sessions.map((s) => [s.title, [s.startsAt, s.endsAt]]));
    expect(times).toEqual({
      'Second pass': ['2027-11-07T06:10:00.000Z', '2027-11-07T06:40:00.000Z'],
      'First pass': ['2027-11-07T05:10:00.000Z', '2027-11-07T05:40:00.000Z'],
      // 01:40 EDT to 01:10 EST: half an hour, not a day.
      'Across the change': ['2027-11-07T05:40:00.000Z', '2027-11-07T06:10:00.000Z'],
      // The time no longer agrees with the UTC column: read as typed, the first pass.
      'Edited since': ['2027-11-07T05:15:00.000Z', '2027-11-07T05:45:00.000Z'],
    });
  });

  it('copies a session in either pass of the hour New York repeats into the same pass of the next edition', async () => {
    const headers = browserHeaders(t.config, organiser);
    const zone = 'America/New_York';
    const summit = await virtualSummit('Fall-back night', zone, '2027-11-06', '2027-11-07');
    // 7 November 2027 and 5 November 2028 are the nights New York falls back, 364 days apart.
    for (const pass of ['earlier', 'later'] as const) {
      const start = zonedInstant('2027-11-07', '01:30', zone, pass);
      const created = await addSession(
        summit,
        `The ${pass} 01:30`,
        start,
        zonedInstant('2027-11-07', '01:50', zone, pass),
      );
      expect(created.statusCode).toBe(201);
    }
    const next = await t.app.inject({
      method: 'POST',
      url: `/api/summits/${summit.id}/next-edition`,
      headers,
      payload: { startDate: '2028-11-04', format: 'virtual' },
    });
    expect(next.statusCode).toBe(201);
    const copies = (next.json() as SummitDetail).sessions.map((s) => [s.title, s.startsAt, s.endsAt]);
    expect(copies).toEqual([
      ['The earlier 01:30', '2028-11-05T05:30:00.000Z', '2028-11-05T05:50:00.000Z'],
      ['The later 01:30', '2028-11-05T06:30:00.000Z', '2028-11-05T06:50:00.000Z'],
    ]);
    // Half a year on, where nothing repeats, a session across the change keeps its half hour.
    const across = await addSession(
      summit,
      'Across the change',
      zonedInstant('2027-11-07', '01:40', zone, 'earlier'),
      zonedInstant('2027-11-07', '01:10', zone, 'later'),
    );
    expect(across.statusCode).toBe(201);
    const spring = await t.app.inject({
      method: 'POST',
      url: `/api/summits/${summit.id}/next-edition`,
      headers,
      payload: { startDate: '2028-05-06', format: 'virtual' },
    });
    const copied = (spring.json() as SummitDetail).sessions.find((s) => s.title === 'Across the change');
    // 01:40 EDT on 7 May 2028 is 05:40Z.
    expect([copied?.startsAt, copied?.endsAt]).toEqual(['2028-05-07T05:40:00.000Z', '2028-05-07T06:10:00.000Z']);
  });
});

describe('the agenda as a spreadsheet', () => {
  let t: TestApp;
  let organiser: string;
  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo' });
    organiser = await signIn(t, 'organiser@demo.apoc.test');
  });
  afterAll(async () => t.close());

  it('exports the published agenda with times in the summit’s zone and formulas neutralised', async () => {
    const headers = browserHeaders(t.config, organiser);
    const summit = (
      await t.app.inject({
        method: 'POST',
        url: '/api/summits',
        headers,
        payload: {
          title: 'CSV',
          format: 'virtual',
          timeZone: 'Asia/Seoul',
          startDate: '2027-03-09',
          endDate: '2027-03-10',
        },
      })
    ).json() as SummitDetail;
    await t.app.inject({
      method: 'POST',
      url: `/api/summits/${summit.id}/sessions`,
      headers,
      payload: {
        title: '=HYPERLINK("http://evil.example","click")',
        kind: 'panel',
        startsAt: zonedInstant('2027-03-09', '21:00', 'Asia/Seoul').toISOString(),
        endsAt: zonedInstant('2027-03-09', '22:00', 'Asia/Seoul').toISOString(),
      },
    });
    await t.app.inject({ method: 'POST', url: `/api/summits/${summit.id}/publish`, headers, payload: {} });
    const csv = await t.app.inject({ method: 'GET', url: `/api/summits/${summit.id}/agenda.csv` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toMatch(/^id,date,start,end,time zone/);
    expect(lines[1]).toContain('2027-03-09,21:00,22:00,Asia/Seoul');
    expect(lines[1]).toContain(`"'=HYPERLINK(`);
  });

  it('imports sessions with a report per row, in the summit’s zone, nothing on a dry run', async () => {
    const headers = browserHeaders(t.config, organiser);
    const summit = (
      await t.app.inject({
        method: 'POST',
        url: '/api/summits',
        headers,
        payload: {
          title: 'Import',
          format: 'in_person',
          timeZone: 'America/New_York',
          startDate: '2027-03-13',
          endDate: '2027-03-15',
          venue: { name: 'MSK' },
        },
      })
    ).json() as SummitDetail;
    await t.app.inject({
      method: 'POST',
      url: `/api/summits/${summit.id}/rooms`,
      headers,
      payload: { name: 'Auditorium', capacity: 200 },
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/summits/${summit.id}/tracks`,
      headers,
      payload: { name: 'Thoracic', color: '#2563eb' },
    });
    const csv = [
      'title,kind,date,start,end,track,room,speakers,chairs,abstract',
      'Opening,keynote,2027-03-15,09:00,09:45,,Auditorium,rachel.feldman@demo.apoc.test,marcus.bell@demo.apoc.test,Welcome',
      'Lung panel,Panel,2027-03-15,10:00,11:00,thoracic,Auditorium,,,',
      'Later,workshop,,,,,,,,To be placed',
      'Broken,lecture,2027-03-15,10:00,11:00,,,,,',
      'Nowhere,panel,2027-03-15,12:00,13:00,,Ballroom,,,',
      'Stranger,panel,2027-03-15,12:00,13:00,,,someone@else.example,,',
      'Backwards,panel,2027-03-15,12:00,11:00,,,,,',
      'Night owls,networking,2027-03-15,23:30,00:30,,,,,Past midnight',
    ].join('\n');
    const preview = await t.app.inject({
      method: 'POST',
      url: `/api/summits/${summit.id}/sessions/import`,
      headers,
      payload: { csv, dryRun: true },
    });
    expect(preview.json()).toMatchObject({ dryRun: true, created: 4, rejected: 4 });
    const before = (
      await t.app.inject({ method: 'GET', url: `/api/summits/${summit.id}/draft`, headers })
    ).json() as DraftAgenda;
    expect(before.sessions).toHaveLength(0);

    const report = (
      await t.app.inject({
        method: 'POST',
        url: `/api/summits/${summit.id}/sessions/import`,
        headers,
        payload: { csv },
      })
    ).json();
    expect(report.rows.map((row: { outcome: string }) => row.outcome)).toEqual([
      'created',
      'created',
      'created',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'created',
    ]);
    expect(report.rows[3].reason).toMatch(/lecture/);
    const draft = (
      await t.app.inject({ method: 'GET', url: `/api/summits/${summit.id}/draft`, headers })
    ).json() as DraftAgenda;
    const opening = draft.sessions.find((s) => s.title === 'Opening');
    // 09:00 in New York on the day after the spring change is 13:00 UTC.
    expect(opening?.startsAt).toBe('2027-03-15T13:00:00.000Z');
    expect(opening?.people.map((p) => p.role)).toEqual(['chair', 'speaker']);
    expect(draft.sessions.find((s) => s.title === 'Later')?.startsAt).toBeNull();
    // An end before the start is past midnight, as the export writes such a session (EDT is UTC−4).
    expect(draft.sessions.find((s) => s.title === 'Night owls')).toMatchObject({
      startsAt: '2027-03-16T03:30:00.000Z',
      endsAt: '2027-03-16T04:30:00.000Z',
    });
  });
});
