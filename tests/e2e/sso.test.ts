// Issue 20 in Chromium: Dana-Farber connects its OpenID provider (a real oidc-provider on loopback, with its own
// login and consent pages); one of its members types her address on /sign-in, signs in at the provider and comes
// back signed in, and her profile names the provider beside this browser's sign-in. Dana-Farber does not allow the
// mail link for its domain, so the page that explains a cancelled sign-in does not offer it; a guest, whose domain
// no provider owns, still signs in by mail link.
import type { DirectoryMember, IdentityProvider, IdentityProviderList, Institution, SsoDiscovery } from '@apoc/shared';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from '../helpers/browser';
import {
  desktop,
  followSignInLink,
  newestSignInLink,
  post,
  screenshot,
  signInThroughMailbox,
  startE2e,
  type E2eWorld,
} from '../helpers/e2e';
import { SECRET_KEY, startOidcProvider, type TestProvider } from '../helpers/oidc';

const ADMIN = 'admin@demo.apoc.test';
/** The institution's own domain, as in the issue: the demo addresses are all @demo.apoc.test. */
const DANA_FARBER_DOMAIN = 'dfci.harvard.edu';
const BOSTON = 'America/New_York';

/** A read through the API as the context's member. */
async function get<T>(context: BrowserContext, base: string, path: string): Promise<T> {
  const response = await context.request.get(`${base}${path}`);
  if (!response.ok()) throw new Error(`GET ${path}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

describe("signing in with the institution's own account", () => {
  let world: E2eWorld;
  let base: string;
  let idp: TestProvider;
  let provider: IdentityProvider;
  /** A Dana-Farber member of the demo seed, with an address at the institution's domain. */
  let member: { name: string; email: string; subject: string };
  /** An invited guest of the demo seed: no institution, an address no provider owns. */
  let guest: DirectoryMember & { email: string };

  beforeAll(async () => {
    world = await startE2e({ SECRET_KEY });
    base = world.base;

    // The demo admin connects Dana-Farber's provider through the admin API, as the admin page does.
    const admin = await desktop(world.browser, BOSTON);
    await (await signInThroughMailbox(admin, base, ADMIN)).close();
    const institutions = await get<Institution[]>(admin, base, '/api/institutions');
    const danaFarber = institutions.find((institution) => institution.shortName === 'Dana-Farber');
    if (!danaFarber) throw new Error('no Dana-Farber in the demo seed');
    const directory = await get<DirectoryMember[]>(admin, base, '/api/members');
    const seeded = directory.find((person) => person.institutionId === danaFarber.id && person.role === 'member');
    const seededGuest = directory.find((person) => person.role === 'guest');
    if (!seeded?.email || !seededGuest?.email) throw new Error('no Dana-Farber member or guest in the demo seed');
    guest = { ...seededGuest, email: seededGuest.email };

    // Their address at the institution (the demo's are all @demo.apoc.test), as an admin would correct it.
    const localPart = seeded.email.split('@')[0] ?? '';
    member = { name: seeded.name, email: `${localPart}@${DANA_FARBER_DOMAIN}`, subject: `dfci-${localPart}` };
    const changed = await admin.request.patch(`${base}/api/members/${seeded.id}`, {
      data: { email: member.email },
      headers: { origin: base },
    });
    expect(changed.status(), await changed.text()).toBe(200);

    const { redirectUri, secretKeySet } = await get<IdentityProviderList>(admin, base, '/api/admin/identity-providers');
    expect(secretKeySet).toBe(true);
    expect(redirectUri).toBe(`${base}/api/auth/sso/callback`);
    idp = await startOidcProvider({ redirectUri });
    idp.accounts.set(member.subject, { email: member.email, emailVerified: true, name: member.name });
    provider = await post<IdentityProvider>(
      admin,
      base,
      '/api/admin/identity-providers',
      {
        institutionId: danaFarber.id,
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        domains: [DANA_FARBER_DOMAIN],
        // Only the provider: makes the test say that the address goes there and nowhere else.
        mailLinkAllowed: false,
      },
      201,
    );
    expect(provider).toMatchObject({ name: danaFarber.name, secretReadable: true });
    await admin.close();
  });

  afterAll(async () => {
    // The browser first: the provider's server closes once Chromium's connections to it are gone.
    await world?.stop();
    await idp?.stop();
  });

  it("takes a Dana-Farber member through the provider's login page and back signed in; the profile names the provider", async () => {
    const context = await desktop(world.browser, BOSTON);
    const page = await context.newPage();
    await page.goto(`${base}/sign-in`);
    // The institution is also offered directly.
    await page
      .getByTestId('sign-in-institutions')
      .getByRole('link', { name: `Sign in with ${provider.name}` })
      .waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-institutions');

    await page.getByLabel('E-mail address').fill(member.email);
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();

    // The provider's own login page, with the address passed on as a hint; the login is the provider's account.
    await page.waitForURL((url) => url.origin === idp.issuer);
    const login = page.locator('input[name="login"]');
    await expect(login.inputValue()).resolves.toBe(member.email);
    await login.fill(member.subject);
    await page.locator('input[name="password"]').fill('any password will do');
    await screenshot(page, 'sso-provider-login');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.waitForURL(`${base}/`);
    await page
      .getByRole('banner')
      .getByRole('button', { name: new RegExp(member.name) })
      .waitFor();

    await page.goto(`${base}/me`);
    await page.getByRole('heading', { level: 1, name: member.name }).waitFor();
    const current = page
      .getByTestId('sign-ins')
      .getByRole('listitem')
      .filter({ has: page.getByText('This browser', { exact: true }) });
    await current.getByText(`via ${provider.name}`, { exact: true }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'me-sso');
    await context.close();
  });

  it('does not mail a link to an address of a domain that signs in only with its provider', async () => {
    const context = await desktop(world.browser, BOSTON);
    const discovery = await post<SsoDiscovery>(context, base, '/api/auth/sso/discover', { email: member.email });
    expect(discovery).toMatchObject({ provider: { id: provider.id, mailLink: false }, mailLink: false });
    // The same answer as for any address, and no mail behind it.
    const asked = await context.request.post(`${base}/api/auth/login`, {
      data: { email: member.email },
      headers: { origin: base },
    });
    expect(asked.status()).toBe(202);
    await expect(newestSignInLink(context.request, base, member.email)).rejects.toThrow(/no sign-in link/);
    await context.close();
  });

  it('explains a sign-in cancelled at the provider, without offering the mail link Dana-Farber does not allow', async () => {
    const context = await desktop(world.browser, BOSTON);
    const page = await context.newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('E-mail address').fill(member.email);
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.getByRole('link', { name: '[ Cancel ]' }).click();

    await page.waitForURL((url) => url.origin === base && url.pathname === '/sign-in/problem');
    await expect(page.getByTestId('sign-in-problem-reason').innerText()).resolves.toContain(
      `The sign-in at ${provider.name} was cancelled`,
    );
    await page.getByRole('link', { name: 'Try again' }).waitFor();
    expect(await page.getByRole('link', { name: 'Sign in with an e-mail link instead' }).count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-problem');
    // Trying again goes straight back to the provider.
    await page.getByRole('link', { name: 'Try again' }).click();
    await page.waitForURL((url) => url.origin === idp.issuer);
    await context.close();
  });

  it('still signs a guest in by mail link', async () => {
    const context = await desktop(world.browser, 'Europe/Oslo');
    const page = await context.newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('E-mail address').fill(guest.email);
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();

    await followSignInLink(page, await newestSignInLink(context.request, base, guest.email));
    await page.waitForURL(`${base}/`);
    await page
      .getByRole('banner')
      .getByRole('button', { name: new RegExp(guest.name) })
      .waitFor();
    await page.goto(`${base}/me`);
    const current = page
      .getByTestId('sign-ins')
      .getByRole('listitem')
      .filter({ has: page.getByText('This browser', { exact: true }) });
    await current.waitFor();
    expect(await current.getByText(/^via /).count()).toBe(0);
    await context.close();
  });
});
