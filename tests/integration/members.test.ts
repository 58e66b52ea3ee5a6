import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryMember, ImportReport } from '@apoc/shared';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signIn } from '../helpers/auth';

describe('members and the directory', () => {
  let t: TestApp;
  let admin: string;
  let member: string;
  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo' });
    admin = await signIn(t, 'admin@demo.apoc.test');
    member = await signIn(t, 'jordi.ferrer@demo.apoc.test');
  });
  afterAll(async () => t.close());

  const send = (method: 'POST' | 'PATCH', url: string, payload: object, cookie = admin) =>
    t.app.inject({ method, url, payload, headers: browserHeaders(t.config, cookie) });

  it('lets an admin create a member, whose zone defaults to their institution’s', async () => {
    const response = await send('POST', '/api/members', {
      email: 'New.Person@Example.org',
      name: 'New Person',
      role: 'member',
      institutionId: 'asan',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      id: expect.any(String),
      role: 'member',
      effectiveTimeZone: 'Asia/Seoul',
      timeZone: null,
    });
  });

  it('refuses a second member with the same address, whatever its case, with 409', async () => {
    const response = await send('POST', '/api/members', {
      email: 'new.person@EXAMPLE.org',
      name: 'Twin',
      role: 'member',
      institutionId: 'asan',
    });
    expect(response.statusCode).toBe(409);
  });

  it('refuses a guest with an institution, a member without one, and an unknown zone', async () => {
    expect(
      (await send('POST', '/api/members', { email: 'g@example.org', name: 'G', role: 'guest', institutionId: 'msk' }))
        .statusCode,
    ).toBe(400);
    expect((await send('POST', '/api/members', { email: 'm@example.org', name: 'M', role: 'member' })).statusCode).toBe(
      400,
    );
    expect(
      (await send('POST', '/api/members', { email: 'z@example.org', name: 'Z', role: 'guest', timeZone: 'Mars/Base' }))
        .statusCode,
    ).toBe(400);
  });

  it('shows members names and institutions, and organisers and admins e-mail addresses too', async () => {
    const asMember = (
      await t.app.inject({ method: 'GET', url: '/api/members?q=Vogel', headers: { cookie: member } })
    ).json() as DirectoryMember[];
    expect(asMember).toEqual([
      { id: expect.any(String), name: 'Katharina Vogel', role: 'member', institutionId: 'essen' },
    ]);
    const asAdmin = (
      await t.app.inject({ method: 'GET', url: '/api/members?q=Vogel', headers: { cookie: admin } })
    ).json() as DirectoryMember[];
    expect(asAdmin[0]?.email).toBe('katharina.vogel@demo.apoc.test');
  });

  it('finds members by institution name', async () => {
    const found = (
      await t.app.inject({ method: 'GET', url: '/api/members?q=Peter%20Mac', headers: { cookie: member } })
    ).json() as DirectoryMember[];
    expect(found.map((m) => m.institutionId)).toEqual(['peter-mac', 'peter-mac', 'peter-mac']);
  });

  it('does not let an admin remove their own admin role', async () => {
    const me = (await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: admin } })).json();
    expect((await send('PATCH', `/api/members/${me.id}`, { role: 'member' })).statusCode).toBe(403);
  });

  it('imports members from CSV with a report per row', async () => {
    const csv = [
      'name,email,institution,role',
      'Ana Ruiz,ana.ruiz@example.org,VHIO,member',
      'Katharina Vogel,katharina.vogel@demo.apoc.test,essen,member',
      'Katharina Vogel-Stein,katharina.vogel@demo.apoc.test,essen,member',
      'Bad Address,not-an-address,asan,member',
      'Nobody,nobody@example.org,Atlantis Institute,member',
      'Dr Guest,dr.guest@example.org,,guest',
      'Wrong Role,wrong.role@example.org,msk,superuser',
    ].join('\n');

    const dryRun = (await send('POST', '/api/members/import', { csv, dryRun: true })).json() as ImportReport;
    expect(dryRun).toMatchObject({ dryRun: true, created: 2, unchanged: 1, rejected: 4 });
    const stillUnknown = await t.app.inject({
      method: 'GET',
      url: '/api/members?q=Ana%20Ruiz',
      headers: { cookie: admin },
    });
    expect(stillUnknown.json()).toEqual([]);

    const report = (await send('POST', '/api/members/import', { csv })).json() as ImportReport;
    expect(report.rows.map((row) => [row.line, row.outcome])).toEqual([
      [2, 'created'],
      [3, 'unchanged'],
      [4, 'rejected'],
      [5, 'rejected'],
      [6, 'rejected'],
      [7, 'created'],
      [8, 'rejected'],
    ]);
    expect(report.rows[2]?.reason).toMatch(/earlier in the file/);
    expect(report.rows[4]?.reason).toMatch(/Atlantis/);
    const created = await t.app.inject({ method: 'GET', url: '/api/members?q=Ana%20Ruiz', headers: { cookie: admin } });
    expect(created.json()).toMatchObject([{ name: 'Ana Ruiz', institutionId: 'vhio' }]);

    const rename = (
      await send('POST', '/api/members/import', {
        csv: 'name,email,institution,role\nAna Ruiz-Vidal,ana.ruiz@example.org,vhio,organiser',
      })
    ).json() as ImportReport;
    expect(rename).toMatchObject({ updated: 1, rows: [{ outcome: 'updated' }] });
  });

  it('answers a CSV without the needed columns with 400', async () => {
    expect((await send('POST', '/api/members/import', { csv: 'who,where\nx,y' })).statusCode).toBe(400);
  });
});
