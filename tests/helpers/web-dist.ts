// The built web app (web/build.mjs): one index page per language, and the JavaScript each loads at once.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { LANGUAGES, type Language } from '@apoc/shared/domain';
import { REPO_ROOT } from './server';

export const WEB_DIST = join(REPO_ROOT, 'web/dist');

/** The page a language is served: English is index.html, the others index.<language>.html. */
export function indexPage(language: Language): string {
  return join(WEB_DIST, language === 'en' ? 'index.html' : `index.${language}.html`);
}

export const builtLanguages = (): Language[] => LANGUAGES.filter((language) => existsSync(indexPage(language)));

/** The scripts a first visit in that language loads at once: its entry and the modules it preloads. */
export function initialScripts(language: Language): string[] {
  const html = readFileSync(indexPage(language), 'utf8');
  return [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((match) => match[1] as string);
}

/** Their gzipped size in bytes. */
export function initialJavaScript(language: Language): number {
  return initialScripts(language).reduce((sum, file) => sum + gzipSync(readFileSync(join(WEB_DIST, file))).length, 0);
}
