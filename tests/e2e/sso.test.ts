// Issue 20 in Chromium: the demo admin connects Dana-Farber's OpenID provider (a real oidc-provider on loopback, with
// its own login and consent pages) from the admin page, testing the settings before saving them and the connection
// after; one of its members types her address on /sign-in, signs in at the provider and comes back signed in, and her
// profile names the provider beside this browser's sign-in. Dana-Farber does not allow the mail link for its domain,
// so the page that explains a cancelled sign-in does not offer it; a guest, whose domain no provider owns, still signs
// in by mail link. Last, the admin disconnects the provider, which ends the member's sign-in.
import type { DirectoryMember, IdentityProvider, IdentityProviderList, Institution, SsoDiscovery } from '@apoc/shared';
import type { BrowserContext, Locator, Page } from 'playwright-core';
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

/** Waits for a connection test's report in `within` and expects every check of it to have passed. */
async function expectAllChecksPassed(within: Locator): Promise<void> {
  const report = within.getByTestId('connection-report');
  await report.waitFor();
  await expect(report.getByRole('status').innerText()).resolves.toContain('The provider is ready.');
  const outcomes = await report
    .locator('[data-check]')
    .evaluateAll((checks) =>
      checks.map((check) => [check.getAttribute('data-check'), check.getAttribute('data-outcome')]),
    );
  expect(outcomes).toEqual(
    ['reachable', 'issuer', 'authorization-code', 'pkce', 'scopes', 'client'].map((check) => [check, 'passed']),
  );
}

/**
 * A card's button by its full name: the visible word, then the provider's name for assistive technology only (a
 * visually hidden piece, which the accessible name computation may set apart with a space).
 */
function named(action: string, name: string): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escape(action)}\\s?: ${escape(name)}$`);
}

describe("signing in with the institution's own account", () => {
  let world: E2eWorld;
  let base: string;
  let idp: TestProvider;
  let provider: IdentityProvider;
  /** The demo admin's browser, signed in at the start: changing a provider asks for a sign-in within the hour. */
  let admin: BrowserContext;
  let adminName: string;
  let danaFarber: Institution;
  /** A Dana-Farber member of the demo seed, with an address at the institution's domain. */
  let member: { name: string; email: string; subject: string };
  /** The member's profile in her browser once she has signed in through the provider (until the disconnection). */
  let memberPage: Page | undefined;
  /** An invited guest of the demo seed: no institution, an address no provider owns. */
  let guest: DirectoryMember & { email: string };

  beforeAll(async () => {
    world = await startE2e({ SECRET_KEY });
    base = world.base;

    admin = await desktop(world.browser, BOSTON);
    await (await signInThroughMailbox(admin, base, ADMIN)).close();
    const institutions = await get<Institution[]>(admin, base, '/api/institutions');
    const found = institutions.find((institution) => institution.shortName === 'Dana-Farber');
    if (!found) throw new Error('no Dana-Farber in the demo seed');
    danaFarber = found;
    const directory = await get<DirectoryMember[]>(admin, base, '/api/members');
    const seeded = directory.find((person) => person.institutionId === danaFarber.id && person.role === 'member');
    const seededGuest = directory.find((person) => person.role === 'guest');
    const seededAdmin = directory.find((person) => person.email === ADMIN);
    if (!seeded?.email || !seededGuest?.email || !seededAdmin)
      throw new Error('no Dana-Farber member, guest or admin in the demo seed');
    guest = { ...seededGuest, email: seededGuest.email };
    adminName = seededAdmin.name;

    // Their address at the institution (the demo's are all @demo.apoc.test), as an admin would correct it.
    const localPart = seeded.email.split('@')[0] ?? '';
    member = { name: seeded.name, email: `${localPart}@${DANA_FARBER_DOMAIN}`, subject: `dfci-${localPart}` };
    const changed = await admin.request.patch(`${base}/api/members/${seeded.id}`, {
      data: { email: member.email },
      headers: { origin: base },
    });
    expect(changed.status(), await changed.text()).toBe(200);
  });

  afterAll(async () => {
    // The browser first: the provider's server closes once Chromium's connections to it are gone.
    await world?.stop();
    await idp?.stop();
  });

  it("lets the admin connect Dana-Farber's provider from the admin page, testing it before and after", async () => {
    const { redirectUri, secretKeySet } = await get<IdentityProviderList>(admin, base, '/api/admin/identity-providers');
    expect(secretKeySet).toBe(true);
    expect(redirectUri).toBe(`${base}/api/auth/sso/callback`);

    const page = await admin.newPage();
    await page.goto(`${base}/`);
    await page
      .getByRole('banner')
      .getByRole('button', { name: new RegExp(adminName) })
      .click();
    await page.getByRole('link', { name: 'Institutional sign-in' }).click();
    await page.waitForURL(`${base}/admin/sign-in`);
    await page.getByRole('heading', { level: 1, name: 'Institutional sign-in' }).waitFor();
    await page.getByRole('heading', { name: 'No institution signs in with its own account yet' }).waitFor();
    expect(await page.getByTestId('identity-no-secret-key').count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'admin-sign-in');

    await page.getByRole('button', { name: 'Connect a provider' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect a provider' });
    await dialog.waitFor();
    // The admin registers this site at the provider with the redirect URI the form shows.
    await expect(dialog.getByLabel('Redirect URI').inputValue()).resolves.toBe(redirectUri);
    idp = await startOidcProvider({ redirectUri });
    idp.accounts.set(member.subject, { email: member.email, emailVerified: true, name: member.name });

    await dialog.getByLabel('Institution', { exact: true }).selectOption({ label: danaFarber.name });
    // Left empty, the name on the sign-in button is the institution's.
    await expect(dialog.getByLabel('Name on the sign-in button').getAttribute('placeholder')).resolves.toBe(
      danaFarber.name,
    );
    await dialog.getByLabel('Issuer URL').fill(idp.issuer);
    await dialog.getByLabel('Client ID').fill(idp.clientId);
    await dialog.getByLabel('Client secret').fill(idp.clientSecret);
    await dialog.getByLabel('E-mail domains').fill(DANA_FARBER_DOMAIN);
    expect(await dialog.getByLabel('Create members on first sign-in').isChecked()).toBe(false);
    // Only the provider: makes the tests below say that the address goes there and nowhere else.
    await dialog.getByLabel('Keep the sign-in link by e-mail').uncheck();
    await dialog.getByRole('button', { name: 'Test these settings' }).click();
    await expectAllChecksPassed(dialog);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'admin-sign-in-dialog');

    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect(page.getByTestId('identity-outcome').innerText()).resolves.toContain(
      `${danaFarber.name} is connected`,
    );
    const { providers } = await get<IdentityProviderList>(admin, base, '/api/admin/identity-providers');
    expect(providers).toHaveLength(1);
    provider = providers[0] as IdentityProvider;
    expect(provider).toMatchObject({
      name: danaFarber.name,
      institutionId: danaFarber.id,
      issuer: idp.issuer,
      clientId: idp.clientId,
      domains: [DANA_FARBER_DOMAIN],
      createMembers: false,
      mailLinkAllowed: false,
      secretReadable: true,
    });

    const card = page.locator(`[data-provider-id="${provider.id}"]`);
    await card.getByRole('heading', { name: provider.name }).waitFor();
    await card.getByText(DANA_FARBER_DOMAIN, { exact: true }).waitFor();
    await card.getByText('Not allowed: provider only', { exact: true }).waitFor();
    await card.getByRole('button', { name: named('Test the connection', provider.name) }).click();
    await expectAllChecksPassed(card);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'admin-sign-in-connected');
    await page.close();
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
    await page.getByRole('button', { name: 'Continue', exact: true }).click();

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
    // Kept open: the last test disconnects the provider, which ends this sign-in.
    memberPage = page;
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
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
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
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
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
  it("ends the member's sign-in when the admin disconnects the provider from the admin page", async () => {
    if (!memberPage) throw new Error("the member's sign-in through the provider did not happen");
    const page = await admin.newPage();
    await page.goto(`${base}/admin/sign-in`);
    const card = page.locator(`[data-provider-id="${provider.id}"]`);
    await card.getByRole('button', { name: named('Disconnect', provider.name) }).click();
    const confirm = page.getByRole('dialog', { name: `Disconnect ${provider.name}?` });
    await confirm.waitFor();
    await confirm.getByText('1 member is linked to it.', { exact: true }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'admin-sign-in-disconnect');
    await confirm.getByRole('button', { name: 'Disconnect and end its sign-ins' }).click();

    const outcome = page.getByTestId('identity-outcome');
    await outcome.getByText(`${provider.name} is disconnected.`, { exact: false }).waitFor();
    const ended = /(\d+) sign-ins? ended\./.exec(await outcome.innerText());
    expect(Number(ended?.[1])).toBeGreaterThanOrEqual(1);
    expect(await card.count()).toBe(0);
    await page.getByRole('heading', { name: 'No institution signs in with its own account yet' }).waitFor();
    await page.close();

    // The member's browser, on her profile since she signed in, is signed out at its next look.
    await memberPage.reload();
    await memberPage.waitForURL(`${base}/sign-in?next=%2Fme`);
    expect((await memberPage.context().request.get(`${base}/api/me`)).status()).toBe(401);
    await memberPage.context().close();
    // Nobody is sent to the provider any more.
    const discovery = await post<SsoDiscovery>(admin, base, '/api/auth/sso/discover', { email: member.email });
    expect(discovery.provider).toBeNull();
  });
});
