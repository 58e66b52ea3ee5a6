import { tables } from '../helpers/db';
import type { DirectoryMember, Member } from '@apoc/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { requestSignInToken, signIn } from '../helpers/auth';
import { createInstitution, createMember } from '../helpers/factories';

describe('admins editing members', () => {
  let t: TestApp;
  let admin: string;
  let organiser: string;
  let seoul: Awaited<ReturnType<typeof createInstitution>>;
  let melbourne: Awaited<ReturnType<typeof createInstitution>>;

  /** A member of `institution` with `role`, written through the real schema. */
  async function person(name: string, institutionId: string | null, role: Member['role'] = 'member') {
    const row = await createMember(t.app.db, institutionId, name);
    await t.app.db.unit(async () =>
      t.app.db.q.update(tables.members).set({ role }).where(eq(tables.members.id, row.id)),
    );
    return row;
  }

  beforeAll(async () => {
    t = await buildTestApp();
    seoul = await createInstitution(t.app.db, 'Asia/Seoul');
    melbourne = await createInstitution(t.app.db, 'Australia/Melbourne');
    await t.app.db.unit(async () =>
      t.app.db.q
        .update(tables.institutions)
        .set({ name: 'Peter MacCallum Cancer Centre', shortName: 'Peter Mac', city: 'Melbourne' })
        .where(eq(tables.institutions.id, melbourne.id)),
    );
    admin = await signIn(t, (await person('Ada Admin', null, 'admin')).email);
    organiser = await signIn(t, (await person('Olu Organiser', null, 'organiser')).email);
  });
  afterAll(async () => t.close());

  const patch = (id: string, payload: object, cookie = admin) =>
    t.app.inject({ method: 'PATCH', url: `/api/members/${id}`, payload, headers: browserHeaders(t.config, cookie) });
  const directory = async (query: string, cookie = admin) =>
    (
      await t.app.inject({ method: 'GET', url: `/api/members${query}`, headers: { cookie } })
    ).json() as DirectoryMember[];

  it('changes a member’s name, e-mail address and institution; the new address signs in', async () => {
    const member = await person('Jiwoo Kim', seoul.id);
    const response = await patch(member.id, {
      name: '  Ji-woo Kim ',
      email: 'ji-woo.kim@peter-mac.test',
      institutionId: melbourne.id,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      id: member.id,
      name: 'Ji-woo Kim',
      email: 'ji-woo.kim@peter-mac.test',
      institutionId: melbourne.id,
      effectiveTimeZone: 'Australia/Melbourne',
    });
    await signIn(t, 'ji-woo.kim@peter-mac.test');
  });

  it('makes a sign-in link mailed to the old address stop working', async () => {
    const member = await person('Old Address', seoul.id);
    const token = await requestSignInToken(t, member.email);
    expect((await patch(member.id, { email: 'new.address@asan.test' })).statusCode).toBe(200);
    const verify = await t.app.inject({
      method: 'POST',
      url: '/api/auth/verify',
      headers: browserHeaders(t.config),
      payload: { token },
    });
    expect(verify.statusCode).toBe(410);
  });

  it('refuses an address another member has, whatever its case, with 409 problem+json, and changes nothing', async () => {
    const taken = await person('First Holder', seoul.id);
    const member = await person('Second Person', seoul.id);
    const response = await patch(member.id, { email: taken.email.toUpperCase(), name: 'Renamed' });
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 409, detail: 'Another member has this e-mail address already.' });
    const [unchanged] = await directory(`?q=${encodeURIComponent(member.email)}`);
    expect(unchanged).toMatchObject({ name: 'Second Person', email: member.email });
  });

  it('lets a member’s own address change only in its case', async () => {
    const member = await person('Case Change', seoul.id);
    const response = await patch(member.id, { email: member.email.toUpperCase() });
    expect(response.statusCode).toBe(200);
    expect((response.json() as Member).email).toBe(member.email.toUpperCase());
  });

  it('refuses an address that is not one, with 400 problem+json', async () => {
    const member = await person('Bad Address', seoul.id);
    const response = await patch(member.id, { email: 'not an address' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('lets only admins edit members', async () => {
    const member = await person('Untouched', seoul.id);
    expect((await patch(member.id, { name: 'Touched' }, organiser)).statusCode).toBe(403);
  });

  it('shows admins when each member last signed in (null if never), and nobody else', async () => {
    const member = await person('Sometimes Here', seoul.id);
    const never = await person('Never Here', seoul.id);
    await signIn(t, member.email);
    const first = (await directory('?q=Here')).find((row) => row.id === member.id)?.lastSignedInAt ?? '';
    // Sign-ins are kept in real time (the links' expiry is), so the second is a moment later.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const before = Date.now();
    await signIn(t, member.email);
    const after = Date.now();

    const rows = await directory('?q=Here');
    const last = Date.parse(rows.find((row) => row.id === member.id)?.lastSignedInAt ?? '');
    expect(last).toBeGreaterThanOrEqual(before);
    expect(last).toBeLessThanOrEqual(after);
    expect(last).toBeGreaterThan(Date.parse(first));
    expect(rows.find((row) => row.id === never.id)?.lastSignedInAt).toBeNull();
    expect((await directory('?q=Here', organiser)).every((row) => !('lastSignedInAt' in row))).toBe(true);
  });

  it('finds members by their institution’s city or name', async () => {
    const member = await person('Search Target', melbourne.id);
    for (const q of ['melbourne', 'MacCallum', 'Peter Mac']) {
      expect((await directory(`?q=${encodeURIComponent(q)}`)).map((row) => row.id)).toContain(member.id);
    }
    expect((await directory('?q=Melbourne')).some((row) => row.institutionId === seoul.id)).toBe(false);
  });
});
