import { describe, expect, it } from 'vitest';
import { linkify } from './linkify';

describe('linkify', () => {
  it('turns http and https addresses into links and keeps the rest as text', () => {
    expect(linkify('Sign in:\nhttp://localhost:3000/auth/verify?token=abc_12-3\n\nThanks')).toEqual([
      { kind: 'text', text: 'Sign in:\n' },
      {
        kind: 'link',
        text: 'http://localhost:3000/auth/verify?token=abc_12-3',
        href: 'http://localhost:3000/auth/verify?token=abc_12-3',
      },
      { kind: 'text', text: '\n\nThanks' },
    ]);
    expect(linkify('see https://apoc.example/a and https://apoc.example/b')).toMatchObject([
      { kind: 'text' },
      { kind: 'link', href: 'https://apoc.example/a' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', href: 'https://apoc.example/b' },
    ]);
  });

  it('leaves other schemes as text: javascript:, data:, mailto:, ftp:', () => {
    for (const text of [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'mailto:a@b.org',
      'ftp://files.example/x',
    ]) {
      expect(linkify(text), text).toEqual([{ kind: 'text', text }]);
    }
  });

  it('keeps markup as text for the page to escape, and never puts it in an address', () => {
    const parts = linkify('<img src=x onerror=alert(1)> https://a.example/<b>x</b> "https://b.example/q"');
    expect(parts[0]).toEqual({ kind: 'text', text: '<img src=x onerror=alert(1)> ' });
    const links = parts.filter((part) => part.kind === 'link');
    expect(links.map((link) => link.href)).toEqual(['https://a.example/', 'https://b.example/q']);
    // Every character of the input is still there, in order.
    expect(parts.map((part) => part.text).join('')).toBe(
      '<img src=x onerror=alert(1)> https://a.example/<b>x</b> "https://b.example/q"',
    );
  });

  it('leaves sentence punctuation and unbalanced brackets outside the link', () => {
    expect(linkify('Open https://a.example/x.')).toMatchObject([
      { kind: 'text', text: 'Open ' },
      { kind: 'link', text: 'https://a.example/x' },
      { kind: 'text', text: '.' },
    ]);
    expect(linkify('(see https://a.example/x)')[1]).toMatchObject({ text: 'https://a.example/x' });
    expect(linkify('https://en.wikipedia.example/wiki/A_(b)')[0]).toMatchObject({
      text: 'https://en.wikipedia.example/wiki/A_(b)',
    });
  });

  it('returns nothing for an empty text', () => {
    expect(linkify('')).toEqual([]);
  });
});
