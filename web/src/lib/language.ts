// The language this page is in, and how to change it. The app is built once per language (web/build.mjs)
// and the server answers each page in the visitor's chosen language (a cookie), else their browser's, else
// English; so the language never changes under a running page: choosing another reloads it.
import { LANGUAGES, type Language } from '@apoc/shared/domain';
import { cookieName, getLocale, setLocale } from '../paraglide/runtime.js';

/** The language of every string on this page. */
export const language: Language = getLocale();

/**
 * The locale dates, times and numbers are written in: the page's language, with the browser's region when
 * the browser asks for that language (en-US keeps its 12-hour clock, de-AT its "Jänner"), else the bare
 * language (a Korean page in an English browser writes Korean dates).
 */
export const formatLocale: string = regionalLocale(
  language,
  typeof navigator === 'undefined' ? [] : navigator.languages,
);

export function regionalLocale(page: string, browser: readonly string[]): string {
  return browser.find((tag) => tag.toLowerCase().split('-')[0] === page) ?? page;
}

/**
 * Each language in its own words, so that it is found by those who read it. Written out rather than asked of
 * Intl.DisplayNames, which loads each language's data: five of them cost every page's start about 10 ms.
 */
const NAMES: Record<Language, string> = { en: 'English', fr: 'Français', de: 'Deutsch', es: 'Español', ko: '한국어' };

export function languageName(code: Language): string {
  return NAMES[code];
}

export const LANGUAGE_CHOICES: { code: Language; name: string }[] = LANGUAGES.map((code) => ({
  code,
  name: NAMES[code],
}));

/** Whether this browser's choice (the cookie the switcher writes, named in scripts/i18n.mjs) is `code` already. */
export function isChosen(code: Language): boolean {
  return document.cookie.split(/;\s*/).includes(`${cookieName}=${code}`);
}

/** Remembers the choice (a cookie the server reads) and reloads the page in that language. */
export function switchLanguage(code: Language): void {
  if (code !== language) void setLocale(code);
}

interface Translated {
  title: string;
  translations: Partial<Record<Language, { title?: string; description?: string }>>;
}

/** A summit's title in the page's language where its organisers gave one, else as written. */
export function summitTitle(summit: Translated): string {
  return summit.translations[language]?.title ?? summit.title;
}

/** A summit's description (Markdown) in the page's language where its organisers gave one, else as written. */
export function summitDescription(summit: Translated & { description: string }): string {
  return summit.translations[language]?.description ?? summit.description;
}
