// An announcement in several languages (issue 18): the organiser gives the title and body in the languages they
// want; each registrant is mailed their language's words, else the original, in the same unit of work as the
// announcement; the API carries the translations for the summit page to show the page language's.
import { randomUUID } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import type { Announcement, Language } from '@apoc/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signIn } from '../helpers/auth';
import { tables } from '../helpers/db';
import { createMember, createSummit } from '../helpers/factories';
import { eventually, startSmtpSink, type SmtpSink } from '../helpers/smtp';

const NNBSP = '\u202f';

describe('announcements in several languages', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let organiser: string;
  let summitId: string;
  let people: Record<'korean' | 'english' | 'french', { email: string; name: string; cookie: string }>;

  /** A member holding a confirmed online seat at the summit, who chose `language` on their profile, signed in. */
  async function registrant(language: Language) {
    const member = await createMember(t.app.db, null, `Member ${language}`);
    const now = new Date();
    await t.app.db.unit(async () =>
      t.app.db.q.insert(tables.registrations).values({
        id: randomUUID(),
        summitId,
        memberId: member.id,
        mode: 'virtual',
        status: 'confirmed',
        seatPool: 'pool',
        checkInCode: randomUUID(),
        createdAt: now,
        updatedAt: now,
      }),
    );
    const cookie = await signIn(t, member.email);
    const profile = await t.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: browserHeaders(t.config, cookie),
      payload: { language },
    });
    expect(profile.json()).toMatchObject({ language });
    return { email: member.email, name: member.name, cookie };
  }

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await buildTestApp({ seed: 'demo', fastOutbox: true, env: { SMTP_URL: smtp.url } });
    organiser = await signIn(t, 'organiser@demo.apoc.test');
    summitId = (await createSummit(t.app.db, { title: 'Essen Summit', format: 'virtual', status: 'published' })).id;
    people = { korean: await registrant('ko'), english: await registrant('en'), french: await registrant('fr') };
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  const post = (payload: object) =>
    t.app.inject({
      method: 'POST',
      url: `/api/summits/${summitId}/announcements`,
      headers: browserHeaders(t.config, organiser),
      payload,
    });
  const list = async (cookie: string) =>
    (await t.app.inject({ method: 'GET', url: `/api/summits/${summitId}/announcements`, headers: { cookie } })).json<
      Announcement[]
    >();
  const written = async () => ({
    rows: (await t.app.db.q.select().from(tables.announcements)).length,
    mail: (await t.app.db.q.select().from(tables.outbox).where(eq(tables.outbox.kind, 'announcement'))).length,
  });

  /** The one mail `email` received with this subject, as delivered by SMTP. */
  async function mailTo(email: string, subject: string): Promise<ParsedMail> {
    const mails = await eventually(() => {
      const found = smtp.messages.filter((m) => m.subject === subject && JSON.stringify(m.to).includes(email));
      return found.length > 0 ? found : undefined;
    });
    expect(mails).toHaveLength(1);
    return mails[0] as ParsedMail;
  }

  it('mails a Korean member the Korean words and an English member the original, and keeps the translations', async () => {
    const posted = await post({
      title: 'Room change',
      body: 'The plenary moves to **Hall B**.',
      audience: 'all',
      translations: {
        ko: { title: ' 강의실 변경 ', body: '본회의는 **B홀**로 옮깁니다.\n' },
        de: { title: '   ', body: '' },
        es: { title: 'Cambio de sala' },
      },
    });
    expect(posted.statusCode).toBe(201);
    const expected = {
      ko: { title: '강의실 변경', body: '본회의는 **B홀**로 옮깁니다.' },
      es: { title: 'Cambio de sala' },
    };
    const announcement = posted.json<Announcement>();
    expect(announcement).toMatchObject({ title: 'Room change', recipientCount: 3, translations: expected });

    // Queued with the announcement, one mail each, each subject in its reader's language.
    const queued = await t.app.db.q.select().from(tables.outbox).where(eq(tables.outbox.kind, 'announcement'));
    expect(Object.fromEntries(queued.map((message) => [message.recipient, message.subject]))).toEqual({
      [people.korean.email]: 'Essen Summit: 강의실 변경',
      [people.english.email]: 'Essen Summit: Room change',
      [people.french.email]: `Essen Summit${NNBSP}: Room change`,
    });

    const korean = await mailTo(people.korean.email, 'Essen Summit: 강의실 변경');
    expect(korean.text).toContain('Essen Summit 주최 측이 모든 등록자에게 알립니다:');
    expect(korean.text).toContain('본회의는 B홀로 옮깁니다.');
    expect(korean.html).toContain('<p>본회의는 <strong>B홀</strong>로 옮깁니다.</p>');
    expect(korean.text).not.toContain('Hall B');
    expect(korean.html).toContain('<html lang="ko">');

    // English reads as it always did.
    const english = await mailTo(people.english.email, 'Essen Summit: Room change');
    expect(english.text).toContain(`Dear ${people.english.name},`);
    expect(english.text).toContain('The organisers of Essen Summit write to everyone registered:');
    expect(english.text).toContain('The plenary moves to Hall B.');
    expect(english.text).not.toContain('B홀');

    // No French translation: the original words, in a French mail.
    const french = await mailTo(people.french.email, `Essen Summit${NNBSP}: Room change`);
    expect(french.text).toContain('The plenary moves to Hall B.');
    expect(french.html).toContain('<html lang="fr">');

    // The organisers and the registrants read the translations with the announcement.
    expect((await list(organiser))[0]?.translations).toEqual(expected);
    expect((await list(people.korean.cookie))[0]).toEqual(announcement);
  });

  it('refuses bad translations with a problem, and writes or sends nothing', async () => {
    const before = await written();
    const valid = { title: 'Visa letters', body: 'Ask the desk for your letter.', audience: 'all' };
    const bad: [string, object][] = [
      ['an unknown language', { it: { title: 'Lettere per il visto' } }],
      ['an unknown field', { fr: { subject: 'Lettres de visa' } }],
      ['a title that is too long', { ko: { title: '가'.repeat(151) } }],
      ['a title of two lines', { de: { title: 'Visum-\nBriefe' } }],
      ['a body that is too long', { es: { body: 'x'.repeat(5001) } }],
      ['a text that is not one', { fr: { title: 42 } }],
      ['a language without words', { ko: '비자 서류' }],
    ];
    for (const [what, translations] of bad) {
      const response = await post({ ...valid, translations });
      expect({ what, status: response.statusCode }).toEqual({ what, status: 400 });
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect(await written()).toEqual(before);

    // The longest texts pass.
    const longest = await post({ ...valid, translations: { ko: { title: '가'.repeat(150), body: 'y'.repeat(5000) } } });
    expect(longest.statusCode).toBe(201);
  });
});
