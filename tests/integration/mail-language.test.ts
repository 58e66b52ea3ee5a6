import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { formatDay, formatMoment, formatTime, localDate, type Registration, type SummitDetail } from '@apoc/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { requestSignInToken, signIn } from '../helpers/auth';
import { DAYS, HOURS, TestClock } from '../helpers/clock';
import { first, tables } from '../helpers/db';
import { demoSummitIds } from '../helpers/demo';
import { createInstitution, createMember } from '../helpers/factories';
import { eventually, startSmtpSink, type SmtpSink } from '../helpers/smtp';

// Everything the platform sends is written in the recipient's language (issue 18): the words of the mail and of
// a member's own calendar feed, and the dates and times, in the member's zone, as their language writes them.
// Titles stay as organisers wrote them, and English mail is unchanged (the other mail tests read it).

// ical.js knows RFC 5545's properties only: read NAME (RFC 7986) and X-WR-CALNAME as the TEXT they are.
ICAL.design.icalendar.property['name'] = { defaultType: 'text' };
ICAL.design.icalendar.property['x-wr-calname'] = { defaultType: 'text' };

const NNBSP = '\u202f';

describe('mail and personal feeds in the recipient’s language', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  const clock = new TestClock();
  let nextVirtual: string;
  let people = 0;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await buildTestApp({ seed: 'demo', clock: clock.now, fastOutbox: true, env: { SMTP_URL: smtp.url } });
    ({ nextVirtual } = await demoSummitIds(t.app.db));
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  const send = (cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: browserHeaders(t.config, cookie), ...(payload ? { payload } : {}) });

  /** A member in `zone` who chose `language` on their profile (and every reminder), signed in. */
  async function member(language: 'en' | 'fr' | 'de' | 'es' | 'ko', zone: string) {
    const institution = await createInstitution(t.app.db, zone);
    const { email, name } = await createMember(t.app.db, institution.id, `Member ${language} ${++people}`);
    const cookie = await signIn(t, email);
    const profile = await send(cookie, 'PATCH', '/api/me', { language, reminders: 'all' });
    expect(profile.json()).toMatchObject({ language, reminders: 'all' });
    return { email, name, cookie };
  }

  /** The one mail `email` received with this subject, as delivered by SMTP. */
  async function mailTo(email: string, subject: string): Promise<ParsedMail> {
    const mails = await eventually(() => {
      const found = smtp.messages.filter((m) => m.subject === subject && JSON.stringify(m.to).includes(email));
      return found.length > 0 ? found : undefined;
    });
    expect(mails).toHaveLength(1);
    return mails[0] as ParsedMail;
  }

  /** A summit's title as its organisers wrote it. */
  const titleOf = async (summitId: string) =>
    (await first(t.app.db.q.select().from(tables.summits).where(eq(tables.summits.id, summitId))))?.title ?? '';

  const summitDetail = async (summitId: string) =>
    (await t.app.inject({ method: 'GET', url: `/api/summits/${summitId}` })).json<SummitDetail>();

  /** "Tue 19 Jan 2027, 21:00 (Seoul)" as Korean writes it, in the member's zone and in the summit's. */
  const koreanBothZones = (instant: Date, memberZone: string, summitZone: string) =>
    `${formatMoment(instant, memberZone, 'ko')}(서밋 현지 시간 ${formatMoment(instant, summitZone, 'ko')})`;

  it('sends a Korean member their sign-in link in Korean', async () => {
    const korean = await member('ko', 'Asia/Seoul');
    await requestSignInToken(t, korean.email);
    const mail = await mailTo(korean.email, 'APoC Summits 로그인 링크');
    expect(mail.text).toContain(`${korean.name} 님, 안녕하세요.`);
    expect(mail.text).toContain('아래 버튼을 눌러 APoC Summits에 로그인해 주세요.');
    expect(mail.text).toMatch(/[?&]token=/);
    expect(mail.html).toContain('<html lang="ko">');
    expect(mail.html).toContain('버튼이 작동하지 않으면');
  });

  it('confirms a Korean member’s registration in Korean, with the start in their zone and the summit’s, and a Korean invitation', async () => {
    const korean = await member('ko', 'Asia/Seoul');
    const english = await member('en', 'Asia/Seoul');
    const title = await titleOf(nextVirtual);
    const summit = await summitDetail(nextVirtual);
    for (const person of [korean, english]) {
      const registered = await send(person.cookie, 'POST', `/api/summits/${nextVirtual}/registrations`, {
        mode: 'virtual',
      });
      expect(registered.json()).toMatchObject({ status: 'confirmed' });
    }

    const mail = await mailTo(korean.email, `등록 확정: ${title}`);
    const start = new Date(summit.firstSessionStartsAt ?? '');
    expect(mail.text).toContain(`${title}(온라인) 등록이 확정되었습니다.`);
    expect(mail.text).toContain(`서밋은 ${koreanBothZones(start, 'Asia/Seoul', summit.timeZone)}에 시작합니다.`);
    expect(mail.text).toContain('내 등록 보기:');
    expect(mail.html).toContain('<html lang="ko">');

    // The invitation's own words are Korean too; the sessions' titles stay as written.
    const part = mail.attachments.find((attachment) => attachment.filename === 'invite.ics');
    const invitation = new ICAL.Component(ICAL.parse(part?.content.toString('utf8') ?? ''));
    const events = invitation.getAllSubcomponents('vevent');
    expect(events.length).toBeGreaterThan(0);
    expect(events.map((event) => event.getFirstPropertyValue('location'))).toEqual(events.map(() => '온라인'));
    const descriptions = events.map((event) => String(event.getFirstPropertyValue('description')));
    expect(descriptions.every((description) => description.includes(`${title}: http`))).toBe(true);
    expect(descriptions.some((description) => description.includes('연자: '))).toBe(true);
    expect(descriptions.some((description) => description.includes('Speakers: '))).toBe(false);
    // A break says whose it is: "Coffee break · <summit>".
    const titles = new Set(summit.sessions.flatMap((session) => [session.title, `${session.title} · ${title}`]));
    expect(events.every((event) => titles.has(String(event.getFirstPropertyValue('summary'))))).toBe(true);

    // Someone who reads English still gets the mail as it always was.
    const unchanged = await mailTo(english.email, `Registration confirmed: ${title}`);
    expect(unchanged.text).toContain(`Your registration for ${title} (online) is confirmed.`);
    expect(unchanged.text).toContain(
      `It starts ${formatMoment(start, 'Asia/Seoul', 'en-GB')}, which is ${formatMoment(start, summit.timeZone, 'en-GB')} summit time.`,
    );
  });

  it('puts a Korean member on the waitlist and offers them a freed seat in Korean, with the deadline in both zones', async () => {
    const organiser = await signIn(t, 'organiser@demo.apoc.test');
    const startDate = localDate(clock.now().getTime() + 60 * DAYS, 'Europe/Berlin');
    const created = await send(organiser, 'POST', '/api/summits', {
      title: 'Essen Sprachgipfel',
      format: 'in_person',
      timeZone: 'Europe/Berlin',
      startDate,
      endDate: startDate,
      venue: { name: 'UK Essen', city: 'Essen' },
      seats: { inPerson: 1 },
    });
    expect(created.statusCode).toBe(201);
    const summit = created.json<SummitDetail>();
    expect((await send(organiser, 'POST', `/api/summits/${summit.id}/publish`, {})).statusCode).toBe(200);

    const english = await member('en', 'Europe/London');
    const korean = await member('ko', 'Asia/Seoul');
    const register = (cookie: string) =>
      send(cookie, 'POST', `/api/summits/${summit.id}/registrations`, { mode: 'in_person' });
    expect((await register(english.cookie)).json()).toMatchObject({ status: 'confirmed' });
    expect((await register(korean.cookie)).json()).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });

    const waitlisted = await mailTo(korean.email, `대기자 명단에 등록되었습니다: ${summit.title}`);
    expect(waitlisted.text).toContain(
      `${summit.title}(현장)의 자리가 모두 찼습니다. 대기자 명단에 1번째로 등록되었습니다.`,
    );

    // The seat holder leaves: the seat is offered to the Korean member, who has until the deadline to answer.
    expect((await send(english.cookie, 'DELETE', `/api/summits/${summit.id}/registrations/me`)).statusCode).toBe(200);
    const offered = (
      await send(korean.cookie, 'GET', `/api/summits/${summit.id}/registrations/me`)
    ).json<Registration>();
    expect(offered.status).toBe('offered');
    const deadline = new Date(offered.offerExpiresAt ?? '');
    const offer = await mailTo(korean.email, `좌석 제안: ${summit.title}`);
    expect(offer.text).toContain(`${summit.title}의 현장 좌석이 생겼으며, 귀하의 대기 순서가 1번입니다.`);
    expect(offer.text).toContain(
      `${koreanBothZones(deadline, 'Asia/Seoul', 'Europe/Berlin')}까지 수락하거나 거절해 주세요.`,
    );
    expect(offer.text).toContain('좌석 수락 또는 거절:');
    // The one who left is told in English.
    const cancelled = await mailTo(english.email, `Registration cancelled: ${summit.title}`);
    expect(cancelled.text).toContain(`Your registration for ${summit.title} is cancelled.`);
  });

  it('writes an announcement’s frame in Spanish for a Spanish member, and its organiser’s words as written', async () => {
    const spanish = await member('es', 'Europe/Madrid');
    await send(spanish.cookie, 'POST', `/api/summits/${nextVirtual}/registrations`, { mode: 'virtual' });
    const organiser = await signIn(t, 'organiser@demo.apoc.test');
    const title = await titleOf(nextVirtual);
    const posted = await send(organiser, 'POST', `/api/summits/${nextVirtual}/announcements`, {
      title: 'Streaming test',
      body: 'Please test your **audio** before the opening.',
      audience: 'virtual',
    });
    expect(posted.statusCode).toBe(201);
    const mail = await mailTo(spanish.email, `${title}: Streaming test`);
    expect(mail.text).toContain(`Hola, ${spanish.name}:`);
    expect(mail.text).toContain(`La organización de ${title} escribe a todas las personas que asisten en línea:`);
    expect(mail.text).toContain('Please test your audio before the opening.');
    expect(mail.text).toMatch(/\n— .+, en nombre de la organización\n/);
    expect(mail.text).toContain(`Recibe este mensaje porque tiene una plaza en ${title}.`);
    expect(mail.html).toContain('<html lang="es">');
  });

  it('tells a German member of agenda changes in German, in their zone, with the calendar update in German', async () => {
    const german = await member('de', 'Europe/Berlin');
    await send(german.cookie, 'POST', `/api/summits/${nextVirtual}/registrations`, { mode: 'virtual' });
    const organiser = await signIn(t, 'organiser@demo.apoc.test');
    const title = await titleOf(nextVirtual);
    const summit = await summitDetail(nextVirtual);
    const session = summit.sessions.find(
      (s) => s.status === 'scheduled' && s.startsAt && s.people.some((person) => person.role === 'speaker'),
    );
    if (!session) throw new Error('the demo’s next virtual summit has a scheduled session with a speaker');
    const before = new Date(session.startsAt ?? '');
    const after = new Date(before.getTime() + HOURS);
    const moved = await send(organiser, 'PATCH', `/api/sessions/${session.id}`, {
      startsAt: after.toISOString(),
      endsAt: new Date(Date.parse(session.endsAt ?? '') + HOURS).toISOString(),
    });
    expect(moved.statusCode).toBe(200);
    expect((await send(organiser, 'POST', `/api/summits/${nextVirtual}/publish`, {})).statusCode).toBe(200);
    // The notice waits a few minutes for further edits.
    clock.advance(6 * 60_000);
    await t.app.reminders.runDue();

    const mail = await mailTo(german.email, `Programmänderungen: ${title}`);
    const when = (instant: Date) =>
      `${formatDay(instant, 'Europe/Berlin', 'de')} ${formatTime(instant, 'Europe/Berlin', 'de')} (Berlin)`;
    expect(mail.text).toContain(
      `Das Programm von ${title} hat sich geändert. Die Zeiten gelten in Ihrer Zeitzone (Europe/Berlin).`,
    );
    expect(mail.text).toContain(`${session.title}: neue Zeit: ${when(before)} → ${when(after)}`);
    expect(mail.text).toContain('Die angehängte Kalenderdatei aktualisiert diese Sitzungen in Ihrem Kalender.');
    const part = mail.attachments.find((attachment) => attachment.filename === 'changes.ics');
    const update = new ICAL.Component(ICAL.parse(part?.content.toString('utf8') ?? ''));
    const event = update.getFirstSubcomponent('vevent');
    expect(event?.getFirstPropertyValue('summary')).toBe(session.title);
    const description = String(event?.getFirstPropertyValue('description'));
    expect(description).toContain('Vortragende: ');
    expect(description).not.toContain('Speakers: ');
  });

  it('reminds a Korean member of a session in Korean, at its start in their zone and the summit’s', async () => {
    const korean = await member('ko', 'Asia/Seoul');
    expect(
      (await send(korean.cookie, 'POST', `/api/summits/${nextVirtual}/registrations`, { mode: 'virtual' })).json(),
    ).toMatchObject({ status: 'confirmed' });
    const title = await titleOf(nextVirtual);
    const summit = await summitDetail(nextVirtual);
    const session = summit.sessions
      .filter((s) => s.kind !== 'break' && s.status === 'scheduled' && s.startsAt)
      .sort((a, b) => Date.parse(a.startsAt ?? '') - Date.parse(b.startsAt ?? ''))[0];
    if (!session) throw new Error('the demo’s next virtual summit has a scheduled session');
    const start = new Date(session.startsAt ?? '');
    const firstStart = new Date(summit.firstSessionStartsAt ?? '');

    // Planned a day ahead. The day-before reminder goes out late, 10 minutes before the summit's first session;
    // the session's reminder, due 15 minutes before it, 10 minutes before.
    clock.set(new Date(firstStart.getTime() - 30 * HOURS));
    await t.app.reminders.plan();
    clock.set(new Date(firstStart.getTime() - 10 * 60_000));
    await t.app.reminders.runDue();
    const day = localDate(clock.now(), 'Asia/Seoul') === localDate(firstStart, 'Asia/Seoul') ? '오늘' : '내일';
    const dayBefore = await mailTo(korean.email, `${day}: ${title}`);
    expect(dayBefore.text).toContain(
      `${title} 일정이 ${koreanBothZones(firstStart, 'Asia/Seoul', summit.timeZone)}에 시작합니다. 아래 시간은 귀하의 시간대(Asia/Seoul) 기준입니다.`,
    );
    clock.set(new Date(start.getTime() - 10 * 60_000));
    await t.app.reminders.runDue();

    const reminder = await mailTo(korean.email, `곧 시작: ${session.title}`);
    expect(reminder.text).toContain(
      `‘${session.title}’(${title}) 세션이 ${koreanBothZones(start, 'Asia/Seoul', summit.timeZone)}에 시작합니다.`,
    );
    expect(reminder.text).toContain('세션 페이지의 참여 버튼은 시작 15분 전에 활성화됩니다.');
    expect(reminder.text).toContain('받을 알림은 프로필 페이지에서 변경할 수 있습니다.');
  });

  it('names a French member’s own feed in French, writes its fixed words in French, and keeps it valid iCalendar', async () => {
    const french = await member('fr', 'Europe/Paris');
    await send(french.cookie, 'POST', `/api/summits/${nextVirtual}/registrations`, { mode: 'virtual' });
    const { url } = (await send(french.cookie, 'POST', '/api/me/calendar/token', {})).json<{ url: string }>();
    const feed = await t.app.inject({ method: 'GET', url: new URL(url).pathname });
    expect(feed.statusCode).toBe(200);

    const calendar = new ICAL.Component(ICAL.parse(feed.body));
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(`APoC Summits${NNBSP}: ${french.name}`);
    expect(calendar.getFirstPropertyValue('name')).toBe(`APoC Summits${NNBSP}: ${french.name}`);
    for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
      ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
    }
    const summit = await summitDetail(nextVirtual);
    const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    expect(events).toHaveLength(summit.sessions.length);
    expect(new Set(events.map((event) => event.location))).toEqual(new Set(['En ligne']));
    expect(events.some((event) => event.description.includes(`Intervenant·es${NNBSP}: `))).toBe(true);
    expect(events.every((event) => event.startDate.zone?.tzid === summit.timeZone)).toBe(true);

    // The summit's public feed is everyone's: it stays English.
    const shared = (await t.app.inject({ method: 'GET', url: `/api/summits/${nextVirtual}/calendar.ics` })).body;
    const publicEvents = new ICAL.Component(ICAL.parse(shared)).getAllSubcomponents('vevent');
    expect(new Set(publicEvents.map((event) => event.getFirstPropertyValue('location')))).toEqual(new Set(['Online']));
  });
});
