// Each language is a build of its own (web/build.mjs), so that a page carries only its own language's strings
// and the first visit stays light: the JavaScript loaded at once is at most 60 KB gzip in every language.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES, type Language } from '@apoc/shared/domain';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/server';
import { builtLanguages, initialJavaScript, initialScripts, WEB_DIST } from '../helpers/web-dist';

const BUDGET = 60 * 1024;

/** A message of the page's header, in each language, as the source catalogue has it. */
function headerMessage(language: Language): string {
  const file = join(REPO_ROOT, 'shared/messages/common', `${language}.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>).language_not_saved ?? '';
}

function initialCode(language: Language): string {
  return initialScripts(language)
    .map((file) => readFileSync(join(WEB_DIST, file), 'utf8'))
    .join('\n');
}

/** Whether the bundle holds the text, written as is or with its non-ASCII characters escaped. */
function holds(code: string, text: string): boolean {
  const escaped = text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return code.includes(text) || code.includes(escaped) || code.includes(escaped.toUpperCase().replace(/\\U/g, '\\u'));
}

describe('the web app in each language', () => {
  it('is built in all five languages', () => {
    expect(builtLanguages()).toEqual([...LANGUAGES]);
  });

  it.each([...LANGUAGES])('loads at most 60 KB of JavaScript gzip on a first visit in %s', (language) => {
    const size = initialJavaScript(language);
    console.log(`initial JavaScript, ${language}: ${(size / 1024).toFixed(1)} KB gzip`);
    expect(size).toBeGreaterThan(0);
    expect(size).toBeLessThanOrEqual(BUDGET);
  });

  it.each([...LANGUAGES])('carries its own strings and no other language’s in %s', (language) => {
    const code = initialCode(language);
    expect(holds(code, headerMessage(language))).toBe(true);
    for (const other of LANGUAGES.filter((l) => l !== language)) {
      expect(holds(code, headerMessage(other)), `${other}'s text in the ${language} build`).toBe(false);
    }
  });

  it.each([...LANGUAGES])('says its language to browsers and screen readers in %s', (language) => {
    const html = readFileSync(join(WEB_DIST, language === 'en' ? 'index.html' : `index.${language}.html`), 'utf8');
    expect(html).toContain(`<html lang="${language}">`);
  });
});
