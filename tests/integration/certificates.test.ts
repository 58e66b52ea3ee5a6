import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  zonedInstant,
  type CertificateVerification,
  type CreditsReport,
  type MyCredits,
  type Registration,
  type SessionDetail,
  type SummitDetail,
} from '@apoc/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signedIn } from '../helpers/auth';
import { TestClock } from '../helpers/clock';
import { tables } from '../helpers/db';
import { createInstitution, createMember } from '../helpers/factories';
import { LiveTestClient } from '../helpers/live-client';
import { eventually, startSmtpSink, type SmtpSink } from '../helpers/smtp';

// Certificates of attendance earned from attendance the platform verified. A hybrid summit of our own in Berlin on
// 4 and 5 March 2031, accredited with the rule of 80 %: members connected to the live room by real sockets while the
// clock is moved by hand, one checked in at the desk on the first day; certificates once the last accredited session
// has ended, their verification, revocation and re-issue, and the mail that they are ready, read from a real SMTP
// server.

const MINUTES = 60_000;
const zone = 'Europe/Berlin';
const at = (date: string, time: string) => zonedInstant(date, time, zone).getTime();
const keynoteStart = at('2031-03-04', '14:00');
const panelStart = at('2031-03-04', '15:30');
const workshopStart = at('2031-03-05', '09:00');
const workshopEnd = workshopStart + 90 * MINUTES;
const run = promisify(execFile);

interface Person {
  id: string;
  email: string;
  name: string;
}

describe('certificates of attendance earned from verified attendance', () => {
  const clock = new TestClock(new Date('2031-02-20T09:00:00Z'));
  let t: TestApp;
  let smtp: SmtpSink;
  let wsBase: string;
  let staffEmail: string;
  let summit: SummitDetail;
  const sessions: Record<'keynote' | 'panel' | 'coffee' | 'workshop', SessionDetail> = {} as never;
  let online50: Person;
  let online40: Person;
  let inPerson: Person;
  let seoyeon: Person;
  let inPersonCode: string;
  const sockets: WebSocket[] = [];

  const cookieOf = async (person: Person | string) => signedIn(t, typeof person === 'string' ? person : person.email);
  const organiser = () => cookieOf(staffEmail);
  const send = async (method: 'POST' | 'PATCH', url: string, payload: object, cookie?: string) =>
    t.app.inject({ method, url, headers: browserHeaders(t.config, cookie ?? (await organiser())), payload });
  const get = async (url: string, cookie?: string | null) =>
    t.app.inject({ method: 'GET', url, headers: cookie === null ? {} : { cookie: cookie ?? (await organiser()) } });
  const myCredits = async (person: Person) =>
    (await get(`/api/summits/${summit.id}/credits/me`, await cookieOf(person))).json() as MyCredits;
  const certificate = async (person: Person, query = '') =>
    get(`/api/summits/${summit.id}/certificate${query}`, await cookieOf(person));
  const verify = async (code: string) => get(`/api/certificates/${code}`, null);

  /** Opens the session's live room as `person`, from the platform's own pages, once its snapshot has come. */
  async function enter(session: SessionDetail, person: Person): Promise<WebSocket> {
    const socket = new WebSocket(`${wsBase}/api/sessions/${session.id}/live`, {
      headers: { cookie: await cookieOf(person), origin: t.config.publicUrl.origin },
    });
    sockets.push(socket);
    // Every message the server sends is checked against the live protocol's schema.
    const client = new LiveTestClient(socket);
    await once(socket, 'open');
    await client.take('snapshot');
    return socket;
  }

  /** Closes the member's connection and waits until the server has ended their interval of presence. */
  async function leave(socket: WebSocket, person: Person): Promise<void> {
    socket.close();
    await once(socket, 'close');
    await eventually(async () => {
      const rows = await t.app.db.q
        .select()
        .from(tables.livePresence)
        .where(eq(tables.livePresence.memberId, person.id));
      return rows.every((row) => row.leftAt !== null) ? true : undefined;
    });
  }

  /** `person` in the live room of `session` from `from` to `to` minutes after its start. */
  async function attend(session: SessionDetail, person: Person, from: number, to: number): Promise<void> {
    const start = Date.parse(session.startsAt ?? '');
    clock.set(new Date(start + from * MINUTES));
    const socket = await enter(session, person);
    clock.set(new Date(start + to * MINUTES));
    await leave(socket, person);
  }

  async function member(name: string, institutionId: string, mode: 'virtual' | 'in_person'): Promise<Person> {
    const row = await createMember(t.app.db, institutionId, name);
    const registered = await send(
      'POST',
      `/api/summits/${summit.id}/registrations`,
      { mode },
      await cookieOf(row.email),
    );
    expect(registered.json()).toMatchObject({ status: 'confirmed' });
    if (mode === 'in_person') inPersonCode = (registered.json() as Registration).checkInCode ?? '';
    return { id: row.id, email: row.email, name };
  }

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await buildTestApp({ clock: clock.now, env: { SMTP_URL: smtp.url }, fastOutbox: true });
    wsBase = (await t.app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws');
    const institution = await createInstitution(t.app.db, 'Asia/Seoul');
    const staff = await createMember(t.app.db, null, 'Olga Organiser');
    await t.app.db.unit(async () =>
      t.app.db.q.update(tables.members).set({ role: 'organiser' }).where(eq(tables.members.id, staff.id)),
    );
    staffEmail = staff.email;

    summit = (
      await send('POST', '/api/summits', {
        title: 'Hybrid Spring Summit 2031',
        translations: { ko: { title: '하이브리드 봄 서밋 2031' } },
        format: 'hybrid',
        timeZone: zone,
        startDate: '2031-03-04',
        endDate: '2031-03-05',
        seats: { inPerson: 50, virtual: 100 },
        venue: { name: 'Universitätsklinikum Essen', city: 'Essen' },
      })
    ).json() as SummitDetail;
    const session = async (key: keyof typeof sessions, fields: object) => {
      const response = await send('POST', `/api/summits/${summit.id}/sessions`, {
        joinUrl: 'https://video.example.org/live',
        ...fields,
      });
      expect(response.statusCode, response.body).toBe(201);
      sessions[key] = response.json() as SessionDetail;
    };
    const span = (start: number, minutes: number) => ({
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + minutes * MINUTES).toISOString(),
    });
    await session('keynote', {
      title: 'Keynote: ctDNA after resection',
      kind: 'keynote',
      credits: 1,
      ...span(keynoteStart, 60),
    });
    await session('panel', {
      title: 'Panel: EGFR beyond progression',
      kind: 'panel',
      credits: 0.75,
      ...span(panelStart, 45),
    });
    await session('coffee', { title: 'Coffee', kind: 'break', ...span(keynoteStart + 60 * MINUTES, 30) });
    await session('workshop', {
      title: 'Workshop: pragmatic trial design',
      kind: 'workshop',
      credits: 1.5,
      ...span(workshopStart, 90),
    });
    const accredited = await send('PATCH', `/api/summits/${summit.id}`, {
      accreditation: {
        statement: 'The Hybrid Spring Summit 2031 is accredited by the EACCME® for 3.25 European CME credits.',
        creditName: 'ECMEC®s',
        signatoryName: 'Dr Hana Richter',
        signatoryTitle: 'Scientific chair',
        minimumPercent: 80,
        issue: 'end',
        evaluation: { required: false, questions: [] },
      },
    });
    expect(accredited.statusCode, accredited.body).toBe(200);
    expect((await send('POST', `/api/summits/${summit.id}/publish`, {})).statusCode).toBe(200);

    online50 = await member('Laia Puig', institution.id, 'virtual');
    online40 = await member('Tom Becker', institution.id, 'virtual');
    inPerson = await member('Élodie Marchand', institution.id, 'in_person');
    seoyeon = await member('김서연', institution.id, 'virtual');
    const korean = await send('PATCH', '/api/me', { language: 'ko' }, await cookieOf(seoyeon));
    expect(korean.statusCode).toBe(200);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.terminate();
    await t.close();
    await smtp.stop();
  });

  it('tells a member what each session needs before the summit, and no certificate yet', async () => {
    const credits = await myCredits(online50);
    expect(credits).toMatchObject({
      accredited: true,
      creditName: 'ECMEC®s',
      minimumPercent: 80,
      issue: 'end',
      earnedCredits: 0,
      availableAt: new Date(workshopEnd).toISOString(),
      certificates: [],
    });
    // The break earns nothing and is not listed.
    expect(credits.sessions.map((s) => [s.title, s.credits, s.minutesPresent, s.earned])).toEqual([
      ['Keynote: ctDNA after resection', 1, null, false],
      ['Panel: EGFR beyond progression', 0.75, null, false],
      ['Workshop: pragmatic trial design', 1.5, null, false],
    ]);
    const early = await certificate(online50);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ type: expect.stringMatching(/certificate-not-ready$/) });
  });

  it('earns a session’s credits for 50 of its 60 minutes in the live room at the rule of 80 %, not for 40', async () => {
    // Everyone in the keynote's room at once, by real sockets; the clock moves as they leave.
    clock.set(new Date(keynoteStart));
    const rooms = new Map<Person, WebSocket>();
    for (const person of [online50, online40, seoyeon]) rooms.set(person, await enter(sessions.keynote, person));
    clock.set(new Date(keynoteStart + 40 * MINUTES));
    await leave(rooms.get(online40) as WebSocket, online40);
    clock.set(new Date(keynoteStart + 50 * MINUTES));
    await leave(rooms.get(online50) as WebSocket, online50);
    clock.set(new Date(keynoteStart + 60 * MINUTES));
    await leave(rooms.get(seoyeon) as WebSocket, seoyeon);

    const fifty = (await myCredits(online50)).sessions[0];
    const forty = (await myCredits(online40)).sessions[0];
    expect(fifty).toMatchObject({ minutesPresent: 50, checkedIn: false, earned: true });
    expect(forty).toMatchObject({ minutesPresent: 40, checkedIn: false, earned: false });
    expect((await myCredits(online50)).earnedCredits).toBe(1);
  });

  it('earns the credits of the sessions of the day an in-person attendee was checked in, and only those', async () => {
    clock.set(new Date(at('2031-03-04', '08:30')));
    const checkIn = await send('POST', `/api/summits/${summit.id}/check-in`, { code: inPersonCode });
    expect(checkIn.statusCode, checkIn.body).toBe(200);
    // Seoyeon follows the panel and the workshop online, from start to end.
    await attend(sessions.panel, seoyeon, 0, 45);
    await attend(sessions.workshop, seoyeon, -5, 95);
    clock.set(new Date(workshopEnd - 1));
    const credits = await myCredits(inPerson);
    expect(credits.sessions.map((s) => [s.checkedIn, s.earned])).toEqual([
      [true, true],
      [true, true],
      [false, false],
    ]);
    expect(credits.earnedCredits).toBe(1.75);
    expect((await myCredits(seoyeon)).earnedCredits).toBe(3.25);
    // A minute before the last accredited session ends, nobody's certificate is ready.
    expect((await certificate(inPerson)).statusCode).toBe(409);
  });

  it('mails each member who earned credits that their certificate is ready, in their language, once', async () => {
    clock.set(new Date(workshopEnd + MINUTES));
    expect((await t.app.reminders.runDue()).done).toBeGreaterThanOrEqual(1);
    // Sign-in links and reminders arrive at the same server: the certificates' mail is told by its subject.
    const ready = (person: Person) =>
      smtp.messages.filter(
        (mail) =>
          /certificate is ready|증명서가 준비/.test(mail.subject ?? '') &&
          [mail.to].flat().some((to) => to?.value.some((address) => address.address === person.email)),
      );
    const laia = await eventually(() => ready(online50)[0]);
    const korean = await eventually(() => ready(seoyeon)[0]);
    const elodie = await eventually(() => ready(inPerson)[0]);
    expect(laia.subject).toBe('Your certificate is ready: Hybrid Spring Summit 2031');
    expect(laia.text).toContain('You earned 1 ECMEC®s at Hybrid Spring Summit 2031.');
    expect(laia.text).toContain(`${t.config.publicUrl.origin}/me/registrations`);
    expect(laia.text).toContain(`${t.config.publicUrl.origin}/api/summits/${summit.id}/certificate`);
    expect(korean.subject).toBe('참석 증명서가 준비되었습니다: 하이브리드 봄 서밋 2031');
    expect(korean.text).toContain('3.25');
    expect(elodie.text).toContain('1.75');
    // Nobody who earned nothing hears of it, and the scheduler's next passes send nothing again.
    await t.app.reminders.runDue();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ready(online40)).toHaveLength(0);
    expect([ready(online50), ready(seoyeon), ready(inPerson)].map((mails) => mails.length)).toEqual([1, 1, 1]);
  });

  it('issues the certificate on the first download, and the same one after', async () => {
    const first = await certificate(online50);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(first.headers['content-disposition']).toMatch(/^attachment; filename="certificate-[0-9A-Z-]+\.pdf"$/);
    expect(first.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const [issued] = (await myCredits(online50)).certificates;
    expect(issued).toMatchObject({ day: null, hours: 1 });
    expect(issued?.code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect((await certificate(online50)).statusCode).toBe(200);
    expect((await myCredits(online50)).certificates).toEqual([issued]);
  });

  it('refuses a certificate to a member who earned no credits (404), and asks a day of no summit issuing daily', async () => {
    const none = await certificate(online40);
    expect(none.statusCode).toBe(404);
    expect(none.json()).toMatchObject({ status: 404, type: expect.stringMatching(/no-certificate$/) });
    expect((await certificate(online50, '?day=2031-03-04')).statusCode).toBe(400);
    expect((await certificate(online50, '?day=4-3-2031')).statusCode).toBe(400);
  });

  it('prints a Hangul name, every accredited session attended and the right total, read back with pdftotext', async () => {
    const response = await certificate(seoyeon);
    expect(response.statusCode, response.body).toBe(200);
    const path = join(t.dir, 'seoyeon.pdf');
    writeFileSync(path, response.rawPayload);
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', path, '-']);
    const text = stdout.replace(/\s+/g, ' ');
    expect(text).toContain('김서연');
    expect(text).toContain('하이브리드 봄 서밋 2031');
    for (const session of [sessions.keynote, sessions.panel, sessions.workshop]) expect(text).toContain(session.title);
    expect(text).not.toContain('Coffee');
    expect(text).toContain('3.25');
    const [issued] = (await myCredits(seoyeon)).certificates;
    expect(text.replace(/\s/g, '')).toContain((issued?.code ?? 'no code').replace(/\s/g, ''));
  });

  it('lets anyone verify a code, without the holder’s e-mail address', async () => {
    const code = (await myCredits(seoyeon)).certificates[0]?.code ?? '';
    const response = await verify(code);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      valid: true,
      status: 'valid',
      name: '김서연',
      summit: '하이브리드 봄 서밋 2031',
      hours: 3.25,
      creditName: 'ECMEC®s',
      issuedAt: new Date(workshopEnd + MINUTES).toISOString(),
      day: null,
      startDate: '2031-03-04',
      endDate: '2031-03-05',
      revokedAt: null,
      replacedBy: null,
    } satisfies CertificateVerification);
    expect(response.body).not.toContain('@');
    expect(response.body).not.toContain(seoyeon.email);
    // Typed as people type it: lower case, without dashes.
    expect((await verify(code.toLowerCase().replaceAll('-', ''))).json()).toMatchObject({ valid: true });
    const unknown = await verify('0000-0000-0000-0000-0000-0000-0000');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/problem\+json/);
    expect((await verify('short')).statusCode).toBe(400);
    expect((await verify('not a code at all, with spaces')).statusCode).toBe(400);
  });

  it('revokes a certificate issued in error: its verification says so, and its holder gets no other', async () => {
    expect((await certificate(inPerson)).statusCode).toBe(200);
    const code = (await myCredits(inPerson)).certificates[0]?.code ?? '';
    const cookie = await organiser();
    expect((await send('POST', `/api/certificates/${code}/revoke`, { reason: '' }, cookie)).statusCode).toBe(400);
    expect((await send('POST', `/api/certificates/${code}/revoke`, {}, cookie)).statusCode).toBe(400);
    const byMember = await send(
      'POST',
      `/api/certificates/${code}/revoke`,
      { reason: 'mine' },
      await cookieOf(inPerson),
    );
    expect(byMember.statusCode).toBe(403);

    clock.advance(5 * MINUTES);
    const revoked = await send('POST', `/api/certificates/${code}/revoke`, { reason: 'Checked in by mistake' }, cookie);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ valid: false, status: 'revoked', revokedAt: clock.now().toISOString() });
    expect((await verify(code)).json()).toMatchObject({ valid: false, status: 'revoked', name: 'Élodie Marchand' });
    const again = await send('POST', `/api/certificates/${code}/revoke`, { reason: 'twice' }, cookie);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ type: expect.stringMatching(/certificate-not-valid$/) });
    expect((await certificate(inPerson)).statusCode).toBe(404);
    expect((await myCredits(inPerson)).certificates).toEqual([]);
  });

  it('re-issues a certificate after a correction: the old code shows it was replaced, and by which', async () => {
    const old = (await myCredits(online50)).certificates[0]?.code ?? '';
    await t.app.db.unit(async () =>
      t.app.db.q.update(tables.members).set({ name: 'Laia Puig i Serra' }).where(eq(tables.members.id, online50.id)),
    );
    clock.advance(MINUTES);
    const reissued = await send('POST', `/api/summits/${summit.id}/certificates/${online50.id}/reissue`, {});
    expect(reissued.statusCode, reissued.body).toBe(200);
    const renewed = reissued.json() as CertificateVerification;
    expect(renewed).toMatchObject({ valid: true, status: 'valid', name: 'Laia Puig i Serra', hours: 1 });
    const [current] = (await myCredits(online50)).certificates;
    expect(current?.code).not.toBe(old);
    expect((await verify(old)).json()).toMatchObject({
      valid: false,
      status: 'replaced',
      name: 'Laia Puig',
      replacedBy: current?.code,
    });
    expect((await verify(current?.code ?? '')).json()).toEqual(renewed);
    // A revoked certificate can be issued again too, after its correction; nobody's when nothing was earned.
    const inPersonAgain = await send('POST', `/api/summits/${summit.id}/certificates/${inPerson.id}/reissue`, {});
    expect(inPersonAgain.json()).toMatchObject({ valid: true, hours: 1.75 });
    const nothing = await send('POST', `/api/summits/${summit.id}/certificates/${online40.id}/reissue`, {});
    expect(nothing.statusCode).toBe(404);
    const byMember = await send(
      'POST',
      `/api/summits/${summit.id}/certificates/${online40.id}/reissue`,
      {},
      await cookieOf(online40),
    );
    expect(byMember.statusCode).toBe(403);
  });

  it('reports who earned how many hours to organisers, with their certificates, as JSON and CSV', async () => {
    const response = await get(`/api/summits/${summit.id}/credits`);
    expect(response.statusCode).toBe(200);
    const report = response.json() as CreditsReport;
    expect(report.sessions.map((s) => s.credits)).toEqual([1, 0.75, 1.5]);
    const rows = new Map(report.rows.map((row) => [row.memberId, row]));
    expect(rows.get(online50.id)).toMatchObject({
      earnedCredits: 1,
      mode: 'virtual',
      certificate: { status: 'valid' },
    });
    expect(rows.get(online40.id)).toMatchObject({ earnedCredits: 0, certificate: null });
    expect(rows.get(online40.id)?.sessions[0]).toMatchObject({ minutesPresent: 40, earned: false });
    expect(rows.get(inPerson.id)).toMatchObject({
      earnedCredits: 1.75,
      mode: 'in_person',
      institution: 'Test Cancer Centre',
    });
    expect(rows.get(seoyeon.id)).toMatchObject({ earnedCredits: 3.25, evaluationSubmitted: false });

    const csv = await get(`/api/summits/${summit.id}/credits.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body).toContain('김서연');
    expect(csv.body).toContain('total (ECMEC®s)');
    expect(csv.body.split('\n').find((line) => line.startsWith('Tom Becker'))).toContain(',0,no,,');

    for (const url of [`/api/summits/${summit.id}/credits`, `/api/summits/${summit.id}/credits.csv`]) {
      expect((await get(url, await cookieOf(online50))).statusCode).toBe(403);
      expect((await get(url, null)).statusCode).toBe(401);
    }
  });

  it('re-issues twice in one chain when a re-issue is sent twice at once: one valid certificate remains', async () => {
    const cookie = await organiser();
    const before = (await myCredits(online50)).certificates[0]?.code ?? '';
    const { repository } = t.app.certificates;
    const certificatesOf = repository.certificatesOf.bind(repository);
    // Both requests read the member's certificates before either issues one, whatever the backend.
    let reads = 0;
    let bothRead = () => {};
    const read = new Promise<void>((resolve) => (bothRead = resolve));
    const spy = vi.spyOn(repository, 'certificatesOf').mockImplementation(async (...args) => {
      const rows = await certificatesOf(...args);
      if (++reads === 2) bothRead();
      await read;
      return rows;
    });
    clock.advance(MINUTES);
    const reissue = () => send('POST', `/api/summits/${summit.id}/certificates/${online50.id}/reissue`, {}, cookie);
    const answers = await Promise.all([reissue(), reissue()]).finally(() => spy.mockRestore());
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200]);

    const rows = await t.app.db.q
      .select()
      .from(tables.certificates)
      .where(eq(tables.certificates.memberId, online50.id));
    const valid = rows.filter((row) => row.status === 'valid').map((row) => row.code);
    expect(valid).toHaveLength(1);
    // The second replaced the one the first issued, as if it had come just after it.
    const replacedBy = new Map(rows.map((row) => [row.code, row.replacedBy]));
    const chain = [before];
    for (let next = replacedBy.get(before); next; next = replacedBy.get(next)) chain.push(next);
    expect(chain).toHaveLength(3);
    expect(chain.at(-1)).toBe(valid[0]);
    expect((await myCredits(online50)).certificates.map((issued) => issued.code)).toEqual(valid);
  });

  it('refuses the second of two revocations at once, saying the certificate is revoked', async () => {
    const cookie = await organiser();
    const code = (await myCredits(seoyeon)).certificates[0]?.code ?? '';
    const revoke = (reason: string) => send('POST', `/api/certificates/${code}/revoke`, { reason }, cookie);
    const { repository } = t.app.certificates;
    const byCode = repository.byCode.bind(repository);
    // Another organiser's revocation commits between this request's reading of the certificate and its own.
    let first: Awaited<ReturnType<typeof revoke>> | undefined;
    const spy = vi.spyOn(repository, 'byCode').mockImplementationOnce(async (read) => {
      const row = await byCode(read);
      first = await revoke('Registered twice');
      return row;
    });
    const second = await revoke('Checked in by mistake').finally(() => spy.mockRestore());
    expect(first?.statusCode).toBe(200);
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({
      type: expect.stringMatching(/certificate-not-valid$/),
      detail: 'This certificate is revoked: only a valid one can be revoked.',
    });
  });

  it('answers bad requests and callers who may not with problems, never a 500', async () => {
    const cookie = await cookieOf(online50);
    const responses = [
      await get('/api/summits/no-such-summit/credits/me', cookie),
      await get('/api/summits/no-such-summit/certificate', cookie),
      await get(`/api/summits/${summit.id}/credits/me`, null),
      await get(`/api/summits/${summit.id}/certificate`, null),
      await get(`/api/summits/bad%20id/credits/me`, cookie),
      await send('POST', `/api/summits/${summit.id}/certificates/no-such-member/reissue`, {}),
      await send('POST', `/api/summits/${summit.id}/certificates/${online50.id}/reissue?day=2031-03-04`, {}),
      await send('POST', '/api/certificates/0000-0000-0000-0000-0000-0000-0000/revoke', { reason: 'typo' }),
    ];
    expect(responses.map((response) => response.statusCode)).toEqual([404, 404, 401, 401, 400, 404, 400, 404]);
    for (const response of responses) expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
