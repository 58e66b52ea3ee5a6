import type { ConnectionReport, IdentityProvider, IdentityProviderList, Institution } from '@apoc/shared';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { polyfillModalDialogs } from '../../testing/dialog';
import { institution } from '../../testing/fixtures';
import { jsonResponse, settle } from '../../testing/http';
import IdentityProvidersPage from './IdentityProvidersPage.svelte';

const REDIRECT = 'https://summits.example.org/api/auth/sso/callback';

const dfci: IdentityProvider = {
  id: 'idp-dfci',
  institutionId: 'dfci',
  name: 'Dana-Farber',
  issuer: 'https://login.dfci.example/realms/staff',
  clientId: 'apoc-summits',
  domains: ['dfci.harvard.edu', 'partners.org'],
  createMembers: true,
  mailLinkAllowed: false,
  secretReadable: true,
  linkedMembers: 3,
  lastSignInAt: null,
  createdAt: '2027-01-04T09:00:00.000Z',
  updatedAt: '2027-01-04T09:00:00.000Z',
};

const institutions: Institution[] = [
  institution({ id: 'dfci', name: 'Dana-Farber Cancer Institute', shortName: 'Dana-Farber', city: 'Boston' }),
  institution(),
];

const listOf = (providers: IdentityProvider[], secretKeySet = true): IdentityProviderList => ({
  redirectUri: REDIRECT,
  secretKeySet,
  providers,
});

type Handler = (init: RequestInit) => Response | Promise<Response>;

describe('<IdentityProvidersPage>', () => {
  let component: ReturnType<typeof mount> | undefined;
  let routes: Record<string, Handler> = {};
  const fetch = vi.fn((path: string, init: RequestInit = {}) => {
    const handler = routes[`${init.method ?? 'GET'} ${path}`];
    return Promise.resolve(
      handler ? handler(init) : jsonResponse({ type: 'about:blank', title: 'Not Found', status: 404 }, 404),
    );
  });

  beforeAll(polyfillModalDialogs);

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
    fetch.mockClear();
  });

  async function render(list: IdentityProviderList, more: Record<string, Handler> = {}) {
    routes = {
      'GET /api/admin/identity-providers': () => jsonResponse(list),
      'GET /api/institutions': () => jsonResponse(institutions),
      ...more,
    };
    vi.stubGlobal('fetch', fetch);
    component = mount(IdentityProvidersPage, { target: document.body });
    await vi.waitFor(() => {
      flushSync();
      expect(document.querySelector('.loading')).toBeNull();
    });
  }

  const text = (selector: string) => document.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const button = (name: string, within: ParentNode = document) =>
    [...within.querySelectorAll('button')].find((b) => b.textContent?.replace(/\s+/g, ' ').trim() === name);
  const openDialog = () => document.querySelector('dialog[open]');
  const field = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
  const type = (id: string, value: string) => {
    const element = field<HTMLInputElement | HTMLTextAreaElement>(id);
    element.value = value;
    element.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
  };
  const calls = (method: string, path: string) =>
    fetch.mock.calls.filter(([url, init]) => url === path && (init?.method ?? 'GET') === method);
  const bodyOf = (method: string, path: string): unknown => JSON.parse(String(calls(method, path)[0]?.[1]?.body));

  it('lists each provider with its issuer, domains, both choices, linked members and last sign-in', async () => {
    await render(listOf([dfci]));
    const card = document.querySelector('[data-provider-id="idp-dfci"]');
    const content = card?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(card?.querySelector('h2')?.textContent).toBe('Dana-Farber');
    expect(content).toContain('https://login.dfci.example/realms/staff');
    expect(content).toContain('apoc-summits');
    expect([...(card?.querySelectorAll('.chips li') ?? [])].map((li) => li.textContent)).toEqual([
      'dfci.harvard.edu',
      'partners.org',
    ]);
    expect(content).toContain('New people Become members on first sign-in');
    expect(content).toContain('Sign-in link by e-mail Not allowed: provider only');
    expect(content).toContain('Linked members 3');
    expect(content).toContain('Last sign-in Never');
    // Each button says which provider it acts on.
    expect(button('Test the connection: Dana-Farber', card ?? document)).toBeDefined();
    expect(button('Disconnect: Dana-Farber', card ?? document)).toBeDefined();
    expect(document.title).toContain('Institutional sign-in');
  });

  it('without providers, says what to do and offers to connect one', async () => {
    await render(listOf([]));
    expect(text('.empty-title')).toBe('No institution signs in with its own account yet');
    expect(text('.empty-text')).toContain("Connect your institution's OpenID Connect provider");
    const connect = button('Connect a provider', document.querySelector('.empty') ?? document);
    expect(connect?.disabled).toBe(false);
    connect?.click();
    flushSync();
    expect(openDialog()?.querySelector('h2')?.textContent).toBe('Connect a provider');
    // The redirect URI to register at the provider is shown, read-only.
    const redirect = field<HTMLInputElement>('provider-redirect');
    expect(redirect.value).toBe(REDIRECT);
    expect(redirect.readOnly).toBe(true);
  });

  it('says that SECRET_KEY is missing and does not offer to connect', async () => {
    await render(listOf([], false));
    expect(text('[data-testid="identity-no-secret-key"]')).toContain('SECRET_KEY is not set');
    expect(button('Connect a provider')?.disabled).toBe(true);
  });

  it('connects a provider with the request the server expects, and lists it', async () => {
    const created: IdentityProvider = { ...dfci, id: 'idp-new', linkedMembers: 0 };
    await render(listOf([]), {
      'POST /api/admin/identity-providers': () => jsonResponse(created, 201),
    });
    button('Connect a provider')?.click();
    flushSync();
    await settle();

    // Nothing is sent while a field is wrong, and each says what is missing.
    document.querySelector<HTMLFormElement>('#identity-provider-form')?.requestSubmit();
    await settle();
    expect(calls('POST', '/api/admin/identity-providers')).toHaveLength(0);
    expect([...document.querySelectorAll('.field-error')].map((error) => error.textContent?.trim())).toEqual([
      'Choose the institution this provider signs in.',
      'Enter the issuer URL.',
      'Enter the client ID the provider gave this site.',
      'Enter the client secret the provider gave this site.',
      'Enter at least one e-mail domain of the institution.',
    ]);
    expect(document.activeElement?.id).toBe('provider-institutionId');

    // The institutions the page read (shared with other pages, so whichever came first).
    const select = field<HTMLSelectElement>('provider-institutionId');
    const institutionId = [...select.options].map((option) => option.value).find((value) => value !== '') ?? '';
    expect(institutionId).not.toBe('');
    select.value = institutionId;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    type('provider-issuer', ' https://login.dfci.example/realms/staff ');
    type('provider-clientId', 'apoc-summits');
    type('provider-clientSecret', 's3cret');
    type('provider-domains', 'dfci.harvard.edu\nlocalhost');
    document.querySelector<HTMLFormElement>('#identity-provider-form')?.requestSubmit();
    await settle();
    expect(text('#provider-domains-error')).toContain('“localhost” is not a domain');
    type('provider-domains', 'DFCI.harvard.edu\nsomeone@partners.org, dfci.harvard.edu');
    const [createMembers, mailLink] = [...document.querySelectorAll<HTMLInputElement>('dialog input[type="checkbox"]')];
    createMembers?.click();
    mailLink?.click();
    flushSync();

    document.querySelector<HTMLFormElement>('#identity-provider-form')?.requestSubmit();
    await settle();
    expect(bodyOf('POST', '/api/admin/identity-providers')).toEqual({
      institutionId,
      issuer: 'https://login.dfci.example/realms/staff',
      clientId: 'apoc-summits',
      clientSecret: 's3cret',
      domains: ['dfci.harvard.edu', 'partners.org'],
      createMembers: true,
      mailLinkAllowed: false,
    });
    expect(openDialog()).toBeNull();
    expect(document.querySelector('[data-provider-id="idp-new"]')).not.toBeNull();
    expect(text('[data-testid="identity-outcome"]')).toContain('Dana-Farber is connected');
  });

  it('edits without the secret when it is left empty, sending only what changed', async () => {
    await render(listOf([dfci]), {
      'PATCH /api/admin/identity-providers/idp-dfci': (init) => {
        const patch = JSON.parse(String(init.body)) as Partial<IdentityProvider>;
        return jsonResponse({ ...dfci, ...patch });
      },
    });
    button('Edit: Dana-Farber')?.click();
    flushSync();
    await settle();
    expect(field<HTMLInputElement>('provider-issuer').value).toBe(dfci.issuer);
    expect(field<HTMLInputElement>('provider-clientSecret').value).toBe('');
    expect(text('#provider-clientSecret-hint')).toBe('Leave empty to keep the stored secret; a new one replaces it.');

    type('provider-domains', 'dfci.harvard.edu');
    type('provider-name', 'Dana-Farber Cancer Institute');
    document.querySelector<HTMLFormElement>('#identity-provider-form')?.requestSubmit();
    await settle();
    expect(bodyOf('PATCH', '/api/admin/identity-providers/idp-dfci')).toEqual({
      name: 'Dana-Farber Cancer Institute',
      domains: ['dfci.harvard.edu'],
    });
    expect(document.querySelector('[data-provider-id="idp-dfci"] h2')?.textContent).toBe(
      'Dana-Farber Cancer Institute',
    );
  });

  it('warns before another issuer forgets the members’ links', async () => {
    await render(listOf([dfci]));
    button('Edit: Dana-Farber')?.click();
    flushSync();
    expect(document.querySelector('dialog [role="note"]')).toBeNull();
    type('provider-issuer', 'https://login.microsoftonline.com/tenant/v2.0');
    expect(text('dialog [role="note"]')).toContain('forgets the links of the 3 members who signed in here');
  });

  it('tests a connection, shows progress, then each check with its outcome and plain words', async () => {
    const report: ConnectionReport = {
      ok: false,
      summary: 'The provider does not support PKCE, which sign-in needs.',
      redirectUri: REDIRECT,
      checks: [
        { check: 'reachable', outcome: 'passed', detail: 'The discovery document answered.' },
        { check: 'issuer', outcome: 'passed', detail: 'The issuer matches.' },
        { check: 'pkce', outcome: 'failed', detail: 'S256 is not among code_challenge_methods_supported.' },
        { check: 'client', outcome: 'skipped', detail: 'An earlier check failed.' },
      ],
    };
    let answer: (response: Response) => void = () => undefined;
    await render(listOf([dfci]), {
      'POST /api/admin/identity-providers/idp-dfci/test': () => new Promise<Response>((resolve) => (answer = resolve)),
    });
    const test = button('Test the connection: Dana-Farber');
    test?.click();
    flushSync();
    expect(text('[data-provider-id="idp-dfci"] .loading')).toBe('Testing the connection…');
    expect(test?.disabled).toBe(true);

    answer(jsonResponse(report));
    await settle();
    expect(document.querySelector('[data-provider-id="idp-dfci"] .loading')).toBeNull();
    const shown = document.querySelector('[data-testid="connection-report"]');
    expect(shown?.querySelector('[role="status"]')?.textContent).toContain('does not support PKCE');
    const checks = [...(shown?.querySelectorAll('li') ?? [])].map((li) => ({
      outcome: li.getAttribute('data-outcome'),
      icon: li.querySelector('svg') !== null,
      text: li.textContent?.replace(/\s+/g, ' ').trim(),
    }));
    expect(checks).toEqual([
      { outcome: 'passed', icon: true, text: 'Passed Discovery document reachable The discovery document answered.' },
      { outcome: 'passed', icon: true, text: 'Passed Issuer matches The issuer matches.' },
      { outcome: 'failed', icon: true, text: 'Failed PKCE S256 is not among code_challenge_methods_supported.' },
      { outcome: 'skipped', icon: true, text: 'Skipped Client ID and secret An earlier check failed.' },
    ]);
    expect(test?.disabled).toBe(false);
  });

  it('tests unsaved settings from the form, with the credentials typed', async () => {
    await render(listOf([]), {
      'POST /api/admin/identity-providers/test': () =>
        jsonResponse({ ok: true, summary: 'All is well.', redirectUri: REDIRECT, checks: [] }),
    });
    button('Connect a provider')?.click();
    flushSync();
    type('provider-issuer', 'https://login.dfci.example/realms/staff');
    type('provider-clientId', 'apoc-summits');
    type('provider-clientSecret', 's3cret');
    button('Test these settings')?.click();
    await settle();
    expect(bodyOf('POST', '/api/admin/identity-providers/test')).toEqual({
      issuer: 'https://login.dfci.example/realms/staff',
      clientId: 'apoc-summits',
      clientSecret: 's3cret',
    });
    expect(text('dialog [data-testid="connection-report"]')).toContain('All is well.');
  });

  it('disconnects only after a confirmation that says its sign-ins end, then says how many did', async () => {
    await render(listOf([dfci]), {
      'DELETE /api/admin/identity-providers/idp-dfci': () => jsonResponse({ revoked: 2, unlinked: 3 }),
    });
    button('Disconnect: Dana-Farber')?.click();
    flushSync();
    const dialog = openDialog();
    expect(dialog?.querySelector('h2')?.textContent).toBe('Disconnect Dana-Farber?');
    expect(dialog?.textContent).toContain('every sign-in made through it ends at once');
    expect(dialog?.textContent).toContain('3 members are linked to it.');
    expect(calls('DELETE', '/api/admin/identity-providers/idp-dfci')).toHaveLength(0);

    button('Disconnect and end its sign-ins', dialog ?? document)?.click();
    await settle();
    expect(calls('DELETE', '/api/admin/identity-providers/idp-dfci')).toHaveLength(1);
    expect(openDialog()).toBeNull();
    expect(text('[data-testid="identity-outcome"]')).toBe(
      'Dana-Farber is disconnected. 2 sign-ins ended. 3 members unlinked.',
    );
    expect(document.querySelector('[data-provider-id="idp-dfci"]')).toBeNull();
  });

  it('shows why a disconnection was refused, and keeps the provider', async () => {
    await render(listOf([dfci]), {
      'DELETE /api/admin/identity-providers/idp-dfci': () =>
        jsonResponse(
          {
            type: 'about:blank',
            title: 'Forbidden',
            status: 403,
            detail: 'Sign in again: this change needs a sign-in from the last hour.',
          },
          403,
        ),
    });
    button('Disconnect: Dana-Farber')?.click();
    flushSync();
    button('Disconnect and end its sign-ins', openDialog() ?? document)?.click();
    await settle();
    expect(text('dialog[open] [role="alert"]')).toContain('Not disconnected: Sign in again');
    expect(document.querySelector('[data-provider-id="idp-dfci"]')).not.toBeNull();
  });
});
