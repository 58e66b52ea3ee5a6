import { randomUUID } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { tables } from '../helpers/db';
import type { Announcement, AttendanceMode, RegistrationStatus } from '@apoc/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signIn } from '../helpers/auth';
import { TestClock } from '../helpers/clock';
import { createMember, createSummit } from '../helpers/factories';
import { logSink } from '../helpers/logs';
import { eventually, startSmtpSink, type SmtpSink } from '../helpers/smtp';

const MINUTES = 60_000;

interface Registrant {
  id: string;
  email: string;
  name: string;
}

/** A member of `institutionId` with a registration of the given mode and status, written through the schema. */
async function registrant(
  t: TestApp,
  summitId: string,
  institutionId: string | null,
  mode: AttendanceMode,
  status: RegistrationStatus,
  options: { active?: boolean } = {},
): Promise<Registrant> {
  const member = await createMember(t.app.db, institutionId, `${institutionId ?? 'guest'} ${mode} ${status}`);
  if (options.active === false) {
    await t.app.db.unit(async () =>
      t.app.db.q.update(tables.members).set({ active: false }).where(eq(tables.members.id, member.id)),
    );
  }
  const now = new Date();
  await t.app.db.unit(async () =>
    t.app.db.q.insert(tables.registrations).values({
      id: randomUUID(),
      summitId,
      memberId: member.id,
      mode,
      status,
      seatPool: status === 'confirmed' || status === 'offered' ? 'pool' : null,
      checkInCode: randomUUID(),
      createdAt: now,
      updatedAt: now,
    }),
  );
  return { id: member.id, email: member.email, name: member.name };
}

const addressesOf = (mail: ParsedMail): string[] =>
  [mail.to]
    .flat()
    .flatMap((to) => to?.value ?? [])
    .map((address) => address.address ?? '');

async function announcementMail(t: TestApp) {
  return await t.app.db.q.select().from(tables.outbox).where(eq(tables.outbox.kind, 'announcement'));
}

describe('announcements to registrants', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  const clock = new TestClock();
  const log = logSink();
  let organiser: string;
  let summitId: string;
  let people: Record<
    | 'asanInPerson'
    | 'asanOnline'
    | 'danaInPerson'
    | 'danaOnline'
    | 'guestOnline'
    | 'waitlisted'
    | 'pending'
    | 'cancelled'
    | 'deactivated',
    Registrant
  >;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await buildTestApp({
      seed: 'demo',
      clock: clock.now,
      fastOutbox: true,
      env: { SMTP_URL: smtp.url, LOG_LEVEL: 'debug' },
      logStream: log.stream,
    });
    organiser = await signIn(t, 'organiser@demo.apoc.test');
    summitId = (await createSummit(t.app.db, { title: 'Essen Summit', format: 'hybrid', status: 'published' })).id;
    people = {
      asanInPerson: await registrant(t, summitId, 'asan', 'in_person', 'confirmed'),
      asanOnline: await registrant(t, summitId, 'asan', 'virtual', 'confirmed'),
      danaInPerson: await registrant(t, summitId, 'dana-farber', 'in_person', 'offered'),
      danaOnline: await registrant(t, summitId, 'dana-farber', 'virtual', 'confirmed'),
      guestOnline: await registrant(t, summitId, null, 'virtual', 'confirmed'),
      waitlisted: await registrant(t, summitId, 'asan', 'in_person', 'waitlisted'),
      pending: await registrant(t, summitId, 'asan', 'virtual', 'pending'),
      cancelled: await registrant(t, summitId, 'dana-farber', 'virtual', 'cancelled'),
      deactivated: await registrant(t, summitId, 'asan', 'in_person', 'confirmed', { active: false }),
    };
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  const post = (url: string, payload: object, cookie = organiser) =>
    t.app.inject({ method: 'POST', url, headers: browserHeaders(t.config, cookie), payload });
  const list = (cookie?: string) =>
    t.app.inject({ method: 'GET', url: `/api/summits/${summitId}/announcements`, headers: cookie ? { cookie } : {} });

  const audiences = [
    { audience: 'all', expected: ['asanInPerson', 'asanOnline', 'danaInPerson', 'danaOnline', 'guestOnline'] },
    { audience: 'in_person', expected: ['asanInPerson', 'danaInPerson'] },
    { audience: 'virtual', expected: ['asanOnline', 'danaOnline', 'guestOnline'] },
    { audience: 'institution', institutionId: 'asan', expected: ['asanInPerson', 'asanOnline'] },
  ] as const;

  it('tells the form how many registrants each audience would reach', async () => {
    for (const { audience, expected, ...rest } of audiences) {
      const response = await post(`/api/summits/${summitId}/announcements/preview`, { audience, ...rest });
      expect({ audience, status: response.statusCode, body: response.json() }).toEqual({
        audience,
        status: 200,
        body: { recipients: expected.length },
      });
    }
  });

  it('mails exactly the seat holders of the audience, once each, never waitlisted, pending, cancelled or deactivated members', async () => {
    const sent: Announcement[] = [];
    for (const { audience, expected, ...rest } of audiences) {
      const title = `Note to ${audience}`;
      const response = await post(`/api/summits/${summitId}/announcements`, {
        title,
        body: `The plenary moves to **Hall B**.\n\n- bring your badge\n- arrive early`,
        audience,
        ...rest,
      });
      expect(response.statusCode).toBe(201);
      const announcement = response.json() as Announcement;
      expect(announcement).toMatchObject({
        summitId,
        title,
        audience,
        institutionId: audience === 'institution' ? 'asan' : null,
        author: { id: 'm-organiser' },
        recipientCount: expected.length,
      });
      sent.push(announcement);

      const queued = (await announcementMail(t)).filter((message) => message.subject === `Essen Summit: ${title}`);
      expect(queued.map((message) => message.recipient).sort()).toEqual(
        expected.map((who) => people[who].email).sort(),
      );
    }

    // Delivered through the real SMTP server, with the summit, the title, the words and the link.
    const total = audiences.reduce((sum, { expected }) => sum + expected.length, 0);
    const delivered = await eventually(() => {
      const mails = smtp.messages.filter((mail) => mail.subject?.startsWith('Essen Summit: Note to '));
      return mails.length >= total ? mails : undefined;
    });
    expect(delivered).toHaveLength(total);
    for (const { audience, expected } of audiences) {
      const mails = delivered.filter((mail) => mail.subject === `Essen Summit: Note to ${audience}`);
      expect(mails.flatMap(addressesOf).sort()).toEqual(expected.map((who) => people[who].email).sort());
    }
    const toGuest = delivered.find(
      (mail) =>
        mail.subject === 'Essen Summit: Note to virtual' && addressesOf(mail).includes(people.guestOnline.email),
    );
    expect(toGuest?.text).toContain(`Dear ${people.guestOnline.name},`);
    expect(toGuest?.text).toContain('The organisers of Essen Summit write to everyone attending online:');
    expect(toGuest?.text).toContain('The plenary moves to Hall B.\n\n• bring your badge\n• arrive early');
    expect(toGuest?.html).toContain('<ul><li>bring your badge</li><li>arrive early</li></ul>');
    expect(toGuest?.text).toContain(`${t.config.publicUrl.origin}/summits/${summitId}`);
    expect(toGuest?.html).toContain('Note to virtual');

    // The logs count what was queued, and never say to whom or what.
    const logs = log.text();
    expect(logs).toContain('announcement queued');
    expect(logs).not.toContain('Hall B');
    for (const person of Object.values(people)) expect(logs).not.toContain(person.email);

    // Newest first, for the organisers.
    const all = (await list(organiser)).json() as Announcement[];
    expect(all.map((a) => a.id)).toEqual(sent.map((a) => a.id).reverse());
    expect(all[0]).toEqual(sent[sent.length - 1]);
  });

  it('shows each registrant the announcements addressed to them now, and nothing to anyone else', async () => {
    const [asan, guest, waitlisted, outsider] = [
      await signIn(t, people.asanInPerson.email),
      await signIn(t, people.guestOnline.email),
      await signIn(t, people.waitlisted.email),
      await signIn(t, 'laia.puig@demo.apoc.test'),
    ];
    const titles = async (cookie?: string) => ((await list(cookie)).json() as Announcement[]).map((a) => a.title);

    expect(await titles(asan)).toEqual(['Note to institution', 'Note to in_person', 'Note to all']);
    expect(await titles(guest)).toEqual(['Note to virtual', 'Note to all']);
    expect(await titles(waitlisted)).toEqual([]);
    expect(await titles(outsider)).toEqual([]);
    const anonymous = await list();
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual([]);

    // The audience is matched when the page is read: switching to online shows the online announcements.
    await t.app.db.unit(async () =>
      t.app.db.q
        .update(tables.registrations)
        .set({ mode: 'virtual' })
        .where(eq(tables.registrations.memberId, people.asanInPerson.id)),
    );
    expect(await titles(asan)).toEqual(['Note to institution', 'Note to virtual', 'Note to all']);
  });

  it('refuses the same words to the same audience within 10 minutes, as a double click, and sends nothing', async () => {
    const words = { title: 'Visa letters', body: 'Ask the desk for your letter.', audience: 'institution' as const };
    const first = await post(`/api/summits/${summitId}/announcements`, { ...words, institutionId: 'dana-farber' });
    expect(first.statusCode).toBe(201);
    const before = {
      rows: (await t.app.db.q.select().from(tables.announcements)).length,
      mail: (await announcementMail(t)).length,
    };

    clock.advance(9 * MINUTES);
    const again = await post(`/api/summits/${summitId}/announcements`, { ...words, institutionId: 'dana-farber' });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toMatch(/problem\+json/);
    expect(await t.app.db.q.select().from(tables.announcements)).toHaveLength(before.rows);
    expect(await announcementMail(t)).toHaveLength(before.mail);

    // Other people, or the same people later, may get the same words.
    const toAsan = await post(`/api/summits/${summitId}/announcements`, { ...words, institutionId: 'asan' });
    expect(toAsan.statusCode).toBe(201);
    clock.advance(2 * MINUTES);
    const later = await post(`/api/summits/${summitId}/announcements`, { ...words, institutionId: 'dana-farber' });
    expect(later.statusCode).toBe(201);
  });

  it('refuses an audience nobody matches, and drafts, which nobody can register for', async () => {
    const nobody = await post(`/api/summits/${summitId}/announcements`, {
      title: 'Hola',
      body: 'Nobody from VHIO registered.',
      audience: 'institution',
      institutionId: 'vhio',
    });
    expect(nobody.statusCode).toBe(409);

    const draft = await createSummit(t.app.db, { status: 'draft' });
    const toDraft = await post(`/api/summits/${draft.id}/announcements`, { title: 'T', body: 'B', audience: 'all' });
    expect(toDraft.statusCode).toBe(409);
    expect((await post(`/api/summits/${draft.id}/announcements/preview`, { audience: 'all' })).json()).toEqual({
      recipients: 0,
    });
    // A draft stays invisible to everyone but organisers.
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/summits/${draft.id}/announcements` });
    expect(anonymous.statusCode).toBe(404);
    const organisers = await t.app.inject({
      method: 'GET',
      url: `/api/summits/${draft.id}/announcements`,
      headers: { cookie: organiser },
    });
    expect(organisers.json()).toEqual([]);
  });
});

describe('what announcements refuse', () => {
  let t: TestApp;
  let organiser: string;
  let member: string;
  let summitId: string;

  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo' });
    organiser = await signIn(t, 'organiser@demo.apoc.test');
    member = await signIn(t, 'laia.puig@demo.apoc.test');
    summitId = (await createSummit(t.app.db, { format: 'hybrid', status: 'published' })).id;
    await registrant(t, summitId, 'asan', 'in_person', 'confirmed');
  });
  afterAll(async () => t?.close());

  const post = (url: string, payload: object, cookie?: string) =>
    t.app.inject({ method: 'POST', url, headers: browserHeaders(t.config, cookie), payload });
  const written = async () => ({
    rows: (await t.app.db.q.select().from(tables.announcements)).length,
    mail: (await announcementMail(t)).length,
  });
  const valid = { title: 'Room change', body: 'Hall B.', audience: 'all' };

  it('answers 400 to bad input, with nothing written or sent', async () => {
    const bad: [string, object][] = [
      ['an unknown audience', { ...valid, audience: 'speakers' }],
      ['an institution audience without the institution', { ...valid, audience: 'institution' }],
      ['an unknown institution', { ...valid, audience: 'institution', institutionId: 'nowhere' }],
      ['an institution with another audience', { ...valid, institutionId: 'asan' }],
      ['a title that is too long', { ...valid, title: 'x'.repeat(151) }],
      ['a title of two lines', { ...valid, title: 'Room\nchange' }],
      ['a blank title', { ...valid, title: '   ' }],
      ['a body that is too long', { ...valid, body: 'x'.repeat(5001) }],
      ['no body', { title: 'Room change', audience: 'all' }],
      ['an unknown field', { ...valid, urgent: true }],
    ];
    for (const [what, payload] of bad) {
      const response = await post(`/api/summits/${summitId}/announcements`, payload, organiser);
      expect({ what, status: response.statusCode }).toEqual({ what, status: 400 });
      expect(response.headers['content-type']).toMatch(/problem\+json/);
    }
    const preview = await post(
      `/api/summits/${summitId}/announcements/preview`,
      { audience: 'institution' },
      organiser,
    );
    expect(preview.statusCode).toBe(400);
    expect(await written()).toEqual({ rows: 0, mail: 0 });
  });

  it('accepts the longest title and body', async () => {
    const response = await post(
      `/api/summits/${summitId}/announcements`,
      { title: 'x'.repeat(150), body: 'y'.repeat(5000), audience: 'all' },
      organiser,
    );
    expect(response.statusCode).toBe(201);
    expect(await written()).toEqual({ rows: 1, mail: 1 });
  });

  it('lets only organisers write or count recipients: 401 anonymous, 403 members', async () => {
    const before = await written();
    for (const [url, payload] of [
      [`/api/summits/${summitId}/announcements`, valid],
      [`/api/summits/${summitId}/announcements/preview`, { audience: 'all' }],
    ] as const) {
      expect((await post(url, payload)).statusCode).toBe(401);
      expect((await post(url, payload, member)).statusCode).toBe(403);
    }
    expect(await written()).toEqual(before);
  });

  it('answers 404 for a summit that does not exist', async () => {
    expect((await post('/api/summits/no-such-summit/announcements', valid, organiser)).statusCode).toBe(404);
    expect(
      (await post('/api/summits/no-such-summit/announcements/preview', { audience: 'all' }, organiser)).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/summits/no-such-summit/announcements' })).statusCode).toBe(
      404,
    );
  });
});
