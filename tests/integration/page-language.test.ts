// The web app is built once per language (web/build.mjs); the server answers every page in the language the
// visitor chose (the switcher's cookie), else the first their browser asks for that the platform speaks, else
// English. Real files in a folder of the test's own stand in for the built app.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app';

const page = (language: string): string =>
  `<!doctype html><html lang="${language}"><head><title>APoC</title></head><body><div id="app"></div></body></html>`;

describe('each page in the visitor’s language', () => {
  let web: string;
  let test: TestApp;

  beforeAll(async () => {
    web = mkdtempSync(join(tmpdir(), 'apoc-web-'));
    writeFileSync(join(web, 'index.html'), page('en'));
    for (const language of ['fr', 'de', 'ko']) writeFileSync(join(web, `index.${language}.html`), page(language));
    // Spanish is left unbuilt: an older dist/ without it.
    test = await buildTestApp({ webRoot: web });
  });

  afterAll(async () => {
    await test.close();
    rmSync(web, { recursive: true, force: true });
  });

  async function languageOf(headers: Record<string, string>, url = '/summits/some-summit'): Promise<string> {
    const response = await test.app.inject({ method: 'GET', url, headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers.vary).toMatch(/Cookie/);
    expect(response.headers.vary).toMatch(/Accept-Language/);
    const served = /<html lang="(\w+)"/.exec(response.body)?.[1];
    expect(response.headers['content-language']).toBe(served);
    return served ?? '';
  }

  it('serves a Korean browser the Korean page, on every deep link', async () => {
    expect(await languageOf({ 'accept-language': 'ko-KR,ko;q=0.9,en-US;q=0.8' })).toBe('ko');
    expect(await languageOf({ 'accept-language': 'ko-KR' }, '/sessions/x')).toBe('ko');
  });

  it('puts the visitor’s choice before the browser’s languages', async () => {
    expect(await languageOf({ 'accept-language': 'ko-KR', cookie: 'other=1; apoc-language=de' })).toBe('de');
  });

  it('skips languages the platform does not speak, by quality', async () => {
    expect(await languageOf({ 'accept-language': 'it-IT, pt;q=0.9, fr;q=0.8, de;q=0.85' })).toBe('de');
  });

  it('serves English when nothing matches, when the choice is unknown, and when a language is not built', async () => {
    expect(await languageOf({})).toBe('en');
    expect(await languageOf({ cookie: 'apoc-language=xx', 'accept-language': 'it' })).toBe('en');
    expect(await languageOf({ 'accept-language': 'es-ES' })).toBe('en');
  });

  it('still answers unknown API paths with problem+json, whatever the language', async () => {
    const response = await test.app.inject({
      method: 'GET',
      url: '/api/nothing',
      headers: { 'accept-language': 'ko' },
    });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
