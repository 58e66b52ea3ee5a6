import { tables } from '../helpers/db';
import type { CheckInProblem, Registration, SummitDetail } from '@apoc/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signedIn, signedInMembers } from '../helpers/auth';
import { TestClock } from '../helpers/clock';
import { createMember } from '../helpers/factories';

// The desk checks people in on the summit's days and from 16:00 the evening before (badge pick-up), in the
// summit's zone; earlier or later it asks the organiser to confirm, and says why. An in-person summit of our
// own in Essen on 31 March and 1 April 2031: Europe's clocks go forward on Sunday 30 March 2031, the evening
// before, so 16:00 there is 14:00 UTC.

describe('the check-in window', () => {
  const clock = new TestClock(new Date('2031-03-10T09:00:00Z'));
  let t: TestApp;
  let staffEmail: string;
  const organiser = () => signedIn(t, staffEmail);
  let summit: SummitDetail;
  const codes: string[] = [];

  const checkIn = async (code: string, confirm?: boolean) =>
    t.app.inject({
      method: 'POST',
      url: `/api/summits/${summit.id}/check-in`,
      headers: browserHeaders(t.config, await organiser()),
      payload: { code, ...(confirm === undefined ? {} : { confirm }) },
    });

  beforeAll(async () => {
    t = await buildTestApp({ clock: clock.now });
    const staff = await createMember(t.app.db, null, 'Olga Organiser');
    await t.app.db.unit(async () =>
      t.app.db.q.update(tables.members).set({ role: 'organiser' }).where(eq(tables.members.id, staff.id)),
    );
    staffEmail = staff.email;
    const send = async (url: string, payload: object, cookie?: string) =>
      t.app.inject({ method: 'POST', url, headers: browserHeaders(t.config, cookie ?? (await organiser())), payload });

    summit = (
      await send('/api/summits', {
        title: 'Essen Spring Summit 2031',
        format: 'in_person',
        timeZone: 'Europe/Berlin',
        startDate: '2031-03-31',
        endDate: '2031-04-01',
        venue: { name: 'UK Essen', city: 'Essen' },
        seats: { inPerson: 20 },
      })
    ).json() as SummitDetail;
    expect((await send(`/api/summits/${summit.id}/publish`, {})).statusCode).toBe(200);
    for (const member of await signedInMembers(t, 5, null)) {
      const registration = (
        await send(`/api/summits/${summit.id}/registrations`, { mode: 'in_person' }, member.cookie)
      ).json() as Registration;
      expect(registration.status).toBe('confirmed');
      codes.push(registration.checkInCode ?? '');
    }
  });

  afterAll(async () => {
    await t.close();
  });

  it('asks to confirm a minute before 16:00 on the evening before, says why, and checks nobody in', async () => {
    clock.set(new Date('2031-03-30T13:59:00Z'));
    const refused = await checkIn(codes[0] ?? '');
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = refused.json() as CheckInProblem;
    expect(problem).toMatchObject({
      type: 'https://apoc.invalid/problems/check-in-outside-window',
      title: 'Check-in is not open yet',
      checkIn: {
        timing: 'early',
        opensAt: '2031-03-30T14:00:00.000Z',
        closesAt: '2031-04-01T22:00:00.000Z',
        timeZone: 'Europe/Berlin',
      },
    });
    expect(problem.detail).toContain('Check-in opens on Sun 30 Mar 2031, 16:00 (Europe/Berlin)');
    expect(problem.detail).toContain('Confirm to check this attendee in anyway.');
    const overview = await t.app.inject({
      method: 'GET',
      url: `/api/summits/${summit.id}/registrations`,
      headers: { cookie: await organiser() },
    });
    expect(overview.json()).toMatchObject({ counts: { checkedIn: 0 } });
  });

  it('checks in early once the organiser confirms', async () => {
    const confirmed = await checkIn(codes[0] ?? '', true);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ alreadyCheckedIn: false, checkedIn: 1 });
  });

  it('accepts from 16:00 the evening before until the last day ends, without asking', async () => {
    clock.set(new Date('2031-03-30T14:00:00Z'));
    expect((await checkIn(codes[1] ?? '')).json()).toMatchObject({ alreadyCheckedIn: false, checkedIn: 2 });
    clock.set(new Date('2031-04-01T21:59:00Z'));
    expect((await checkIn(codes[2] ?? '')).json()).toMatchObject({ alreadyCheckedIn: false, checkedIn: 3 });
  });

  it('asks again once the summit is over, and still says who was checked in before', async () => {
    clock.set(new Date('2031-04-01T22:00:00Z'));
    const late = await checkIn(codes[3] ?? '');
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ title: 'The summit is over', checkIn: { timing: 'late' } });
    expect((late.json() as CheckInProblem).detail).toContain(
      'The summit ended on Tue 1 Apr 2031 (Europe/Berlin): check-in is closed.',
    );
    expect((await checkIn(codes[1] ?? '')).json()).toMatchObject({ alreadyCheckedIn: true, checkedIn: 3 });
    expect((await checkIn(codes[3] ?? '', true)).json()).toMatchObject({ alreadyCheckedIn: false, checkedIn: 4 });
  });

  it('refuses an unknown code with 404 whatever the time', async () => {
    expect((await checkIn('NOPE0000', true)).statusCode).toBe(404);
    expect((await checkIn('NOPE0000')).statusCode).toBe(404);
  });
});
