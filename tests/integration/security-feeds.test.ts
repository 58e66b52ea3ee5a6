import { first, tables } from '../helpers/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signedInMembers } from '../helpers/auth';

// A personal feed's address is a secret that shows a member's agenda. Only its hash is stored: a copied
// database file opens nobody's feed, and the address is shown once, when it is made.

describe('personal feed secrets at rest', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps no readable feed secret: nothing in the members table opens the feed', async () => {
    const [member] = await signedInMembers(t, 1, 'asan');
    if (!member) throw new Error('member');
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/me/calendar/token',
      headers: browserHeaders(t.config, member.cookie),
      payload: {},
    });
    const token = /\/api\/calendar\/([\w-]+)\.ics$/.exec(made.json().url as string)?.[1] ?? '';
    expect(token).not.toBe('');
    expect((await t.app.inject({ method: 'GET', url: `/api/calendar/${token}.ics` })).statusCode).toBe(200);

    // The thief's view: every value of the member's row.
    const row = await first(t.app.db.q.select().from(tables.members).where(eq(tables.members.id, member.id)));
    const values = Object.values(row ?? {}).map(String);
    expect(values.join(' ')).not.toContain(token);
    for (const value of values.filter((v) => /^[\w-]{16,100}$/.test(v))) {
      expect((await t.app.inject({ method: 'GET', url: `/api/calendar/${value}.ics` })).statusCode).toBe(404);
    }
    // Nor does the member's own page show it again.
    const shown = await t.app.inject({
      method: 'GET',
      url: '/api/me/calendar',
      headers: browserHeaders(t.config, member.cookie),
    });
    expect(shown.json()).toEqual({ exists: true, scope: 'agenda' });
    expect(shown.body).not.toContain(token);
  });

  it('hashes secrets stored readable by an earlier version at start-up, and the subscribed address keeps working', async () => {
    const [member] = await signedInMembers(t, 1, 'asan');
    if (!member) throw new Error('member');
    const legacy = 'LegacyFeedSecretFromAnEarlierVersion01';
    await t.app.db.unit(async () =>
      t.app.db.q
        .update(tables.members)
        .set({ feedToken: legacy, feedTokenHash: null })
        .where(eq(tables.members.id, member.id)),
    );
    const restarted = await buildTestApp({ dir: t.dir });
    try {
      const row = await first(restarted.app.db.q.select().from(tables.members).where(eq(tables.members.id, member.id)));
      expect(row?.feedToken).toBeNull();
      expect(row?.feedTokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect((await restarted.app.inject({ method: 'GET', url: `/api/calendar/${legacy}.ics` })).statusCode).toBe(200);
    } finally {
      await restarted.close();
    }
  });
});
