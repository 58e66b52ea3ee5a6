import { once } from 'node:events';
import WebSocket from 'ws';
import { localDate, type Registration, type SummitDetail } from '@apoc/shared';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { crowd, signedIn, signInMailsTo } from '../helpers/auth';
import { DAYS } from '../helpers/clock';
import { tables } from '../helpers/db';
import { demoSession, demoSummitIds } from '../helpers/demo';
import { LiveTestClient } from '../helpers/live-client';
import { eventually, startSmtpSink, type SmtpSink } from '../helpers/smtp';

// Two instances of the platform on one PostgreSQL database, as behind a load balancer: requests spread over both
// at once. Runs in the `integration-pg` project only (the SQLite project leaves this file out: an embedded file
// belongs to one instance).

const REGISTRANTS = 300;
const SEATS = 50;

describe('two instances on one PostgreSQL database', () => {
  let a: TestApp;
  let b: TestApp;
  let urls: string[];
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    const env = { SMTP_URL: smtp.url };
    // The outbox's production timing: its lease (a claim older than it is taken over) is longer than any delivery.
    a = await buildTestApp({ seed: 'demo', env });
    // The same folder: the same database.
    b = await buildTestApp({ seed: 'demo', env, dir: a.dir });
    urls = [await a.app.listen({ port: 0, host: '127.0.0.1' }), await b.app.listen({ port: 0, host: '127.0.0.1' })];
  }, 60_000);
  afterAll(async () => {
    await b?.app.close();
    await a?.close();
    await smtp?.stop();
  });

  /** Requests of the demo organiser, made through A. */
  const organiserRequests = async () => {
    const cookie = await signedIn(a, 'organiser@demo.apoc.test');
    return (method: 'POST' | 'PATCH', url: string, payload: object) =>
      a.app.inject({ method, url, headers: browserHeaders(a.config, cookie), payload });
  };
  /** A published in-person summit in Essen two months ahead, with `seats` seats, made through A. */
  const inPersonSummit = async (title: string, seats: number) => {
    const send = await organiserRequests();
    const created = await send('POST', '/api/summits', {
      title,
      format: 'in_person',
      timeZone: 'Europe/Berlin',
      startDate: localDate(Date.now() + 60 * DAYS, 'Europe/Berlin'),
      endDate: localDate(Date.now() + 61 * DAYS, 'Europe/Berlin'),
      venue: { name: 'UK Essen', city: 'Essen' },
      seats: { inPerson: seats },
    });
    expect(created.statusCode).toBe(201);
    const summit = created.json() as SummitDetail;
    expect((await send('POST', `/api/summits/${summit.id}/publish`, {})).statusCode).toBe(200);
    return summit;
  };
  /** Registers each person online, the i-th through instance `i % 2`, or all through `via` when given. */
  const registerOnline = async (summitId: string, people: { cookie: string }[], via?: number) => {
    for (const [i, person] of people.entries()) {
      const answer = await fetch(`${urls[via ?? i % 2]}/api/summits/${summitId}/registrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: person.cookie, origin: a.config.publicUrl.origin },
        body: JSON.stringify({ mode: 'virtual' }),
      });
      expect(answer.status).toBe(201);
    }
  };
  /** A live client of the session on the instance at `url`, past its snapshot; `seqs` are its events' numbers. */
  const joinLive = async (url: string, sessionId: string, cookie: string) => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/api/sessions/${sessionId}/live`, {
      headers: { cookie, origin: a.config.publicUrl.origin },
    });
    const seqs: number[] = [];
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; seq?: number };
      if (message.type !== 'snapshot' && typeof message.seq === 'number') seqs.push(message.seq);
    });
    const client = new LiveTestClient(socket);
    await once(socket, 'open');
    await client.take('snapshot');
    return { client, seqs };
  };

  it(`confirms exactly ${SEATS} of ${REGISTRANTS} simultaneous registrations spread over both, waitlists the rest in one order, and mails each person once`, async () => {
    const summit = await inPersonSummit('Crowded Summit', SEATS);

    const people = await crowd(a, REGISTRANTS, 'msk');
    const before = smtp.messages.length;
    const answers = await Promise.all(
      people.map((person, i) =>
        fetch(`${urls[i % 2]}/api/summits/${summit.id}/registrations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: person.cookie, origin: a.config.publicUrl.origin },
          body: JSON.stringify({ mode: 'in_person' }),
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(REGISTRANTS).fill(201));
    const registrations = (await Promise.all(answers.map((answer) => answer.json()))) as Registration[];
    expect(registrations.filter((r) => r.status === 'confirmed')).toHaveLength(SEATS);
    const waitlisted = registrations.filter((r) => r.status === 'waitlisted');
    expect(waitlisted).toHaveLength(REGISTRANTS - SEATS);
    // Every waitlisted member was told a place of their own: 1 to 250, none twice, whichever instance answered.
    expect(waitlisted.map((r) => r.waitlistPosition).sort((x, y) => (x ?? 0) - (y ?? 0))).toEqual(
      Array.from({ length: REGISTRANTS - SEATS }, (_, i) => i + 1),
    );
    // The order the database keeps is the order they were told, and everyone confirmed came first.
    const rows = await a.app.db.q
      .select()
      .from(tables.registrations)
      .where(eq(tables.registrations.summitId, summit.id));
    const told = new Map(waitlisted.map((r) => [r.id, r.waitlistPosition]));
    const line = rows
      .filter((row) => row.status === 'waitlisted')
      .sort((x, y) => (x.waitlistSeq ?? 0) - (y.waitlistSeq ?? 0))
      .map((row) => told.get(row.id));
    expect(line).toEqual(Array.from({ length: REGISTRANTS - SEATS }, (_, i) => i + 1));
    const lastConfirmed = Math.max(...rows.filter((r) => r.status === 'confirmed').map((r) => r.createdAt.getTime()));
    expect(rows.filter((r) => r.status === 'waitlisted').every((r) => r.createdAt.getTime() >= lastConfirmed)).toBe(
      true,
    );

    // Both instances deliver the outbox; each message goes out once, to a real SMTP server.
    a.app.outbox.kick();
    b.app.outbox.kick();
    await smtp.waitForMessages(before + REGISTRANTS, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const mail = smtp.messages.slice(before).filter((message) => message.subject?.endsWith('Crowded Summit'));
    const recipients = mail.map((message) => [message.to].flat()[0]?.value[0]?.address);
    expect(recipients).toHaveLength(REGISTRANTS);
    expect(new Set(recipients).size).toBe(REGISTRANTS);
    expect(mail.filter((message) => message.subject?.startsWith('Registration confirmed'))).toHaveLength(SEATS);
  }, 120_000);

  /**
   * Sends `request` through B while A holds the summit in a unit that changes it and has not committed (nor told B)
   * yet; A commits once B waits for the summit (a lock wait in PostgreSQL). The answer B gives.
   */
  const whileAChanges = async (
    summitId: string,
    change: Partial<typeof tables.summits.$inferInsert>,
    request: () => Promise<Response>,
  ) => {
    const { summits } = tables;
    let commit = () => {};
    const changed = a.app.db.unit(async () => {
      await a.app.db.q.update(summits).set(change).where(eq(summits.id, summitId));
      await new Promise<void>((resolve) => (commit = resolve));
    });
    const answer = request();
    await eventually(async () => {
      const [waiting] = await a.app.db.rows<{ n: number }>(
        sql`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`,
      );
      return (waiting?.n ?? 0) > 0 || undefined;
    });
    commit();
    await changed;
    return answer;
  };
  /** Registers in person through B. */
  const registerInPersonOnB = (summitId: string, cookie: string) =>
    fetch(`${urls[1]}/api/summits/${summitId}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: a.config.publicUrl.origin },
      body: JSON.stringify({ mode: 'in_person' }),
    });

  it('counts a registration against the seats as they are once the summit is held, when the other instance was changing them at that moment', async () => {
    const summit = await inPersonSummit('One More Seat', 1);
    const [first, second] = await crowd(a, 2, 'essen', 'held');
    if (!first || !second) throw new Error('members');
    // The one seat is taken through B, which has read the summit (and keeps what it read).
    const taken = await registerInPersonOnB(summit.id, first.cookie);
    expect(((await taken.json()) as Registration).status).toBe('confirmed');
    // A raises the seats to 2 while B's registration waits.
    const answer = await whileAChanges(summit.id, { seatsInPerson: 2 }, () =>
      registerInPersonOnB(summit.id, second.cookie),
    );
    // Counted against 2 seats, not against the 1 B had read before it held the summit.
    expect(((await answer.json()) as Registration).status).toBe('confirmed');
  });

  it('refuses a registration once the summit is held, when the other instance was closing registration at that moment', async () => {
    const summit = await inPersonSummit('Closing Now', 10);
    const [first, second] = await crowd(a, 2, 'essen', 'closing');
    if (!first || !second) throw new Error('members');
    // B reads the summit (and keeps what it read) with registration open.
    expect((await registerInPersonOnB(summit.id, first.cookie)).status).toBe(201);
    // A closes registration while B's registration waits.
    const answer = await whileAChanges(summit.id, { registrationClosesAt: new Date(Date.now() - 1000) }, () =>
      registerInPersonOnB(summit.id, second.cookie),
    );
    // Refused on the summit as held, not taken on the open window B had read before.
    expect(answer.status).toBe(409);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const { registrations } = tables;
    const held = await a.app.db.q.select().from(registrations).where(eq(registrations.summitId, summit.id));
    expect(held).toHaveLength(1);
  });

  it('fans live Q&A out across instances: a question asked on one and a vote cast on the other reach clients on both, and presence counts people on both', async () => {
    const summitId = (await demoSummitIds(a.app.db)).nextVirtual;
    const sessionId = demoSession(summitId, 2);
    const [alice, bruno] = await crowd(a, 2, 'msk');
    if (!alice || !bruno) throw new Error('two members');
    await registerOnline(summitId, [alice, bruno]);
    const onA = (await joinLive(urls[0] as string, sessionId, alice.cookie)).client;
    const onB = (await joinLive(urls[1] as string, sessionId, bruno.cookie)).client;
    try {
      // Both instances count both people, once each.
      expect((await onA.take('presence', (m) => m.count === 2, 5000)).count).toBe(2);
      expect((await onB.take('presence', (m) => m.count === 2, 5000)).count).toBe(2);

      await onA.ok({ type: 'question.ask', text: 'Does the benefit hold beyond two years?' });
      const asked = await onB.take('question', () => true, 5000);
      expect(asked.question.text).toBe('Does the benefit hold beyond two years?');
      expect((await onA.take('question')).seq).toBe(asked.seq);

      // The vote goes through instance B; its count reaches the client on instance A.
      await onB.ok({ type: 'question.vote', questionId: asked.question.id });
      const counted = await onA.take('votes', (m) => m.votes[asked.question.id] === 1, 5000);
      expect(counted.seq).toBeGreaterThan(asked.seq);

      // One number per event, whichever instance gave it: the histories agree.
      const seen = await onB.take('votes', (m) => m.votes[asked.question.id] === 1, 5000);
      expect(seen.seq).toBe(counted.seq);
    } finally {
      onA.close();
      onB.close();
    }
  }, 60_000);

  it('hands clients every event committed on the other instance, in order, when that instance dies right after its commit or its notice is lost', async () => {
    const summitId = (await demoSummitIds(a.app.db)).nextVirtual;
    const sessionId = demoSession(summitId, 3);
    const [alice, bruno, carla] = await crowd(a, 3, 'msk');
    if (!alice || !bruno || !carla) throw new Error('three members');
    await registerOnline(summitId, [alice, bruno, carla], 0);
    const onA = await joinLive(urls[0] as string, sessionId, alice.cookie);
    const onB = await joinLive(urls[1] as string, sessionId, bruno.cookie);
    const alsoOnB = await joinLive(urls[1] as string, sessionId, carla.cookie);
    const hub = b.app.live.hub;
    const { publish, recorded } = hub;
    try {
      // B commits a question and dies before it hands it to anyone: the notice went out with its commit.
      hub.publish = () => undefined;
      await onB.client.ok({ type: 'question.ask', text: 'Committed, never published by B?' });
      await onA.client.take('question', (m) => m.question.text === 'Committed, never published by B?', 5000);

      // B's notice is lost (a dropped connection): A reads the event it missed before handing over its own.
      hub.recorded = () => Promise.resolve();
      await alsoOnB.client.ok({ type: 'question.ask', text: 'Announced to nobody?' });
      await onA.client.ok({ type: 'question.ask', text: 'Asked on A after it?' });
      const missed = await onA.client.take('question', (m) => m.question.text === 'Announced to nobody?', 5000);
      const own = await onA.client.take('question', (m) => m.question.text === 'Asked on A after it?', 5000);
      expect(missed.seq).toBeLessThan(own.seq);
      // In order, without a gap, once each.
      expect(onA.seqs).toEqual(onA.seqs.map((_, i) => (onA.seqs[0] ?? 0) + i));
    } finally {
      hub.publish = publish;
      hub.recorded = recorded;
      onA.client.close();
      onB.client.close();
      alsoOnB.client.close();
    }
  }, 60_000);

  it('serves a summit feed and the summit following a publication made on the other instance: their ETags move at once', async () => {
    const send = await organiserRequests();
    const day = localDate(Date.now() + 30 * DAYS, 'Europe/Paris');
    const summit = (
      await send('POST', '/api/summits', {
        title: 'Feed Summit',
        format: 'virtual',
        timeZone: 'Europe/Paris',
        startDate: day,
        endDate: day,
        seats: { virtual: 100 },
      })
    ).json() as SummitDetail;
    const session = (
      await send('POST', `/api/summits/${summit.id}/sessions`, {
        title: 'First title',
        kind: 'keynote',
        startsAt: `${day}T08:00:00Z`,
        endsAt: `${day}T09:00:00Z`,
      })
    ).json() as { id: string };
    expect((await send('POST', `/api/summits/${summit.id}/publish`, {})).statusCode).toBe(200);

    const feedOnB = (etag?: string) =>
      fetch(`${urls[1]}/api/summits/${summit.id}/calendar.ics`, { headers: etag ? { 'if-none-match': etag } : {} });
    const first = await feedOnB();
    const etag = first.headers.get('etag') ?? '';
    expect(first.status).toBe(200);
    expect((await feedOnB(etag)).status).toBe(304);
    // The summit's answer and the list, as B keeps them.
    const answersOnB = (etags: string[] = []) =>
      Promise.all(
        [`/api/summits/${summit.id}`, '/api/summits'].map((path, i) =>
          fetch(`${urls[1]}${path}`, { headers: etags[i] ? { 'if-none-match': etags[i] } : {} }),
        ),
      );
    const kept = (await answersOnB()).map((answer) => answer.headers.get('etag') ?? '');
    expect((await answersOnB(kept)).map((answer) => answer.status)).toEqual([304, 304]);

    expect((await send('PATCH', `/api/sessions/${session.id}`, { title: 'Second title' })).statusCode).toBe(200);
    expect((await send('POST', `/api/summits/${summit.id}/publish`, {})).statusCode).toBe(200);
    // The other instance heard of it when the publication committed.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = await feedOnB(etag);
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(await after.text()).toContain('Second title');
    // The summit's answer is new; the list is not (a session's title is not in it): the ETag is its bytes'.
    const renewed = await answersOnB(kept);
    expect(renewed.map((answer) => answer.status)).toEqual([200, 304]);
    expect(await renewed[0]?.text()).toContain('Second title');
  }, 30_000);

  it('holds rate limits across instances: requests spread over both count against one limit', async () => {
    // The personal-data export allows 10 a minute to a member (privacy.routes.ts), wherever they come from.
    const [person] = await crowd(a, 1, 'msk');
    if (!person) throw new Error('a member');
    const statuses = [];
    for (let i = 0; i < 14; i++) {
      const answer = await fetch(`${urls[i % 2]}/api/me/export`, { headers: { cookie: person.cookie } });
      statuses.push(answer.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
    expect(statuses.slice(10)).toEqual(Array(4).fill(429));

    // Five sign-in links per address in 15 minutes, whichever instance is asked.
    const before = (await signInMailsTo(a, person.email)).length;
    for (let i = 0; i < 8; i++) {
      const app = i % 2 === 0 ? a : b;
      const asked = await fetch(`${urls[i % 2]}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: a.config.publicUrl.origin },
        body: JSON.stringify({ email: person.email }),
      });
      expect(asked.status).toBe(202);
      await app.app.auth.settled();
    }
    const links = (await signInMailsTo(a, person.email)).length;
    expect(links - before).toBe(5);
  }, 30_000);
});
