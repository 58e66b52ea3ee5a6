import ICAL from 'ical.js';
import { tables } from '../helpers/db';
import {
  localDate,
  type Registration,
  type RegistrationEvent,
  type RegistrationOverview,
  type SummitDetail,
} from '@apoc/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signedIn, signedInMembers } from '../helpers/auth';
import { DAYS, HOURS, TestClock } from '../helpers/clock';
import { eventually, startSmtpSink, type SmtpSink } from '../helpers/smtp';

const inDays = (days: number) => localDate(Date.now() + days * DAYS, 'Europe/Berlin');

/** The demo organiser, signed in again when the test's clock has moved (sign-in links are limited per address). */
async function organiserOf(t: TestApp) {
  const cookie = await signedIn(t, 'organiser@demo.apoc.test');
  const send = (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: object) =>
    t.app.inject({ method, url, headers: browserHeaders(t.config, cookie), payload });
  return {
    cookie,
    send,
    async summit(overrides: object = {}): Promise<SummitDetail> {
      const created = await send('POST', '/api/summits', {
        title: 'Essen Summit',
        format: 'hybrid',
        timeZone: 'Europe/Berlin',
        startDate: inDays(60),
        endDate: inDays(61),
        venue: { name: 'UK Essen', city: 'Essen' },
        seats: { inPerson: 50, virtual: 500 },
        ...overrides,
      });
      expect(created.statusCode).toBe(201);
      const summit = created.json() as SummitDetail;
      expect((await send('POST', `/api/summits/${summit.id}/publish`, {})).statusCode).toBe(200);
      return summit;
    },
    async overview(summitId: string): Promise<RegistrationOverview> {
      return (
        await t.app.inject({ method: 'GET', url: `/api/summits/${summitId}/registrations`, headers: { cookie } })
      ).json();
    },
  };
}

const register = (t: TestApp, cookie: string, summitId: string, mode = 'in_person', extra: object = {}) =>
  t.app.inject({
    method: 'POST',
    url: `/api/summits/${summitId}/registrations`,
    headers: browserHeaders(t.config, cookie),
    payload: { mode, ...extra },
    remoteAddress: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`,
  });

/** The member's own registration for the summit, as they see it. */
const mine = async (t: TestApp, cookie: string, summitId: string) =>
  (
    await t.app.inject({ method: 'GET', url: `/api/summits/${summitId}/registrations/me`, headers: { cookie } })
  ).json() as Registration;

describe('registering under load never overbooks', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo' });
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => t.close());

  const fire = (cookie: string, summitId: string) =>
    fetch(`${url}/api/summits/${summitId}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: t.config.publicUrl.origin },
      body: JSON.stringify({ mode: 'in_person' }),
    });

  it('confirms exactly 50 of 200 simultaneous registrations and waitlists the rest in arrival order', async () => {
    const organiser = await organiserOf(t);
    const summit = await organiser.summit();
    const people = await signedInMembers(t, 200, 'msk');

    const responses = await Promise.all(people.map((person) => fire(person.cookie, summit.id)));
    expect(responses.map((r) => r.status).every((status) => status === 201)).toBe(true);
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as Registration[];
    expect(bodies.filter((b) => b.status === 'confirmed')).toHaveLength(50);
    expect(bodies.filter((b) => b.status === 'waitlisted')).toHaveLength(150);

    // Again, all at once: the same registrations come back, none is added.
    const again = await Promise.all(people.slice(0, 20).map((person) => fire(person.cookie, summit.id)));
    expect(again.map((r) => r.status)).toEqual(Array(20).fill(200));

    const rows = await t.app.db.q
      .select()
      .from(tables.registrations)
      .where(eq(tables.registrations.summitId, summit.id));
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((row) => row.memberId)).size).toBe(200);
    const waitlist = rows
      .filter((row) => row.status === 'waitlisted')
      .sort(
        (a, b) =>
          (a.waitlistedAt?.getTime() ?? 0) - (b.waitlistedAt?.getTime() ?? 0) ||
          a.createdAt.getTime() - b.createdAt.getTime(),
      );
    const overview = await organiser.overview(summit.id);
    const positions = new Map(overview.registrations.map((r) => [r.id, r.waitlistPosition ?? 0]));
    // Places 1 to 150, each once (registrations of the same millisecond included), following arrival.
    const places = waitlist.map((row) => positions.get(row.id) ?? 0);
    expect([...places].sort((a, b) => a - b)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    expect(places.every((place, i) => i === 0 || place > (places[i - 1] ?? 0))).toBe(true);
    // Everyone confirmed arrived before everyone waitlisted.
    const lastConfirmed = Math.max(...rows.filter((r) => r.status === 'confirmed').map((r) => r.createdAt.getTime()));
    expect(waitlist.every((row) => row.createdAt.getTime() >= lastConfirmed)).toBe(true);
    expect(overview.counts.seats).toMatchObject({ inPerson: 50, inPersonHeld: 50 });
  });

  it('keeps every institution within its quota and the pool within what is left', async () => {
    const organiser = await organiserOf(t);
    const summit = await organiser.summit();
    const quotas = await organiser.send('PUT', `/api/summits/${summit.id}/quotas`, {
      quotas: { asan: 10, essen: 10 },
      releaseAt: new Date(Date.now() + 30 * DAYS).toISOString(),
    });
    expect(quotas.statusCode).toBe(200);
    const asan = await signedInMembers(t, 60, 'asan');
    const others = await signedInMembers(t, 80, 'vhio');
    const everyone = [...asan, ...others].sort(() => Math.random() - 0.5);
    const bodies = (await Promise.all(
      everyone.map((p) => fire(p.cookie, summit.id).then((r) => r.json())),
    )) as Registration[];

    // 10 of Asan's quota and the 30 seats of the pool; Essen's 10 stay reserved until the release date.
    expect(bodies.filter((b) => b.status === 'confirmed')).toHaveLength(40);
    const rows = await t.app.db.q
      .select()
      .from(tables.registrations)
      .where(eq(tables.registrations.summitId, summit.id));
    const byPool = (pool: string) => rows.filter((r) => r.status === 'confirmed' && r.seatPool === pool).length;
    expect(byPool('asan')).toBe(10);
    expect(byPool('essen')).toBe(0);
    expect(byPool('pool')).toBe(30);
    expect(rows.filter((r) => r.status === 'waitlisted')).toHaveLength(100);
  });
});

describe('the waitlist, offers and the audit log', () => {
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

  const act = (cookie: string, method: 'POST' | 'DELETE' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: browserHeaders(t.config, cookie), ...(payload ? { payload } : {}) });

  it('offers a freed in-person seat to the first in line, passes it on when declined or expired, and never to who cancelled', async () => {
    let organiser = await organiserOf(t);
    const summit = await organiser.summit({ seats: { inPerson: 1, virtual: 10 } });
    const [a, b, c, d] = await signedInMembers(t, 4, 'essen');
    if (!a || !b || !c || !d) throw new Error('members');
    expect((await register(t, a.cookie, summit.id)).json().status).toBe('confirmed');
    expect((await register(t, b.cookie, summit.id)).json()).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 1,
    });
    expect((await register(t, c.cookie, summit.id)).json()).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 2,
    });
    expect((await register(t, d.cookie, summit.id)).json()).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 3,
    });
    // D leaves the line and is never offered a seat unless they rejoin.
    expect((await act(d.cookie, 'DELETE', `/api/summits/${summit.id}/registrations/me`)).json().status).toBe(
      'cancelled',
    );

    expect((await act(a.cookie, 'DELETE', `/api/summits/${summit.id}/registrations/me`)).statusCode).toBe(200);
    const offered = await mine(t, b.cookie, summit.id);
    expect(offered.status).toBe('offered');
    // 48 hours, since the summit is two months away.
    expect(Date.parse(offered.offerExpiresAt ?? '') - clock.now().getTime()).toBe(48 * HOURS);

    expect((await act(b.cookie, 'POST', `/api/registrations/${offered.id}/offer/decline`)).json().status).toBe(
      'cancelled',
    );
    const toC = await mine(t, c.cookie, summit.id);
    expect(toC.status).toBe('offered');

    clock.advance(49 * HOURS);
    expect((await act(c.cookie, 'POST', `/api/registrations/${toC.id}/offer/accept`)).statusCode).toBe(409);
    await t.app.inject({ method: 'GET', url: '/api/health' });
    // Two days later the organiser's sign-in has ended (12 hours at most): they sign in again.
    organiser = await organiserOf(t);
    const overview = await organiser.overview(summit.id);
    expect(overview.registrations.filter((r) => r.status === 'offered').map((r) => r.memberId)).toEqual([c.id]);
    // The sweep (every minute in production; run here at once) expires C's offer; D, who cancelled, is not offered.
    expect(await t.app.registrations.expireOffers()).toBe(1);
    const after = await organiser.overview(summit.id);
    expect(after.registrations.find((r) => r.memberId === c.id)?.status).toBe('cancelled');
    expect(after.registrations.find((r) => r.memberId === d.id)?.status).toBe('cancelled');
    expect(after.counts.seats.inPersonHeld).toBe(0);

    const audit = (
      await t.app.inject({
        method: 'GET',
        url: `/api/summits/${summit.id}/registrations/audit`,
        headers: { cookie: organiser.cookie },
      })
    ).json();
    expect(audit.map((e: { action: string }) => e.action)).toEqual([
      'registered',
      'registered',
      'registered',
      'registered',
      'cancelled',
      'cancelled',
      'offered',
      'offer-declined',
      'offered',
      'offer-expired',
    ]);
  });

  it('puts one who rejoins the waitlist at its back, behind those who joined in the same millisecond', async () => {
    // The clock stands still: every registration here has the same instant, and only the order of arrival tells
    // the places apart, for those who register and for one who rejoins alike.
    const organiser = await organiserOf(t);
    const summit = await organiser.summit({ seats: { inPerson: 1, virtual: 10 } });
    const [a, b, c] = await signedInMembers(t, 3, 'essen');
    if (!a || !b || !c) throw new Error('members');
    expect((await register(t, a.cookie, summit.id)).json().status).toBe('confirmed');
    expect((await register(t, b.cookie, summit.id)).json()).toMatchObject({ waitlistPosition: 1 });
    expect((await register(t, c.cookie, summit.id)).json()).toMatchObject({ waitlistPosition: 2 });
    expect((await act(b.cookie, 'DELETE', `/api/summits/${summit.id}/registrations/me`)).json().status).toBe(
      'cancelled',
    );
    const place = async (cookie: string) => (await mine(t, cookie, summit.id)).waitlistPosition;
    expect(await place(c.cookie)).toBe(1);
    expect((await register(t, b.cookie, summit.id)).json()).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 2,
    });
    expect(await place(c.cookie)).toBe(1);
    expect(await place(b.cookie)).toBe(2);
  });

  it('confirms a freed online place at once, and lets an accepted offer become a seat', async () => {
    const organiser = await organiserOf(t);
    const summit = await organiser.summit({ seats: { inPerson: 1, virtual: 1 } });
    const [a, b, c, d] = await signedInMembers(t, 4, 'vhio');
    if (!a || !b || !c || !d) throw new Error('members');
    await register(t, a.cookie, summit.id, 'virtual');
    expect((await register(t, b.cookie, summit.id, 'virtual')).json().status).toBe('waitlisted');
    await act(a.cookie, 'DELETE', `/api/summits/${summit.id}/registrations/me`);
    expect((await mine(t, b.cookie, summit.id)).status).toBe('confirmed');

    await register(t, c.cookie, summit.id);
    const waiting = (await register(t, d.cookie, summit.id)).json() as Registration;
    await act(c.cookie, 'DELETE', `/api/summits/${summit.id}/registrations/me`);
    const accepted = await act(d.cookie, 'POST', `/api/registrations/${waiting.id}/offer/accept`);
    expect(accepted.json()).toMatchObject({ status: 'confirmed', checkInCode: expect.any(String) });
  });

  it('lets organisers promote a waitlisted member into a free seat, never beyond capacity', async () => {
    const organiser = await organiserOf(t);
    const summit = await organiser.summit({ seats: { inPerson: 1, virtual: 10 } });
    const [a, b, c] = await signedInMembers(t, 3, 'msk');
    if (!a || !b || !c) throw new Error('members');
    await register(t, a.cookie, summit.id);
    const waiting = (await register(t, b.cookie, summit.id)).json() as Registration;
    const last = (await register(t, c.cookie, summit.id)).json() as Registration;
    const refused = await organiser.send('POST', `/api/summits/${summit.id}/registrations/${last.id}/promote`, {});
    expect(refused.statusCode).toBe(409);
    // A larger capacity frees a seat: it is offered to the first in line, not to whoever is promoted.
    await organiser.send('PATCH', `/api/summits/${summit.id}`, { seats: { inPerson: 2 } });
    const overview = await organiser.overview(summit.id);
    expect(overview.registrations.find((r) => r.id === waiting.id)?.status).toBe('offered');
    await organiser.send('PATCH', `/api/summits/${summit.id}`, { seats: { inPerson: 2, virtual: 10 } });
    expect(
      (await organiser.send('POST', `/api/summits/${summit.id}/registrations/${last.id}/promote`, {})).statusCode,
    ).toBe(409);
    // In the same instant as the steps before: the audit log keeps the order entries were written in.
    await organiser.send('PATCH', `/api/summits/${summit.id}`, { seats: { inPerson: 3 } });
    const afterRaise = await organiser.overview(summit.id);
    expect(afterRaise.registrations.find((r) => r.id === last.id)?.status).toBe('offered');
    const audit = (
      await t.app.inject({
        method: 'GET',
        url: `/api/summits/${summit.id}/registrations/audit`,
        headers: { cookie: organiser.cookie },
      })
    ).json();
    expect(audit.at(-1)).toMatchObject({ action: 'offered', toStatus: 'offered' });
  });

  it('offers the seats a larger or removed quota frees to the first in line, by mail through the outbox', async () => {
    const organiser = await organiserOf(t);
    const summit = await organiser.summit({ seats: { inPerson: 3, virtual: 10 } });
    const releaseAt = new Date(clock.now().getTime() + 30 * DAYS).toISOString();
    const setQuotas = (quotas: Record<string, number>) =>
      organiser.send('PUT', `/api/summits/${summit.id}/quotas`, { quotas, releaseAt });
    // Every seat reserved: one for Essen, two for Asan that nobody has taken yet; no pool.
    expect((await setQuotas({ essen: 1, asan: 2 })).statusCode).toBe(200);
    const [a, b] = await signedInMembers(t, 2, 'essen');
    const [c] = await signedInMembers(t, 1, 'vhio');
    if (!a || !b || !c) throw new Error('members');
    expect((await register(t, a.cookie, summit.id)).json().status).toBe('confirmed');
    const essen = (await register(t, b.cookie, summit.id)).json() as Registration;
    expect(essen).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    const other = (await register(t, c.cookie, summit.id)).json() as Registration;
    expect(other).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
    const statuses = async () =>
      Object.fromEntries((await organiser.overview(summit.id)).registrations.map((r) => [r.id, r.status]));

    // Asan gives Essen a seat: the Essen member first in line is offered it; the pool stays empty.
    expect((await setQuotas({ essen: 2, asan: 1 })).json()).toMatchObject({ quotas: { essen: 2, asan: 1 } });
    expect(await statuses()).toMatchObject({ [essen.id]: 'offered', [other.id]: 'waitlisted' });
    // Without quotas all seats are one pool: the seat left free goes to the next in line.
    expect((await setQuotas({})).json()).toMatchObject({ quotas: {} });
    expect((await statuses())[other.id]).toBe('offered');

    for (const person of [b, c]) {
      const offer = await eventually(() =>
        smtp.messages.find(
          (m) =>
            m.subject === `A seat is yours if you want it: ${summit.title}` &&
            JSON.stringify(m.to).includes(person.email),
        ),
      );
      expect(offer.text).toContain('you are first in line');
    }
    const audit = (
      await t.app.inject({
        method: 'GET',
        url: `/api/summits/${summit.id}/registrations/audit`,
        headers: { cookie: organiser.cookie },
      })
    ).json() as RegistrationEvent[];
    expect(audit.slice(-2)).toMatchObject([
      { action: 'offered', registrationId: essen.id },
      { action: 'offered', registrationId: other.id },
    ]);
  });

  it('lets organisers move a waitlisted member ahead of the line into a free seat', async () => {
    const organiser = await organiserOf(t);
    const summit = await organiser.summit({ seats: { inPerson: 1, virtual: 10 }, requiresApproval: true });
    const [a, b] = await signedInMembers(t, 2, 'msk');
    if (!a || !b) throw new Error('members');
    const first = (await register(t, a.cookie, summit.id)).json() as Registration;
    const second = (await register(t, b.cookie, summit.id)).json() as Registration;
    const promoted = await organiser.send('POST', `/api/summits/${summit.id}/registrations/${second.id}/promote`, {});
    expect(promoted.json()).toMatchObject({ status: 'confirmed', memberId: b.id });
    expect(
      (await organiser.send('POST', `/api/summits/${summit.id}/registrations/${first.id}/promote`, {})).statusCode,
    ).toBe(409);
    const audit = (
      await t.app.inject({
        method: 'GET',
        url: `/api/summits/${summit.id}/registrations/audit`,
        headers: { cookie: organiser.cookie },
      })
    ).json();
    expect(audit.at(-1)).toMatchObject({
      action: 'promoted-by-organiser',
      actorName: 'Emily Carter',
      toStatus: 'confirmed',
    });
  });

  it('holds registrations for approval when the summit asks for it', async () => {
    const organiser = await organiserOf(t);
    const summit = await organiser.summit({ requiresApproval: true });
    const [a, b] = await signedInMembers(t, 2, 'asan');
    if (!a || !b) throw new Error('members');
    const pending = (await register(t, a.cookie, summit.id)).json() as Registration;
    expect(pending.status).toBe('pending');
    expect(
      (await organiser.send('POST', `/api/summits/${summit.id}/registrations/${pending.id}/approve`, {})).json().status,
    ).toBe('confirmed');
    const other = (await register(t, b.cookie, summit.id)).json() as Registration;
    const rejected = await organiser.send('POST', `/api/summits/${summit.id}/registrations/${other.id}/reject`, {
      reason: 'speakers only',
    });
    expect(rejected.json().status).toBe('cancelled');
  });

  it('opens registration only inside the window, and only in the summit’s modes', async () => {
    const organiser = await organiserOf(t);
    const later = await organiser.summit({
      registrationOpensAt: new Date(clock.now().getTime() + 10 * DAYS).toISOString(),
    });
    const virtualOnly = await organiser.summit({ format: 'virtual', venue: null });
    const [a] = await signedInMembers(t, 1, 'peter-mac');
    if (!a) throw new Error('member');
    expect((await register(t, a.cookie, later.id)).statusCode).toBe(409);
    expect((await register(t, a.cookie, virtualOnly.id, 'in_person')).statusCode).toBe(400);
    const closed = await organiser.summit({
      registrationClosesAt: new Date(clock.now().getTime() - HOURS).toISOString(),
      registrationOpensAt: new Date(clock.now().getTime() - 10 * DAYS).toISOString(),
    });
    expect((await register(t, a.cookie, closed.id)).json()).toMatchObject({
      status: 409,
      detail: 'Registration has closed.',
    });
  });

  it('settles an offer, an approval and a promotion once when the same answer is sent twice at once', async () => {
    const organiser = await organiserOf(t);
    const actions = async (summitId: string) =>
      (
        (
          await t.app.inject({
            method: 'GET',
            url: `/api/summits/${summitId}/registrations/audit`,
            headers: { cookie: organiser.cookie },
          })
        ).json() as { action: string }[]
      ).map((entry) => entry.action);
    const twice = async (send: () => Promise<{ statusCode: number }>) =>
      (await Promise.all([send(), send()])).map((answer) => answer.statusCode).sort();

    const offering = await organiser.summit({ seats: { inPerson: 1, virtual: 10 } });
    const [a, b] = await signedInMembers(t, 2, 'essen');
    if (!a || !b) throw new Error('members');
    await register(t, a.cookie, offering.id);
    await register(t, b.cookie, offering.id);
    await act(a.cookie, 'DELETE', `/api/summits/${offering.id}/registrations/me`);
    const offer = await mine(t, b.cookie, offering.id);
    expect(offer.status).toBe('offered');
    expect(await twice(() => act(b.cookie, 'POST', `/api/registrations/${offer.id}/offer/accept`))).toEqual([200, 409]);
    expect((await actions(offering.id)).filter((action) => action === 'offer-accepted')).toHaveLength(1);
    // Accepted, the seat is no longer an offer that can be declined.
    expect((await act(b.cookie, 'POST', `/api/registrations/${offer.id}/offer/decline`)).statusCode).toBe(409);
    expect((await mine(t, b.cookie, offering.id)).status).toBe('confirmed');

    const approving = await organiser.summit({ seats: { inPerson: 2, virtual: 10 }, requiresApproval: true });
    const [c, d] = await signedInMembers(t, 2, 'vhio');
    if (!c || !d) throw new Error('members');
    const pending = (await register(t, c.cookie, approving.id)).json() as Registration;
    const waiting = (await register(t, d.cookie, approving.id)).json() as Registration;
    const desk = (id: string, step: string) => () =>
      organiser.send('POST', `/api/summits/${approving.id}/registrations/${id}/${step}`, {});
    expect(await twice(desk(pending.id, 'approve'))).toEqual([200, 409]);
    expect(await twice(desk(waiting.id, 'promote'))).toEqual([200, 409]);
    expect(await actions(approving.id)).toEqual(['registered', 'registered', 'approved', 'promoted-by-organiser']);
    expect((await organiser.overview(approving.id)).counts.seats).toMatchObject({ inPerson: 2, inPersonHeld: 2 });
  });

  it("counts on a summit's seats as they are now: a change is heard by the very next registration", async () => {
    const organiser = await organiserOf(t);
    const summit = await organiser.summit({ seats: { inPerson: 1, virtual: 10 } });
    const [a, b, c] = await signedInMembers(t, 3, 'essen');
    if (!a || !b || !c) throw new Error('members');
    // The first registration reads the summit (the server keeps what it read); each change must reach the next.
    expect((await register(t, a.cookie, summit.id)).json()).toMatchObject({ status: 'confirmed' });
    const seats = (inPerson: number) => organiser.send('PATCH', `/api/summits/${summit.id}`, { seats: { inPerson } });
    expect((await seats(2)).statusCode).toBe(200);
    expect((await register(t, b.cookie, summit.id)).json()).toMatchObject({ status: 'confirmed' });
    expect((await register(t, c.cookie, summit.id)).json()).toMatchObject({ status: 'waitlisted' });
    // The larger capacity gives the first in line the seat it frees.
    expect((await seats(3)).statusCode).toBe(200);
    const promoted = await eventually(async () => {
      const { status } = await mine(t, c.cookie, summit.id);
      return status === 'waitlisted' ? undefined : status;
    });
    expect(['confirmed', 'offered']).toContain(promoted);
  });

  it('switches mode when a seat is free, and refuses when not', async () => {
    const organiser = await organiserOf(t);
    const summit = await organiser.summit({ seats: { inPerson: 1, virtual: 10 } });
    const [a, b] = await signedInMembers(t, 2, 'gustave-roussy');
    if (!a || !b) throw new Error('members');
    await register(t, a.cookie, summit.id, 'virtual');
    await register(t, b.cookie, summit.id, 'in_person');
    const refused = await act(a.cookie, 'PATCH', `/api/summits/${summit.id}/registrations/me`, { mode: 'in_person' });
    expect(refused.statusCode).toBe(409);
    await act(b.cookie, 'PATCH', `/api/summits/${summit.id}/registrations/me`, { mode: 'virtual' });
    const switched = await act(a.cookie, 'PATCH', `/api/summits/${summit.id}/registrations/me`, {
      mode: 'in_person',
      dietaryNeeds: 'vegetarian',
    });
    expect(switched.json()).toMatchObject({ mode: 'in_person', status: 'confirmed', dietaryNeeds: 'vegetarian' });
  });

  it('sends a confirmation with a calendar invitation and a QR code, and checks the attendee in once', async () => {
    const organiser = await organiserOf(t);
    const summit = await organiser.summit();
    const [a] = await signedInMembers(t, 1, 'princess-margaret');
    if (!a) throw new Error('member');
    const registration = (await register(t, a.cookie, summit.id)).json() as Registration;
    const mail = await eventually(() =>
      smtp.messages.find(
        (m) => m.subject === `Registration confirmed: ${summit.title}` && JSON.stringify(m.to).includes(a.email),
      ),
    );
    if (!mail) throw new Error('no confirmation');
    const calendar = mail.attachments.find((part) => part.contentType === 'text/calendar');
    expect(calendar?.contentType).toBe('text/calendar');
    expect(calendar?.headers.get('content-type')).toMatchObject({ params: { method: 'REQUEST' } });
    const parsed = new ICAL.Component(ICAL.parse(calendar?.content.toString('utf8') ?? ''));
    expect(parsed.getFirstPropertyValue('method')).toBe('REQUEST');
    const event = new ICAL.Event(parsed.getFirstSubcomponent('vevent') ?? undefined);
    expect(event.uid).toBe(`summit-${summit.id}@localhost`);
    // No session is scheduled yet: one all-day event over its dates, which keeps the member free.
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe(summit.startDate);
    expect(event.component.getFirstPropertyValue('transp')).toBe('TRANSPARENT');
    expect(String(event.component.getFirstPropertyValue('organizer'))).toMatch(/mailto:no-reply@localhost/i);
    expect(mail.attachments.some((part) => part.contentType === 'image/png')).toBe(true);
    expect(mail.text).toContain(registration.checkInCode);

    // The summit is two months away: the desk is asked to confirm (see check-in-window.test.ts).
    const first = await organiser.send('POST', `/api/summits/${summit.id}/check-in`, {
      code: registration.checkInCode ?? '',
      confirm: true,
    });
    expect(first.json()).toMatchObject({ alreadyCheckedIn: false, checkedIn: 1 });
    const second = await organiser.send('POST', `/api/summits/${summit.id}/check-in`, {
      code: (registration.checkInCode ?? '').toLowerCase(),
    });
    expect(second.json()).toMatchObject({ alreadyCheckedIn: true, registration: { checkedInAt: expect.any(String) } });
    expect((await organiser.send('POST', `/api/summits/${summit.id}/check-in`, { code: 'NOPE0000' })).statusCode).toBe(
      404,
    );
  });

  it('refuses to check in a registration cancelled, or moved online, while the desk read its code', async () => {
    const organiser = await organiserOf(t);
    const summit = await organiser.summit();
    const [a, b] = await signedInMembers(t, 2, 'dana-farber');
    if (!a || !b) throw new Error('members');
    const { repository } = t.app.registrations;
    const findByCode = repository.findByCode.bind(repository);
    /** Scans `member`'s code while their `change` commits between the desk's reading of the code and its unit. */
    const scanWhile = async (member: { cookie: string }, change: () => Promise<{ statusCode: number }>) => {
      const { checkInCode } = (await register(t, member.cookie, summit.id)).json() as Registration;
      const spy = vi.spyOn(repository, 'findByCode').mockImplementationOnce(async (...args) => {
        const row = await findByCode(...args);
        expect((await change()).statusCode).toBe(200);
        return row;
      });
      return organiser
        .send('POST', `/api/summits/${summit.id}/check-in`, { code: checkInCode ?? '', confirm: true })
        .finally(() => spy.mockRestore());
    };

    const cancelled = await scanWhile(a, () => act(a.cookie, 'DELETE', `/api/summits/${summit.id}/registrations/me`));
    const online = await scanWhile(b, () =>
      act(b.cookie, 'PATCH', `/api/summits/${summit.id}/registrations/me`, { mode: 'virtual' }),
    );
    for (const refused of [cancelled, online]) {
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.json()).toMatchObject({ type: expect.stringMatching(/no-seat-to-check-in$/) });
    }
    expect(cancelled.json().detail).toBe('This registration is cancelled (in person): it has no seat to check in to.');
    expect(online.json().detail).toBe('This registration is confirmed (virtual): it has no seat to check in to.');
    // Nothing of a check-in was written: no arrival, no day's attendance (which would earn credits), no audit entry.
    expect(await t.app.db.q.select().from(tables.checkIns).where(eq(tables.checkIns.summitId, summit.id))).toEqual([]);
    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/summits/${summit.id}/registrations/audit`,
      headers: { cookie: organiser.cookie },
    });
    expect((audit.json() as RegistrationEvent[]).map((entry) => entry.action)).not.toContain('checked-in');
    expect((await organiser.overview(summit.id)).counts.checkedIn).toBe(0);
  });

  it('exports registrations as CSV with formula cells neutralised', async () => {
    const organiser = await organiserOf(t);
    const summit = await organiser.summit();
    const [a] = await signedInMembers(t, 1, 'dana-farber');
    if (!a) throw new Error('member');
    await register(t, a.cookie, summit.id, 'in_person', { note: '=cmd|calc!A1' });
    const csv = await t.app.inject({
      method: 'GET',
      url: `/api/summits/${summit.id}/registrations.csv`,
      headers: { cookie: organiser.cookie },
    });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body).toContain("'=cmd|calc!A1");
    expect(csv.body).not.toMatch(/,=cmd/);
  });
});

describe('the confirmation survives a restart between its commit and its delivery', () => {
  it('queues what the invitation and the QR code are drawn from, and draws them when the restarted app sends it', async () => {
    // No mail server configured: the confirmation stays queued, as if the app stopped right after the commit.
    const first = await buildTestApp({ seed: 'demo' });
    let smtp: SmtpSink | undefined;
    let second: TestApp | undefined;
    try {
      const summit = await (await organiserOf(first)).summit();
      const [member] = await signedInMembers(first, 1, 'essen');
      if (!member) throw new Error('member');
      const registration = (await register(first, member.cookie, summit.id)).json() as Registration;
      expect(registration.status).toBe('confirmed');
      const [queued] = (
        await first.app.db.q.select().from(tables.outbox).where(eq(tables.outbox.kind, 'registration-confirmed'))
      ).filter((row) => row.recipient === member.email);
      if (!queued) throw new Error('no confirmation queued');
      expect(queued.status).toBe('queued');
      // Nothing drawn inside the registration's transaction, only what to draw from.
      expect(JSON.parse(queued.attachments)).toEqual([
        expect.objectContaining({ filename: 'invite.ics', renderer: 'registration-summit-invitation' }),
        {
          filename: 'check-in.png',
          contentType: 'image/png',
          renderer: 'registration-check-in-qr',
          input: { code: registration.checkInCode },
        },
      ]);
      await first.app.close();

      smtp = await startSmtpSink();
      second = await buildTestApp({ dir: first.dir, fastOutbox: true, env: { SMTP_URL: smtp.url } });
      const mail = await eventually(() =>
        smtp?.messages.find((m) => m.subject === `Registration confirmed: ${summit.title}`),
      );
      const calendar = mail.attachments.find((part) => part.contentType === 'text/calendar');
      expect(calendar?.headers.get('content-type')).toMatchObject({ params: { method: 'REQUEST' } });
      const parsed = new ICAL.Component(ICAL.parse(calendar?.content.toString('utf8') ?? ''));
      const event = new ICAL.Event(parsed.getFirstSubcomponent('vevent') ?? undefined);
      expect(event.uid).toBe(`summit-${summit.id}@localhost`);
      expect(event.startDate.toString()).toBe(summit.startDate);
      const qr = mail.attachments.find((part) => part.contentType === 'image/png');
      expect(qr?.filename).toBe('check-in.png');
      // A PNG file, 29 modules of 8 pixels wide: version 1 of the code and a quiet zone of 4 on each side.
      expect(qr?.content.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(qr?.content.readUInt32BE(16)).toBe(232);
      expect(mail.text).toContain(registration.checkInCode);
      const sent = await eventually(async () => {
        const row = await second?.app.outbox.repository.find(queued.id);
        return row?.status === 'sent' ? row : undefined;
      });
      expect(sent.attempts).toBe(1);
    } finally {
      await second?.close();
      await smtp?.stop();
      await first.close();
    }
  });
});
