import { once } from 'node:events';
import { first, tables } from '../helpers/db';
import { LIVE_CLOSE, LIVE_PROTOCOL_VERSION } from '@apoc/shared';
import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signIn } from '../helpers/auth';
import { demoSummitIds } from '../helpers/demo';
import { createInstitution, createMember } from '../helpers/factories';

// A live connection lasts as long as the access it was opened with, not until the next reconnect: each test
// is a socket that must not stay open once the person behind it lost the right to it.

const CLOSED_WITHIN_MS = 5000;

interface Opened {
  socket: WebSocket;
  closed: Promise<{ code: number; reason: string }>;
}

describe('live connections follow access changes at once', () => {
  let t: TestApp;
  let base: string;
  let summitId: string;
  let sessionId: string;
  let adminCookie: string;
  let institutionId: string;

  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo' });
    base = (await t.app.listen({ port: 0, host: '127.0.0.1' })).replace('http', 'ws');
    summitId = (await demoSummitIds(t.app.db)).nextVirtual;
    const session = await first(
      t.app.db.q
        .select()
        .from(tables.sessions)
        .where(and(eq(tables.sessions.summitId, summitId), ne(tables.sessions.kind, 'break'))),
    );
    if (!session) throw new Error('the upcoming virtual summit has no session');
    sessionId = session.id;
    adminCookie = await signIn(t, 'admin@demo.apoc.test');
    institutionId = (await createInstitution(t.app.db, 'Europe/Paris')).id;
  });
  afterAll(async () => {
    await t.close();
  });

  const request = (method: 'POST' | 'PATCH' | 'DELETE', url: string, cookie: string, payload?: object) =>
    t.app.inject({ method, url, headers: browserHeaders(t.config, cookie), ...(payload ? { payload } : {}) });

  /** A new member, signed in and registered online for the summit: admitted to its live Q&A. */
  async function attendee(): Promise<{ id: string; cookie: string }> {
    const member = await createMember(t.app.db, institutionId, 'Live Attendee');
    const cookie = await signIn(t, member.email);
    const registered = await request('POST', `/api/summits/${summitId}/registrations`, cookie, { mode: 'virtual' });
    expect(registered.statusCode).toBe(201);
    expect(registered.json().status).toBe('confirmed');
    return { id: member.id, cookie };
  }

  async function open(cookie: string): Promise<Opened> {
    const socket = new WebSocket(`${base}/api/sessions/${sessionId}/live?protocol=${LIVE_PROTOCOL_VERSION}`, {
      headers: { origin: t.config.publicUrl.origin, cookie },
    });
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    await Promise.race([once(socket, 'message'), closed]);
    expect(socket.readyState).toBe(WebSocket.OPEN);
    return { socket, closed };
  }

  async function closedSoon(opened: Opened): Promise<{ code: number; reason: string }> {
    const started = Date.now();
    const result = await Promise.race([
      opened.closed,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('the socket stayed open')), CLOSED_WITHIN_MS).unref(),
      ),
    ]);
    expect(Date.now() - started).toBeLessThanOrEqual(CLOSED_WITHIN_MS);
    return result;
  }

  it('closes a socket left open in another browser when the member signs out everywhere', async () => {
    const { cookie } = await attendee();
    const elsewhere = await open(cookie);
    expect((await request('DELETE', '/api/me/sign-ins', cookie)).statusCode).toBe(200);
    const closed = await closedSoon(elsewhere);
    expect(closed.code).toBe(LIVE_CLOSE.signedOut);
    expect(closed.reason).toMatch(/signed out/);
  });

  it('closes the socket of one revoked sign-in, and only that one', async () => {
    const me = await attendee();
    const member = await first(t.app.db.q.select().from(tables.members).where(eq(tables.members.id, me.id)));
    const other = await signIn(t, member?.email ?? '');
    const kept = await open(me.cookie);
    const revokedSocket = await open(other);
    const signIns = (
      await t.app.inject({
        method: 'GET',
        url: '/api/me/sign-ins',
        headers: browserHeaders(t.config, me.cookie),
      })
    ).json() as { id: string; current: boolean }[];
    const notThis = signIns.find((signIn) => !signIn.current);
    expect((await request('DELETE', `/api/me/sign-ins/${notThis?.id}`, me.cookie)).statusCode).toBe(204);
    expect((await closedSoon(revokedSocket)).code).toBe(LIVE_CLOSE.signedOut);
    expect(kept.socket.readyState).toBe(WebSocket.OPEN);
    kept.socket.close();
  });

  it('closes the socket of a member an admin deactivates', async () => {
    const me = await attendee();
    const socket = await open(me.cookie);
    expect((await request('PATCH', `/api/members/${me.id}`, adminCookie, { active: false })).statusCode).toBe(200);
    expect((await closedSoon(socket)).code).toBe(LIVE_CLOSE.signedOut);
  });

  it('closes the socket of a member whose registration is cancelled, and says why', async () => {
    const me = await attendee();
    const socket = await open(me.cookie);
    expect((await request('DELETE', `/api/summits/${summitId}/registrations/me`, me.cookie)).statusCode).toBeLessThan(
      300,
    );
    const closed = await closedSoon(socket);
    expect(closed.code).toBe(LIVE_CLOSE.accessEnded);
    expect(closed.reason).toMatch(/registration/);
  });

  it('takes moderator powers back when an organiser becomes a member: the socket reconnects with the new role', async () => {
    const member = await createMember(t.app.db, institutionId, 'Former Organiser');
    await t.app.db.unit(async () =>
      t.app.db.q.update(tables.members).set({ role: 'organiser' }).where(eq(tables.members.id, member.id)),
    );
    const cookie = await signIn(t, member.email);
    const socket = await open(cookie);
    const demoted = await request('PATCH', `/api/members/${member.id}`, adminCookie, { role: 'member' });
    expect(demoted.statusCode).toBe(200);
    expect((await closedSoon(socket)).code).toBe(LIVE_CLOSE.accessChanged);
    // Reconnecting, they are no organiser any more and hold no seat: refused before the upgrade.
    const again = new WebSocket(`${base}/api/sessions/${sessionId}/live`, {
      headers: { origin: t.config.publicUrl.origin, cookie },
    });
    const [, response] = (await once(again, 'unexpected-response')) as [unknown, { statusCode: number }];
    expect(response.statusCode).toBe(403);
  });

  it('caps the live connections of one member: the seventh tab is refused before the upgrade', async () => {
    const me = await attendee();
    const tabs = [];
    for (let i = 0; i < 6; i++) tabs.push(await open(me.cookie));
    const seventh = new WebSocket(`${base}/api/sessions/${sessionId}/live`, {
      headers: { origin: t.config.publicUrl.origin, cookie: me.cookie },
    });
    const [, response] = (await once(seventh, 'unexpected-response')) as [unknown, { statusCode: number }];
    expect(response.statusCode).toBe(429);
    for (const tab of tabs) tab.socket.close();
  });
});
