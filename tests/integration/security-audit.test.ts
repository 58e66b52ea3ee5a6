import { first, tables } from '../helpers/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signIn } from '../helpers/auth';
import { createInstitution, createMember } from '../helpers/factories';

// The security audit trail, as an admin reads it after something went wrong, and the guards on the actions
// that change who may do what.

const ADMIN = 'admin@demo.apoc.test';

describe('the security audit trail', () => {
  let t: TestApp;
  let admin: string;
  let adminId: string;
  let institutionId: string;

  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo' });
    admin = await signIn(t, ADMIN);
    adminId = (await first(t.app.db.q.select().from(tables.members).where(eq(tables.members.email, ADMIN))))?.id ?? '';
    institutionId = (await createInstitution(t.app.db, 'Asia/Seoul')).id;
  });
  afterAll(async () => {
    await t.close();
  });

  const send = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string, payload?: object) =>
    t.app.inject({ method, url, headers: browserHeaders(t.config, cookie), ...(payload ? { payload } : {}) });
  const trail = async (query = '') =>
    (await send('GET', `/api/admin/security-events${query}`, admin)).json() as {
      events: { kind: string; actor: { name: string } | null; subject: { id: string } | null; detail: object }[];
      nextBefore: string | null;
    };

  it('records role changes, deactivations, creations and imports with who did it, and no e-mail address', async () => {
    const member = await createMember(t.app.db, institutionId, 'Audited Person');
    expect((await send('PATCH', `/api/members/${member.id}`, admin, { role: 'organiser' })).statusCode).toBe(200);
    expect((await send('PATCH', `/api/members/${member.id}`, admin, { active: false })).statusCode).toBe(200);
    const created = await send('POST', '/api/members', admin, {
      email: 'new.person@demo.apoc.test',
      name: 'New Person',
      role: 'guest',
    });
    expect(created.statusCode).toBe(201);
    const imported = await send('POST', '/api/members/import', admin, {
      csv: 'name,email,institution,role\nImported One,imported.one@demo.apoc.test,,guest\n',
    });
    expect(imported.statusCode).toBe(200);

    const about = await trail(`?memberId=${member.id}`);
    expect(about.events.map((event) => event.kind)).toEqual(['member-deactivated', 'role-changed']);
    expect(about.events[1]).toMatchObject({
      actor: { name: 'Noah Bennett' },
      detail: { from: 'member', to: 'organiser' },
    });
    const kinds = (await trail()).events.map((event) => event.kind);
    for (const kind of ['member-created', 'members-imported', 'sign-in']) expect(kinds).toContain(kind);
    const imports = await trail('?kind=members-imported');
    expect(imports.events[0]?.detail).toEqual({ created: 1, updated: 0, rejected: 0 });
    expect(JSON.stringify((await trail()).events.map((event) => event.detail))).not.toContain('@');
  });

  it('pages through the trail, newest first', async () => {
    const first = await trail('?limit=2');
    expect(first.events).toHaveLength(2);
    expect(first.nextBefore).not.toBeNull();
    const second = await trail(`?limit=2&before=${encodeURIComponent(first.nextBefore ?? '')}`);
    expect(second.events.length).toBeGreaterThan(0);
  });

  it('is for admins only', async () => {
    const organiser = await signIn(t, 'organiser@demo.apoc.test');
    expect((await send('GET', '/api/admin/security-events', organiser)).statusCode).toBe(403);
  });

  it('refuses an import that would demote the admin running it, and applies the other rows', async () => {
    const report = (
      await send('POST', '/api/members/import', admin, {
        csv: `name,email,institution,role\nNoah Bennett,${ADMIN},amgen,member\nAnother Guest,another.guest@demo.apoc.test,,guest\n`,
      })
    ).json() as { rows: { email: string; outcome: string; reason?: string }[] };
    expect(report.rows[0]).toMatchObject({ outcome: 'rejected', reason: expect.stringMatching(/your own role/) });
    expect(report.rows[1]).toMatchObject({ outcome: 'created' });
    expect((await first(t.app.db.q.select().from(tables.members).where(eq(tables.members.id, adminId))))?.role).toBe(
      'admin',
    );
  });

  it('asks for a sign-in from the last hour before changing roles or importing', async () => {
    const stale = await signIn(t, ADMIN);
    const member = await createMember(t.app.db, institutionId, 'Not Promoted');
    // Make every sign-in of the admin two hours old, as a browser left open since the morning.
    await t.app.db.unit(async () =>
      t.app.db.q
        .update(tables.signIns)
        .set({ createdAt: new Date(Date.now() - 2 * 3_600_000) })
        .where(eq(tables.signIns.memberId, adminId)),
    );
    const promoted = await send('PATCH', `/api/members/${member.id}`, stale, { role: 'admin' });
    expect(promoted.statusCode).toBe(403);
    expect(promoted.json().type).toMatch(/recent-sign-in-required$/);
    const importing = await send('POST', '/api/members/import', stale, {
      csv: 'name,email,institution,role\nLate Import,late.import@demo.apoc.test,,guest\n',
    });
    expect(importing.statusCode).toBe(403);
    // A renamed member needs no fresh sign-in: only who may do what does.
    expect((await send('PATCH', `/api/members/${member.id}`, stale, { name: 'Renamed Person' })).statusCode).toBe(200);

    const fresh = await signIn(t, ADMIN);
    expect((await send('PATCH', `/api/members/${member.id}`, fresh, { role: 'organiser' })).statusCode).toBe(200);
  });
});
