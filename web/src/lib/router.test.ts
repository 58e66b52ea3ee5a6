import { describe, expect, it } from 'vitest';
import { resolveRoute } from '../routes';
import { matchPath } from './router.svelte';

describe('matchPath', () => {
  it('matches static and parameterised segments, ignoring a trailing slash', () => {
    expect(matchPath('/', '/')).toEqual({});
    expect(matchPath('/summits/:id', '/summits/apoc-2027')).toEqual({ id: 'apoc-2027' });
    expect(matchPath('/summits/:id', '/summits/apoc-2027/')).toEqual({ id: 'apoc-2027' });
  });

  it('decodes parameters and rejects malformed ones', () => {
    expect(matchPath('/summits/:id', '/summits/a%20b')).toEqual({ id: 'a b' });
    expect(matchPath('/summits/:id', '/summits/%E0%A4%A')).toBeNull();
  });

  it('does not match a different number of segments or other words', () => {
    expect(matchPath('/summits/:id', '/summits')).toBeNull();
    expect(matchPath('/summits/:id', '/summits/a/changes')).toBeNull();
    expect(matchPath('/summits/:id', '/sessions/a')).toBeNull();
  });
});

describe('resolveRoute', () => {
  it('knows the sign-in, account, admin and development pages', () => {
    expect(resolveRoute('/sign-in')).toEqual({ name: 'sign-in' });
    expect(resolveRoute('/sign-in/problem')).toEqual({ name: 'sign-in-problem' });
    expect(resolveRoute('/auth/verify')).toEqual({ name: 'verify' });
    expect(resolveRoute('/me')).toEqual({ name: 'me' });
    expect(resolveRoute('/admin/members/')).toEqual({ name: 'admin-members' });
    expect(resolveRoute('/admin/outbox')).toEqual({ name: 'admin-outbox' });
    expect(resolveRoute('/admin/sign-in')).toEqual({ name: 'admin-sign-in' });
    expect(resolveRoute('/dev/mailbox')).toEqual({ name: 'mailbox' });
    expect(resolveRoute('/admin')).toEqual({ name: 'not-found' });
  });

  it('knows the home page, summit pages, the organisers’ pages, and nothing else yet', () => {
    expect(resolveRoute('/')).toEqual({ name: 'home' });
    expect(resolveRoute('/summits/apoc-2027')).toEqual({ name: 'summit', summitId: 'apoc-2027' });
    expect(resolveRoute('/organise')).toEqual({ name: 'organise' });
    expect(resolveRoute('/organise/summits/apoc-2027')).toEqual({
      name: 'organise-summit',
      summitId: 'apoc-2027',
      tab: 'details',
    });
    expect(resolveRoute('/organise/summits/apoc-2027/agenda')).toEqual({
      name: 'organise-summit',
      summitId: 'apoc-2027',
      tab: 'agenda',
    });
    expect(resolveRoute('/organise/summits/apoc-2027/nothing')).toEqual({ name: 'not-found' });
  });
});
