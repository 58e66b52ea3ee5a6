import { describe, expect, it } from 'vitest';
import { nextFromSearch, safeNextPath, signInPath } from './next-path';

describe('safeNextPath', () => {
  it('keeps a path of this site, with its query and fragment', () => {
    expect(safeNextPath('/me')).toBe('/me');
    expect(safeNextPath('/summits/apoc-2027?day=2#agenda')).toBe('/summits/apoc-2027?day=2#agenda');
  });

  it('refuses addresses that would leave the site', () => {
    for (const next of [
      'https://evil.example/',
      '//evil.example/path',
      '/\\evil.example',
      '\\\\evil.example',
      'javascript:alert(1)',
      'me',
      '/\t/evil.example',
      ' /me',
    ]) {
      expect(safeNextPath(next), next).toBe('/');
    }
    // Percent-encoded characters stay inside the path: still this site.
    expect(safeNextPath('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
  });

  it('refuses control characters, spaces and overlong values', () => {
    expect(safeNextPath('/me\n')).toBe('/');
    expect(safeNextPath('/a b')).toBe('/');
    expect(safeNextPath(`/${'a'.repeat(600)}`)).toBe('/');
  });

  it('never returns to the sign-in pages, which would loop', () => {
    expect(safeNextPath('/sign-in?next=/me')).toBe('/');
    expect(safeNextPath('/auth/verify?token=abc')).toBe('/');
    expect(safeNextPath('/sign-in/')).toBe('/');
    expect(safeNextPath('/sign-in/problem?reason=denied')).toBe('/');
  });

  it('falls back when there is nothing, or to the fallback given', () => {
    expect(safeNextPath(null)).toBe('/');
    expect(safeNextPath(undefined)).toBe('/');
    expect(safeNextPath('', '/me')).toBe('/me');
    expect(safeNextPath('//evil.example', '/me')).toBe('/me');
  });
});

describe('signInPath and nextFromSearch', () => {
  it('carries the page to return to through the sign-in page, encoded', () => {
    expect(signInPath('/me')).toBe('/sign-in?next=%2Fme');
    expect(signInPath('/summits/a?day=2')).toBe('/sign-in?next=%2Fsummits%2Fa%3Fday%3D2');
    expect(nextFromSearch('?next=%2Fsummits%2Fa%3Fday%3D2')).toBe('/summits/a?day=2');
  });

  it('says nothing of the home page or of an unsafe target', () => {
    expect(signInPath('/')).toBe('/sign-in');
    expect(signInPath(null)).toBe('/sign-in');
    expect(signInPath('https://evil.example')).toBe('/sign-in');
    expect(nextFromSearch('?next=https%3A%2F%2Fevil.example')).toBe('/');
    expect(nextFromSearch('')).toBe('/');
  });
});
