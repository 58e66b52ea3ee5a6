import type { IdentityProvider } from '@apoc/shared';
import { describe, expect, it } from 'vitest';
import {
  createRequest,
  emptyProviderForm,
  forgetsLinks,
  parseDomains,
  providerFormOf,
  updateRequest,
  validateProviderForm,
} from './provider-form';

const provider: IdentityProvider = {
  id: 'idp-asan',
  institutionId: 'asan',
  name: 'Asan Medical Center',
  issuer: 'https://login.amc.example',
  clientId: 'apoc',
  domains: ['amc.seoul.kr'],
  createMembers: false,
  mailLinkAllowed: true,
  secretReadable: true,
  linkedMembers: 0,
  lastSignInAt: null,
  createdAt: '2027-01-04T09:00:00.000Z',
  updatedAt: '2027-01-04T09:00:00.000Z',
};

describe('provider form', () => {
  it('reads domains one a line, or separated by commas, in lower case, each once, keeping a pasted address’s', () => {
    expect(parseDomains(' DFCI.harvard.edu\n\nsomeone@partners.org, dfci.harvard.edu ; mgh.org.\n')).toEqual([
      'dfci.harvard.edu',
      'partners.org',
      'mgh.org',
    ]);
  });

  it('asks for every field of a new provider, but not for the secret of a saved one', () => {
    expect(Object.keys(validateProviderForm(emptyProviderForm(), false)).sort()).toEqual([
      'clientId',
      'clientSecret',
      'domains',
      'institutionId',
      'issuer',
    ]);
    expect(validateProviderForm(providerFormOf(provider), true)).toEqual({});
  });

  it('refuses an issuer that is not a web address, and names the first domain that is not one', () => {
    const values = { ...providerFormOf(provider), issuer: 'login.amc.example', domains: 'amc.seoul.kr\nlocalhost' };
    expect(validateProviderForm(values, true)).toEqual({
      issuer: { field: 'issuer', kind: 'invalid' },
      domains: { field: 'domains', kind: 'invalid', domain: 'localhost' },
    });
  });

  it('leaves the name out of a new provider when empty, so the server uses the institution’s', () => {
    const request = createRequest({ ...providerFormOf(provider), name: '  ', clientSecret: ' s3cret ' });
    expect(request).toEqual({
      institutionId: 'asan',
      issuer: 'https://login.amc.example',
      clientId: 'apoc',
      clientSecret: 's3cret',
      domains: ['amc.seoul.kr'],
      createMembers: false,
      mailLinkAllowed: true,
    });
  });

  it('sends only what changed, keeps the stored secret when none is typed, and nothing when nothing changed', () => {
    expect(updateRequest(provider, providerFormOf(provider))).toBeNull();
    expect(
      updateRequest(provider, { ...providerFormOf(provider), mailLinkAllowed: false, clientSecret: 'new' }),
    ).toEqual({
      mailLinkAllowed: false,
      clientSecret: 'new',
    });
  });

  it('knows that another issuer or client id forgets the links, and other changes do not', () => {
    expect(forgetsLinks(provider, { ...providerFormOf(provider), domains: 'amc.seoul.kr\namc.kr' })).toBe(false);
    expect(forgetsLinks(provider, { ...providerFormOf(provider), clientId: 'apoc-2' })).toBe(true);
    expect(forgetsLinks(provider, { ...providerFormOf(provider), issuer: 'https://login.amc.example/' })).toBe(true);
  });
});
