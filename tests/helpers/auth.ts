import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from './app';
import { browserHeaders } from './app';
import { DAYS } from './clock';
import { createMember } from './factories';
import { eventually, sinkAt, tokenFromText } from './smtp';

const randomAddress = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;

/**
 * The sign-in links in the outbox (the newest 500 messages), to `email` if given, in the outbox's order. Other mail
 * may be queued beside them (the demo seed's reminders due at the test's hour).
 */
export async function signInMailsTo(t: TestApp, email?: string) {
  const to = email?.toLowerCase();
  return (await t.app.outbox.repository.list(undefined, 500)).filter(
    (m) => m.kind === 'sign-in' && (to === undefined || m.recipient.toLowerCase() === to),
  );
}

/**
 * Asks for a sign-in link and returns its token: from the mail the outbox holds for `email`, or, once the outbox has
 * delivered (and wiped) it, from the test's SMTP server.
 */
export async function requestSignInToken(t: TestApp, email: string): Promise<string> {
  // The mail this request queues is the one not there before (the test's clock may have moved either way).
  const before = new Set((await signInMailsTo(t, email)).map((m) => m.id));
  const sink = sinkAt(t.config.smtpUrl);
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: browserHeaders(t.config),
    payload: { email },
    // Each sign-in from its own address, as from different people's machines, so that tests which sign
    // many people in do not trip the per-IP limit that the rate-limit tests check.
    remoteAddress: randomAddress(),
  });
  expect(response.statusCode).toBe(202);
  // The link is queued just after the answer (so that its timing tells nothing).
  await t.app.auth.settled();
  const mail = (await signInMailsTo(t, email)).find((m) => !before.has(m.id));
  if (!mail) throw new Error(`no sign-in mail for ${email}`);
  if (mail.purgedAt === null) return tokenFromText(mail.text);
  // Delivered already, and a delivered link lives on only in the inbox: read it there, as its member would.
  if (!sink) throw new Error(`the sign-in mail for ${email} was delivered to a server this test did not start`);
  // This mail, by its Message-ID: an earlier link to the same member may arrive meanwhile, voided by this one.
  const delivered = await eventually(() => sink.copiesOf(mail.id)[0]);
  return tokenFromText(delivered.text ?? '');
}

/** Signs `email` in through the real flow and returns the Cookie header to send with later requests. */
export async function signIn(t: TestApp, email: string): Promise<string> {
  const token = await requestSignInToken(t, email);
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/auth/verify',
    headers: browserHeaders(t.config),
    payload: { token },
    remoteAddress: randomAddress(),
  });
  expect(response.statusCode).toBe(200);
  const cookie = response.cookies.find((c) => c.name === 'apoc_session');
  if (!cookie) throw new Error('no session cookie');
  return `${cookie.name}=${cookie.value}`;
}

/** Creates `count` members of an institution through the real schema and signs each in. */
export async function signedInMembers(
  t: TestApp,
  count: number,
  institutionId: string | null,
): Promise<{ id: string; email: string; cookie: string }[]> {
  const people = [];
  for (let i = 0; i < count; i++) {
    const member = await createMember(t.app.db, institutionId, `Member ${institutionId ?? 'guest'} ${i}`);
    people.push({ id: member.id, email: member.email, cookie: await signIn(t, member.email) });
  }
  return people;
}

const cookieJars = new WeakMap<TestApp, Map<string, { cookie: string; at: number }>>();

/**
 * A cookie for `email` that is still valid at the app's current time. Sign-ins follow the platform's clock,
 * so a test that moves it by hours or days finds an organiser signed out (2 hours idle, 12 hours at most),
 * as a person would: this signs them in again once the clock has moved by an hour or more, either way.
 */
export async function signedIn(t: TestApp, email: string): Promise<string> {
  let jar = cookieJars.get(t);
  if (!jar) cookieJars.set(t, (jar = new Map()));
  const now = t.app.clock().getTime();
  const held = jar.get(email);
  if (held && Math.abs(now - held.at) < 3_600_000) return held.cookie;
  const cookie = await signIn(t, email);
  jar.set(email, { cookie, at: now });
  return cookie;
}

/**
 * Many members of an institution, signed in directly through the schema (a member row and a sign-in each, in one
 * unit of work): for tests where what is measured is what they do next, not signing in. Written with the app's own
 * tables, so that it serves an app on either backend (benchmarks run both in one process). `label` starts their
 * addresses and names.
 */
export async function crowd(
  t: TestApp,
  count: number,
  institutionId: string,
  label = 'crowd',
): Promise<{ id: string; email: string; cookie: string }[]> {
  const now = new Date();
  const { members, signIns } = t.app.db.tables;
  const people: { id: string; email: string; cookie: string }[] = [];
  await t.app.db.unit(async () => {
    for (let i = 0; i < count; i++) {
      const id = randomUUID();
      const email = `${label}-${i}-${id.slice(0, 6)}@${institutionId}.example.org`;
      const secret = randomBytes(32).toString('base64url');
      await t.app.db.q.insert(members).values({
        id,
        email,
        name: `${label} ${i}`,
        role: 'member',
        institutionId,
        createdAt: now,
        updatedAt: now,
      });
      await t.app.db.q.insert(signIns).values({
        id: randomUUID(),
        memberId: id,
        secretHash: createHash('sha256').update(secret).digest('hex'),
        device: 'test',
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + DAYS),
      });
      people.push({ id, email, cookie: `apoc_session=${secret}` });
    }
  });
  return people;
}
