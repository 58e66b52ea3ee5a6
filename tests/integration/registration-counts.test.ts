import { localDate, type Registration, type SummitDetail } from '@apoc/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signedIn, signedInMembers } from '../helpers/auth';
import { DAYS } from '../helpers/clock';
import { exec, rows, sql } from '../helpers/db';

// Seats held and waitlist places are read from registration_counts, which triggers on `registrations` keep. Every
// path that moves a registration must leave those counts equal to counting the registrations themselves.

type Count = { summit: string; mode: string; status: string; n: number };

const order = (list: Count[]) =>
  list
    .map((row) => ({ ...row, n: Number(row.n) }))
    .filter((row) => row.n !== 0)
    .sort((a, b) => `${a.summit} ${a.mode} ${a.status}`.localeCompare(`${b.summit} ${b.mode} ${b.status}`));

async function expectCountsTrue(t: TestApp): Promise<void> {
  const kept = await rows<Count>(t.app.db, sql`select summit_id as summit, mode, status, n from registration_counts`);
  const counted = await rows<Count>(
    t.app.db,
    sql`select summit_id as summit, mode, status, count(*) as n from registrations group by summit_id, mode, status`,
  );
  expect(order(kept)).toEqual(order(counted));
  expect(kept.every((row) => Number(row.n) >= 0)).toBe(true);
}

describe('the registration counts the database keeps', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo' });
  });
  afterAll(async () => t.close());

  const call = (cookie: string, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: browserHeaders(t.config, cookie), ...(payload ? { payload } : {}) });

  it('agree with the demo’s registrations as seeded', async () => {
    const [seeded] = await rows<{ n: number }>(t.app.db, sql`select count(*) as n from registrations`);
    expect(Number(seeded?.n)).toBeGreaterThan(0);
    await expectCountsTrue(t);
  });

  it('follow registering, waitlist places, a change of mode, a cancellation and its offer, a rejection and an erasure', async () => {
    const organiser = await signedIn(t, 'organiser@demo.apoc.test');
    const day = localDate(Date.now() + 60 * DAYS, 'Europe/Berlin');
    const created = await call(organiser, 'POST', '/api/summits', {
      title: 'Counted Summit',
      format: 'hybrid',
      timeZone: 'Europe/Berlin',
      startDate: day,
      endDate: day,
      venue: { name: 'Hall' },
      seats: { inPerson: 2, virtual: 100 },
    });
    const summit = created.json() as SummitDetail;
    expect((await call(organiser, 'POST', `/api/summits/${summit.id}/publish`, {})).statusCode).toBe(200);
    const people = await signedInMembers(t, 5, 'msk');
    const registered: Registration[] = [];
    for (const person of people)
      registered.push(
        (await call(person.cookie, 'POST', `/api/summits/${summit.id}/registrations`, { mode: 'in_person' })).json(),
      );
    expect(registered.map((r) => [r.status, r.waitlistPosition])).toEqual([
      ['confirmed', undefined],
      ['confirmed', undefined],
      ['waitlisted', 1],
      ['waitlisted', 2],
      ['waitlisted', 3],
    ]);
    await expectCountsTrue(t);

    const place = async (cookie: string) =>
      (
        (
          await t.app.inject({
            method: 'GET',
            url: `/api/me/registrations?summitId=${summit.id}`,
            headers: { cookie },
          })
        ).json() as Registration[]
      )[0];
    const [first, second, third, fourth, fifth] = people as [
      (typeof people)[0],
      (typeof people)[0],
      (typeof people)[0],
      (typeof people)[0],
      (typeof people)[0],
    ];

    // The fourth leaves the in-person waitlist for a virtual place: the fifth moves up.
    const switched = await call(fourth.cookie, 'PATCH', `/api/summits/${summit.id}/registrations/me`, {
      mode: 'virtual',
    });
    expect(switched.json()).toMatchObject({ mode: 'virtual', status: 'confirmed' });
    expect(await place(fifth.cookie)).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
    await expectCountsTrue(t);

    // The first cancels: the seat is offered to the third, first in line.
    await call(first.cookie, 'DELETE', `/api/summits/${summit.id}/registrations/me`);
    expect(await place(third.cookie)).toMatchObject({ status: 'offered' });
    expect(await place(fifth.cookie)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    await expectCountsTrue(t);

    // The organisers turn the fifth away; the second erases themself.
    const rejected = await call(
      organiser,
      'POST',
      `/api/summits/${summit.id}/registrations/${registered[4]?.id}/reject`,
      { reason: 'speakers only' },
    );
    expect(rejected.json().status).toBe('cancelled');
    expect((await call(second.cookie, 'DELETE', '/api/me')).statusCode).toBe(204);
    await expectCountsTrue(t);

    // Rows removed outright, as a deleted summit's are.
    await exec(t.app.db, sql`delete from registrations where summit_id = ${summit.id}`);
    await expectCountsTrue(t);
  });
});
