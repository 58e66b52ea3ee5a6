import { first, tables } from '../helpers/db';
import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signIn } from '../helpers/auth';
import { demoSummitIds, type DemoSummitIds } from '../helpers/demo';
import { addPerson, createInstitution, createMember } from '../helpers/factories';

// Guests come from outside the network (a visiting speaker, an industry partner): they see only what they
// are invited to. And nobody but organisers and admins may learn an address through the directory's search.

describe('guests are their own access level', () => {
  let t: TestApp;
  let demo: DemoSummitIds;
  let organiser: string;
  let guestId: string;
  let guest: string;

  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo' });
    demo = await demoSummitIds(t.app.db);
    organiser = await signIn(t, 'organiser@demo.apoc.test');
    const admin = await signIn(t, 'admin@demo.apoc.test');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/members',
      headers: browserHeaders(t.config, admin),
      payload: { email: 'visiting.speaker@partner.example', name: 'Visiting Speaker', role: 'guest' },
    });
    expect(created.statusCode).toBe(201);
    guestId = created.json().id;
    guest = await signIn(t, 'visiting.speaker@partner.example');
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (url: string, cookie: string) =>
    t.app.inject({ method: 'GET', url, headers: browserHeaders(t.config, cookie) });
  const post = (url: string, cookie: string, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: browserHeaders(t.config, cookie), payload });
  const aSession = async (summitId: string) =>
    await first(
      t.app.db.q
        .select()
        .from(tables.sessions)
        .where(and(eq(tables.sessions.summitId, summitId), ne(tables.sessions.kind, 'break'))),
    );

  it('refuses a guest an uninvited summit: its page, its sessions, its changes and registering (403)', async () => {
    const listed = (await get('/api/summits', guest)).json() as { id: string }[];
    expect(listed).toEqual([]);
    for (const url of [`/api/summits/${demo.nextVirtual}`, `/api/summits/${demo.nextVirtual}/changes`]) {
      const answer = await get(url, guest);
      expect(answer.statusCode, url).toBe(403);
      expect(answer.json().detail).toMatch(/invited guests only/);
    }
    expect((await get(`/api/sessions/${(await aSession(demo.nextVirtual))?.id}`, guest)).statusCode).toBe(403);
    const registering = await post(`/api/summits/${demo.nextVirtual}/registrations`, guest, { mode: 'virtual' });
    expect(registering.statusCode).toBe(403);
    expect(
      await t.app.db.q.select().from(tables.registrations).where(eq(tables.registrations.memberId, guestId)),
    ).toEqual([]);
  });

  it('lets an invited guest see the summit and register, and mails the invitation', async () => {
    const invited = await post(`/api/summits/${demo.nextVirtual}/invitations`, organiser, { memberId: guestId });
    expect(invited.statusCode).toBe(201);
    expect(invited.json()).toMatchObject({ summitId: demo.nextVirtual, memberId: guestId, name: 'Visiting Speaker' });
    const mail = (
      await t.app.db.q
        .select()
        .from(tables.outbox)
        .where(eq(tables.outbox.recipient, 'visiting.speaker@partner.example'))
    ).find((message) => message.kind === 'invitation');
    expect(mail?.text).toContain(`/summits/${demo.nextVirtual}`);

    expect(((await get('/api/summits', guest)).json() as { id: string }[]).map((s) => s.id)).toEqual([
      demo.nextVirtual,
    ]);
    expect((await get(`/api/summits/${demo.nextVirtual}`, guest)).statusCode).toBe(200);
    const registered = await post(`/api/summits/${demo.nextVirtual}/registrations`, guest, { mode: 'virtual' });
    expect(registered.statusCode).toBe(201);
    const list = (await get(`/api/summits/${demo.nextVirtual}/invitations`, organiser)).json() as {
      memberId: string;
    }[];
    expect(list.map((row) => row.memberId)).toContain(guestId);
    // Other summits stay closed to them.
    expect((await get(`/api/summits/${demo.nextInPerson}`, guest)).statusCode).toBe(403);
  });

  it('shows a guest the summit where they speak, without an invitation', async () => {
    const session = await aSession(demo.nextInPerson);
    if (!session) throw new Error('no session to speak at');
    await addPerson(t.app.db, session.id, guestId, 'speaker');
    expect((await get(`/api/summits/${demo.nextInPerson}`, guest)).statusCode).toBe(200);
    expect((await get(`/api/sessions/${session.id}`, guest)).statusCode).toBe(200);
  });

  it('invites only guests, and only organisers invite', async () => {
    const member = await createMember(t.app.db, (await createInstitution(t.app.db)).id, 'Network Member');
    const refused = await post(`/api/summits/${demo.nextVirtual}/invitations`, organiser, { memberId: member.id });
    expect(refused.statusCode).toBe(400);
    const asGuest = await post(`/api/summits/${demo.nextVirtual}/invitations`, guest, { memberId: guestId });
    expect(asGuest.statusCode).toBe(403);
  });

  it('keeps the member directory from guests', async () => {
    const directory = await get('/api/members', guest);
    expect(directory.statusCode).toBe(403);
    expect(directory.body).not.toContain('@');
  });
});

describe('the member directory does not leak e-mail addresses', () => {
  let t: TestApp;
  let member: string;
  let organiser: string;

  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo' });
    member = await signIn(t, 'margaret.sullivan@demo.apoc.test');
    organiser = await signIn(t, 'organiser@demo.apoc.test');
  });
  afterAll(async () => {
    await t.close();
  });

  const search = (q: string, cookie: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/members?q=${encodeURIComponent(q)}`,
      headers: browserHeaders(t.config, cookie),
    });

  it('finds nobody by a piece of a hidden address, so a member cannot rebuild one letter by letter', async () => {
    for (const q of ['admin@', 'organiser@demo', '@demo.apoc.test', 'noah.']) {
      const answer = await search(q, member);
      expect(answer.statusCode, q).toBe(200);
      expect(answer.json(), q).toEqual([]);
    }
    // Names still match, as they should.
    expect((await search('Sullivan', member)).json().length).toBeGreaterThan(0);
  });

  it('lets organisers find people by e-mail address', async () => {
    const found = (await search('admin@demo', organiser)).json() as { email?: string }[];
    expect(found.map((row) => row.email)).toEqual(['admin@demo.apoc.test']);
  });

  it('limits directory searches per member with 429 problem+json', async () => {
    const statuses: number[] = [];
    let limited = null;
    for (let i = 0; i < 70; i++) {
      const answer = await search(`x${i}`, member);
      statuses.push(answer.statusCode);
      if (answer.statusCode === 429) limited ??= answer;
    }
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(55);
    expect(limited?.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
  });
});
