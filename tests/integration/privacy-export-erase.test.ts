import { everything as everythingIn, first, tables } from '../helpers/db';
import { eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signIn } from '../helpers/auth';
import { TestClock } from '../helpers/clock';
import { createInstitution, createMember } from '../helpers/factories';

// GDPR: a member takes everything the platform holds about them, and can have it erased. Erasure replaces the
// person, not the network's record: their seat goes on to the next in line, their question stays in the
// session's history under "A former member", the audit trail keeps a pseudonym.

const DAY = 86_400_000;
const NEEDS = 'No peanuts please, Ada Quartermaine-Vance';

describe('members’ data under their control', () => {
  let t: TestApp;
  let organiser: string;
  let summitId: string;
  let sessionId: string;
  let institutionId: string;

  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo' });
    organiser = await signIn(t, 'organiser@demo.apoc.test');
    institutionId = (await createInstitution(t.app.db, 'Europe/Paris')).id;
    // An in-person summit with one seat, two months ahead.
    const day = new Date(Date.now() + 60 * DAY).toISOString().slice(0, 10);
    const created = await send('POST', '/api/summits', organiser, {
      title: 'Erasure Summit',
      format: 'in_person',
      timeZone: 'Europe/Paris',
      startDate: day,
      endDate: day,
      seats: { inPerson: 1 },
      venue: { name: 'Maison de la Chimie', city: 'Paris' },
    });
    expect(created.statusCode, created.body).toBe(201);
    summitId = created.json().id;
    const room = await send('POST', `/api/summits/${summitId}/rooms`, organiser, {
      name: 'Amphithéâtre',
      capacity: 200,
    });
    expect(room.statusCode).toBe(201);
    const session = await send('POST', `/api/summits/${summitId}/sessions`, organiser, {
      title: 'Keynote',
      kind: 'keynote',
      roomId: room.json().id,
      startsAt: `${day}T10:00:00Z`,
      endsAt: `${day}T11:00:00Z`,
    });
    expect(session.statusCode).toBe(201);
    sessionId = session.json().id;
    const published = await send('POST', `/api/summits/${summitId}/publish`, organiser, {});
    expect(published.statusCode, published.body).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  function send(method: 'POST' | 'PUT' | 'DELETE' | 'GET', url: string, cookie: string, payload?: object) {
    return t.app.inject({ method, url, headers: browserHeaders(t.config, cookie), ...(payload ? { payload } : {}) });
  }

  /** Everything in the database as text: what a copy of the file would tell about anyone. */
  function everything(): Promise<string> {
    return everythingIn(t.app.db);
  }

  it('exports everything held about the caller, and erases them: seat offered on, question kept anonymous, nothing of them left', async () => {
    const ada = await createMember(t.app.db, institutionId, 'Ada Quartermaine-Vance');
    const next = await createMember(t.app.db, institutionId, 'Next In Line');
    const adaCookie = await signIn(t, ada.email);
    const nextCookie = await signIn(t, next.email);

    const seat = await send('POST', `/api/summits/${summitId}/registrations`, adaCookie, {
      mode: 'in_person',
      dietaryNeeds: NEEDS,
    });
    expect(seat.json().status).toBe('confirmed');
    const waiting = await send('POST', `/api/summits/${summitId}/registrations`, nextCookie, { mode: 'in_person' });
    expect(waiting.json().status).toBe('waitlisted');
    expect((await send('PUT', `/api/sessions/${sessionId}/star`, adaCookie, {})).statusCode).toBeLessThan(300);
    await t.app.live.service.handle(
      {
        sessionId,
        summitId,
        memberId: ada.id,
        name: ada.name,
        moderator: false,
        role: 'member',
        viaRegistration: true,
        signInId: null,
      },
      { type: 'question.ask', text: 'How do the trial results compare across the three centres?' },
    );

    // The export: one JSON document, a download, with every kind of data and no secret.
    const exported = await send('GET', '/api/me/export', adaCookie);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toMatch(
      /^attachment; filename="apoc-export-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const document = exported.json() as { data: Record<string, unknown[] | Record<string, unknown>> };
    expect(document.data.member).toMatchObject({ name: ada.name, email: ada.email });
    for (const section of ['registrations', 'registrationHistory', 'stars', 'questions', 'signIns', 'mails']) {
      expect((document.data[section] as unknown[]).length, section).toBeGreaterThan(0);
    }
    expect(exported.body).toContain(NEEDS);
    expect(exported.body).not.toMatch(/secretHash|tokenHash|feedToken|secret_hash|token_hash/);

    // Erasure.
    const erased = await send('DELETE', '/api/me', adaCookie);
    expect(erased.statusCode).toBe(204);
    expect(String(erased.headers['set-cookie'])).toMatch(/apoc_session=;/);
    expect((await send('GET', '/api/me', adaCookie)).statusCode).toBe(401);

    // The seat went on to the first in line, by mail.
    const nextRegistration = await first(
      t.app.db.q.select().from(tables.registrations).where(eq(tables.registrations.memberId, next.id)),
    );
    expect(['offered', 'confirmed']).toContain(nextRegistration?.status);
    // The question is still the session's, under a pseudonym.
    const question = await first(
      t.app.db.q.select().from(tables.liveQuestions).where(eq(tables.liveQuestions.authorId, ada.id)),
    );
    expect(question?.text).toMatch(/trial results/);
    const snapshot = await t.app.live.service.snapshot({
      sessionId,
      summitId,
      memberId: 'm-organiser',
      name: 'Organiser',
      moderator: true,
      role: 'organiser',
      viaRegistration: false,
      signInId: null,
    });
    expect(String(snapshot)).toContain('A former member');
    expect(String(snapshot)).not.toContain('Quartermaine');

    // Nothing of the person is left anywhere in the database: not the name, the address or what they wrote about themselves.
    const database = await everything();
    expect(database).not.toContain('Quartermaine');
    expect(database).not.toContain(ada.email);
    expect(database).not.toContain('peanuts');
    const row = await first(t.app.db.q.select().from(tables.members).where(eq(tables.members.id, ada.id)));
    expect(row).toMatchObject({ name: 'A former member', active: false });
    expect(row?.erasedAt).not.toBeNull();
    // The audit trail keeps the event, under the pseudonym's id.
    const events = await t.app.db.q
      .select()
      .from(tables.securityEvents)
      .where(eq(tables.securityEvents.subjectId, ada.id));
    expect(events.map((event) => event.kind)).toContain('member-erased');

    // The old address signs nobody in.
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: browserHeaders(t.config),
      payload: { email: ada.email },
    });
    await t.app.auth.settled();
    const links = await t.app.db.q.select().from(tables.signInTokens).where(eq(tables.signInTokens.memberId, ada.id));
    expect(links).toEqual([]);
  });

  it('asks for a sign-in from the last hour before erasing, and lets only admins erase someone else', async () => {
    const bea = await createMember(t.app.db, institutionId, 'Bea Erasable');
    const cookie = await signIn(t, bea.email);
    const other = await createMember(t.app.db, institutionId, 'Not Bea');
    expect((await send('POST', `/api/members/${other.id}/erase`, cookie, {})).statusCode).toBe(403);

    // Signed in two hours ago: a forgotten browser must not erase its owner.
    await t.app.db.unit(async () =>
      t.app.db.q
        .update(tables.signIns)
        .set({ createdAt: new Date(Date.now() - 2 * 3_600_000) })
        .where(eq(tables.signIns.memberId, bea.id)),
    );
    const stale = await send('DELETE', '/api/me', cookie);
    expect(stale.statusCode).toBe(403);
    expect(stale.json().type).toMatch(/recent-sign-in-required$/);
    expect((await first(t.app.db.q.select().from(tables.members).where(eq(tables.members.id, bea.id))))?.name).toBe(
      'Bea Erasable',
    );

    const admin = await signIn(t, 'admin@demo.apoc.test');
    expect((await send('POST', `/api/members/${bea.id}/erase`, admin, {})).statusCode).toBe(204);
    expect((await send('POST', `/api/members/${bea.id}/erase`, admin, {})).statusCode).toBe(409);
    expect(
      (await t.app.db.q.select().from(tables.members).where(isNull(tables.members.erasedAt))).length,
    ).toBeGreaterThan(0);
  });
});

describe('the export’s file name', () => {
  // 08:00 on Tuesday 9 March 2027 in Seoul (UTC+9) is 23:00 on Monday 8 March in UTC, and 15:00 that Monday
  // in Los Angeles, where the member's institution is.
  const clock = new TestClock(new Date('2027-03-08T23:00:00Z'));
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp({ clock: clock.now });
  });
  afterAll(async () => {
    await t.close();
  });

  it('carries the date in the member’s own zone, not the UTC date', async () => {
    const institution = await createInstitution(t.app.db, 'America/Los_Angeles');
    const member = await createMember(t.app.db, institution.id, 'Member in Seoul');
    const cookie = await signIn(t, member.email);
    const send = (method: 'GET' | 'PATCH', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: browserHeaders(t.config, cookie), ...(payload ? { payload } : {}) });
    expect((await send('PATCH', '/api/me', { timeZone: 'Asia/Seoul' })).statusCode).toBe(200);

    const exported = await send('GET', '/api/me/export');
    expect(exported.statusCode).toBe(200);
    expect(exported.json<{ exportedAt: string }>().exportedAt).toBe('2027-03-08T23:00:00.000Z');
    expect(exported.headers['content-disposition']).toBe('attachment; filename="apoc-export-2027-03-09.json"');
  });
});
