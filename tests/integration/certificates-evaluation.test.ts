import { randomUUID } from 'node:crypto';
import {
  zonedInstant,
  type EvaluationForm,
  type EvaluationResults,
  type MyCredits,
  type SessionDetail,
  type SummitDetail,
} from '@apoc/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signedIn, signIn } from '../helpers/auth';
import { TestClock } from '../helpers/clock';
import { tables } from '../helpers/db';
import { createInstitution, createMember } from '../helpers/factories';

// The evaluation that an accreditation may require before the certificate, and certificates issued per day. A
// virtual summit of our own in Seoul on 12 and 13 May 2031 whose accreditation requires the evaluation and issues
// a certificate per day; presence in the live room is recorded as the live module records it (its intervals),
// the clock moved by hand.

const MINUTES = 60_000;
const zone = 'Asia/Seoul';
const at = (date: string, time: string) => zonedInstant(date, time, zone).getTime();
const DAY1 = '2031-05-12';
const DAY2 = '2031-05-13';
const QUESTIONS = ['The content was relevant to my practice', 'The speakers were clear'] as const;
const [RELEVANT, CLEAR] = QUESTIONS;

interface Person {
  id: string;
  email: string;
}

describe('the evaluation before the certificate, and certificates per day', () => {
  const clock = new TestClock(new Date('2031-04-20T01:00:00Z'));
  let t: TestApp;
  let staffEmail: string;
  let summit: SummitDetail;
  let plain: SummitDetail;
  const sessions: SessionDetail[] = [];
  let ana: Person;
  let ben: Person;
  let outsider: Person;

  const cookieOf = async (person: Person | string) => signedIn(t, typeof person === 'string' ? person : person.email);
  const organiser = () => cookieOf(staffEmail);
  const send = async (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: unknown, cookie?: string) =>
    t.app.inject({
      method,
      url,
      headers: {
        ...browserHeaders(t.config, cookie ?? (await organiser())),
        // A string is sent as it is, as JSON that cannot be read.
        ...(typeof payload === 'string' ? { 'content-type': 'application/json' } : {}),
      },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const get = async (url: string, cookie?: string | null) =>
    t.app.inject({ method: 'GET', url, headers: cookie === null ? {} : { cookie: cookie ?? (await organiser()) } });
  const evaluate = async (person: Person, answer: unknown, summitId = summit.id) =>
    send('PUT', `/api/summits/${summitId}/evaluation`, answer, await cookieOf(person));
  const form = async (person: Person) => get(`/api/summits/${summit.id}/evaluation`, await cookieOf(person));
  const certificate = async (person: Person, day?: string) =>
    get(`/api/summits/${summit.id}/certificate${day ? `?day=${day}` : ''}`, await cookieOf(person));
  const myCredits = async (person: Person, summitId = summit.id) =>
    (await get(`/api/summits/${summitId}/credits/me`, await cookieOf(person))).json() as MyCredits;
  const slug = (response: { json(): unknown }) => ((response.json() as { type?: string }).type ?? '').split('/').pop();

  /** Presence in a session's live room, as the live module records it when a member comes and goes. */
  async function present(person: Person, session: SessionDetail, fromMinute: number, toMinute: number) {
    const start = Date.parse(session.startsAt ?? '');
    await t.app.db.unit(async () =>
      t.app.db.q.insert(tables.livePresence).values({
        id: randomUUID(),
        sessionId: session.id,
        memberId: person.id,
        joinedAt: new Date(start + fromMinute * MINUTES),
        leftAt: new Date(start + toMinute * MINUTES),
        seenAt: new Date(start + toMinute * MINUTES),
      }),
    );
  }

  async function registered(name: string, institutionId: string, summitId: string): Promise<Person> {
    const row = await createMember(t.app.db, institutionId, name);
    for (const id of [summitId, plain.id]) {
      const response = await send(
        'POST',
        `/api/summits/${id}/registrations`,
        { mode: 'virtual' },
        await cookieOf(row.email),
      );
      expect(response.json()).toMatchObject({ status: 'confirmed' });
    }
    return { id: row.id, email: row.email };
  }

  beforeAll(async () => {
    t = await buildTestApp({ clock: clock.now });
    const institution = await createInstitution(t.app.db, zone);
    const staff = await createMember(t.app.db, null, 'Olga Organiser');
    await t.app.db.unit(async () =>
      t.app.db.q.update(tables.members).set({ role: 'organiser' }).where(eq(tables.members.id, staff.id)),
    );
    staffEmail = staff.email;
    const create = async (title: string) =>
      (
        await send('POST', '/api/summits', {
          title,
          format: 'virtual',
          timeZone: zone,
          startDate: DAY1,
          endDate: DAY2,
          seats: { virtual: 100 },
        })
      ).json() as SummitDetail;
    summit = await create('Virtual Summit on Gastric Cancer 2031');
    plain = await create('Network Meeting 2031');
    for (const [title, day, time, minutes, credits] of [
      ['Perioperative FLOT', DAY1, '10:00', 60, 1],
      ['HER2 in gastric cancer', DAY1, '11:30', 30, 0.5],
      ['Claudin 18.2', DAY2, '10:00', 60, 1],
    ] as const) {
      const start = at(day, time);
      const response = await send('POST', `/api/summits/${summit.id}/sessions`, {
        title,
        kind: 'plenary',
        credits,
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + minutes * MINUTES).toISOString(),
      });
      expect(response.statusCode, response.body).toBe(201);
      sessions.push(response.json() as SessionDetail);
    }
    await send('POST', `/api/summits/${plain.id}/sessions`, {
      title: 'Network business',
      kind: 'plenary',
      startsAt: new Date(at(DAY1, '09:00')).toISOString(),
      endsAt: new Date(at(DAY1, '09:30')).toISOString(),
    });
    const accredited = await send('PATCH', `/api/summits/${summit.id}`, {
      accreditation: {
        statement: 'Accredited by the Korean Medical Association for 2.5 credits.',
        creditName: 'KMA credits',
        signatoryName: 'Dr Min-jun Lee',
        signatoryTitle: 'Programme director',
        minimumPercent: 75,
        issue: 'daily',
        evaluation: { required: true, questions: [...QUESTIONS] },
      },
    });
    expect(accredited.statusCode, accredited.body).toBe(200);
    for (const id of [summit.id, plain.id]) {
      expect((await send('POST', `/api/summits/${id}/publish`, {})).statusCode).toBe(200);
    }
    ana = await registered('Ana García', institution.id, summit.id);
    ben = await registered('Ben Okafor', institution.id, summit.id);
    outsider = { id: '', email: (await createMember(t.app.db, institution.id, 'Nora Outsider')).email };
    expect((await send('PATCH', '/api/me', { language: 'es' }, await cookieOf(ana))).statusCode).toBe(200);
  });

  afterAll(async () => t.close());

  it('shows the form before the summit but refuses answers until its first session starts', async () => {
    const before = await form(ana);
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({
      required: true,
      questions: [...QUESTIONS],
      sessions: [],
      submitted: null,
      opensAt: sessions[0]?.startsAt ?? null,
    } satisfies EvaluationForm);
    const early = await evaluate(ana, { ratings: [5, 5], sessionRatings: {}, comment: '' });
    expect(early.statusCode).toBe(409);
    expect(slug(early)).toBe('evaluation-closed');
  });

  it('refuses the evaluation to a member with no registration, and to anonymous callers', async () => {
    const refused = await form(outsider);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect((await evaluate(outsider, { ratings: [5, 5], sessionRatings: {}, comment: '' })).statusCode).toBe(403);
    expect((await get(`/api/summits/${summit.id}/evaluation`, null)).statusCode).toBe(401);
  });

  it('asks for the evaluation before releasing a day’s certificate, by mail in the member’s language', async () => {
    await present(ana, sessions[0] as SessionDetail, -5, 50);
    await present(ana, sessions[1] as SessionDetail, 0, 30);
    await present(ben, sessions[0] as SessionDetail, 0, 44);
    await present(ben, sessions[2] as SessionDetail, 0, 60);
    clock.set(new Date(at(DAY1, '12:00') + MINUTES));
    const credits = await myCredits(ana);
    expect(credits).toMatchObject({
      issue: 'daily',
      earnedCredits: 1.5,
      evaluation: { required: true, submitted: false },
    });
    expect(credits.days).toEqual([
      { day: DAY1, earnedCredits: 1.5, availableAt: new Date(at(DAY1, '12:00')).toISOString() },
      { day: DAY2, earnedCredits: 0, availableAt: new Date(at(DAY2, '11:00')).toISOString() },
    ]);
    expect(credits.availableAt).toBe(new Date(at(DAY1, '12:00')).toISOString());

    const gated = await certificate(ana, DAY1);
    expect(gated.statusCode).toBe(409);
    expect(slug(gated)).toBe('evaluation-required');
    // Without a day: the first day she earned credits on.
    expect(slug(await certificate(ana))).toBe('evaluation-required');

    await t.app.reminders.runDue();
    const mail = (await t.app.outbox.repository.list(undefined, 100)).filter(
      (m) => m.kind === 'certificate-evaluation',
    );
    const hers = mail.find((m) => m.recipient === ana.email);
    expect(hers?.subject).toBe(
      'Complete la evaluación para recibir su certificado: Virtual Summit on Gastric Cancer 2031',
    );
    expect(hers?.text).toContain('Obtuvo 1,5 KMA credits');
    expect(hers?.text).toContain(`${t.config.publicUrl.origin}/summits/${summit.id}/evaluation`);
    // Ben was there for 44 of the first hour's 60 minutes, one short of the rule's 75 %: nothing that day.
    expect(mail.find((m) => m.recipient === ben.email)).toBeUndefined();
  });

  it('lists the sessions a member attended to rate, and refuses answers that do not fit the form', async () => {
    const open = (await form(ana)).json() as EvaluationForm;
    expect(open.sessions.map((s) => s.title)).toEqual(['Perioperative FLOT', 'HER2 in gastric cancer']);
    const [first, second, third] = sessions.map((s) => s.id) as [string, string, string];
    for (const answer of [
      { ratings: [5], sessionRatings: {}, comment: '' },
      { ratings: [5, 4, 3], sessionRatings: {}, comment: '' },
      { ratings: [6, 4], sessionRatings: {}, comment: '' },
      { ratings: [0, 4], sessionRatings: {}, comment: '' },
      { ratings: [4.5, 4], sessionRatings: {}, comment: '' },
      { ratings: [5, 4], sessionRatings: { [third]: 4 }, comment: '' },
      { ratings: [5, 4], sessionRatings: { [first]: 9 }, comment: '' },
      { ratings: [5, 4], sessionRatings: {}, comment: 'x'.repeat(4001) },
      { ratings: [5, 4], sessionRatings: {}, comment: '', extra: true },
      { ratings: [5, 4], sessionRatings: {} },
      '{"ratings": [5, 4], not json at all',
    ]) {
      const refused = await evaluate(ana, answer);
      expect({ answer, status: refused.statusCode }).toEqual({ answer, status: 400 });
      expect(refused.headers['content-type']).toMatch(/problem\+json/);
    }
    const accepted = await evaluate(ana, {
      ratings: [5, 4],
      sessionRatings: { [first]: 5, [second]: 3 },
      comment: '  Muy útil para mi práctica.  ',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((accepted.json() as EvaluationForm).submitted).toEqual({
      ratings: [5, 4],
      sessionRatings: { [first]: 5, [second]: 3 },
      comment: 'Muy útil para mi práctica.',
      submittedAt: clock.now().toISOString(),
    });
    const again = await evaluate(ana, { ratings: [1, 1], sessionRatings: {}, comment: '' });
    expect(again.statusCode).toBe(409);
    expect(slug(again)).toBe('evaluation-submitted');
    expect((await myCredits(ana)).evaluation).toEqual({ required: true, submitted: true });
  });

  it('issues one certificate per day once the evaluation is in, each when its day’s last session has ended', async () => {
    const day1 = await certificate(ana, DAY1);
    expect(day1.statusCode, day1.body).toBe(200);
    expect(day1.headers['content-type']).toBe('application/pdf');
    expect((await myCredits(ana)).certificates).toEqual([
      { code: expect.any(String), day: DAY1, hours: 1.5, issuedAt: clock.now().toISOString() },
    ]);
    // The second day's is not ready before its last session ends, and she earned nothing that day.
    expect(slug(await certificate(ana, DAY2))).toBe('certificate-not-ready');
    expect(slug(await certificate(ana, '2031-05-14'))).toBe('no-certificate');
    clock.set(new Date(at(DAY2, '11:00')));
    expect((await certificate(ana, DAY2)).statusCode).toBe(404);

    // Ben earned the second day's; the day's mail asks him for the evaluation, and his answer releases it.
    await t.app.reminders.runDue();
    const bens = (await t.app.outbox.repository.list(undefined, 100)).filter((m) => m.recipient === ben.email);
    expect(bens.map((m) => m.kind)).toContain('certificate-evaluation');
    expect(slug(await certificate(ben))).toBe('evaluation-required');
    const [first, , third] = sessions.map((s) => s.id) as [string, string, string];
    expect(
      (await evaluate(ben, { ratings: [3, 2], sessionRatings: { [first]: 4, [third]: 5 }, comment: '' })).statusCode,
    ).toBe(200);
    expect((await certificate(ben)).statusCode).toBe(200);
    expect((await myCredits(ben)).certificates).toMatchObject([{ day: DAY2, hours: 1 }]);
  });

  it('shows organisers the answers aggregated, without names, as JSON and CSV', async () => {
    const response = await get(`/api/summits/${summit.id}/evaluation/results`);
    expect(response.statusCode).toBe(200);
    const [first, second, third] = sessions.map((s) => s.id) as [string, string, string];
    expect(response.json()).toEqual({
      responses: 2,
      questions: [
        { text: RELEVANT, responses: 2, average: 4, counts: [0, 0, 1, 0, 1] },
        { text: CLEAR, responses: 2, average: 3, counts: [0, 1, 0, 1, 0] },
      ],
      sessions: [
        { sessionId: first, title: 'Perioperative FLOT', responses: 2, average: 4.5 },
        { sessionId: second, title: 'HER2 in gastric cancer', responses: 1, average: 3 },
        { sessionId: third, title: 'Claudin 18.2', responses: 1, average: 5 },
      ],
      comments: ['Muy útil para mi práctica.'],
    } satisfies EvaluationResults);
    expect(response.body).not.toContain('Ana');
    expect(response.body).not.toContain(ana.id);

    const csv = await get(`/api/summits/${summit.id}/evaluation.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain(`evaluation-${summit.id}.csv`);
    expect(csv.body).toContain(`question,${RELEVANT},2,4,0,0,1,0,1`);
    expect(csv.body).toContain('comment,Muy útil para mi práctica.');

    for (const url of [`/api/summits/${summit.id}/evaluation/results`, `/api/summits/${summit.id}/evaluation.csv`]) {
      expect((await get(url, await cookieOf(ana))).statusCode).toBe(403);
      expect((await get(url, null)).statusCode).toBe(401);
    }
  });

  it('says a summit without accreditation awards nothing: no credits, evaluation or certificate', async () => {
    expect(await myCredits(ana, plain.id)).toMatchObject({ accredited: false, creditName: null, sessions: [] });
    const noCertificate = await get(`/api/summits/${plain.id}/certificate`, await cookieOf(ana));
    expect(noCertificate.statusCode).toBe(404);
    expect(slug(noCertificate)).toBe('no-certificate');
    for (const response of [
      await get(`/api/summits/${plain.id}/evaluation`, await cookieOf(ana)),
      await evaluate(ana, { ratings: [], sessionRatings: {}, comment: '' }, plain.id),
      await get(`/api/summits/${plain.id}/credits`),
      await get(`/api/summits/${plain.id}/evaluation/results`),
    ]) {
      expect(response.statusCode).toBe(409);
      expect(slug(response)).toBe('not-accredited');
    }
  });

  it('exports a member’s certificates and evaluation, and erasure removes the evaluation and the name', async () => {
    const cookie = await signIn(t, ana.email);
    const exported = await get('/api/me/export', cookie);
    expect(exported.statusCode).toBe(200);
    const data = (exported.json() as { data: Record<string, unknown[]> }).data;
    const [code] = (await myCredits(ana)).certificates.map((c) => c.code);
    expect(data.certificates).toEqual([
      expect.objectContaining({ code, summitId: summit.id, day: DAY1, hours: 1.5, status: 'valid' }),
    ]);
    expect(data.evaluations).toEqual([
      expect.objectContaining({ summitId: summit.id, ratings: [5, 4], comment: 'Muy útil para mi práctica.' }),
    ]);

    const erased = await t.app.inject({ method: 'DELETE', url: '/api/me', headers: browserHeaders(t.config, cookie) });
    expect(erased.statusCode, erased.body).toBe(204);
    const rows = await t.app.db.q.select().from(tables.evaluations).where(eq(tables.evaluations.memberId, ana.id));
    expect(rows).toEqual([]);
    const verified = await get(`/api/certificates/${code}`, null);
    expect(verified.json()).toMatchObject({ valid: true, name: 'A former member', hours: 1.5 });
    const results = (await get(`/api/summits/${summit.id}/evaluation/results`)).json() as EvaluationResults;
    expect(results).toMatchObject({ responses: 1, comments: [] });
  });
});
