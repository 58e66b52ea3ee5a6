import { LANGUAGES, type Language } from '@apoc/shared/domain';
import { overwriteGetLocale } from './paraglide/runtime.js';

export { m } from './paraglide/messages.js';

// The server serves every language at once, so it has no locale of its own: each message it writes takes
// an explicit { locale }. A forgotten one fails loudly (in tests first) instead of quietly sending English.
overwriteGetLocale(() => {
  throw new Error('A server message was written without { locale }: pass the recipient’s language.');
});

const isLanguage = (value: string): value is Language => (LANGUAGES as readonly string[]).includes(value);

/** A member's language, else English (the source of every text). */
export const languageOf = (language: string | null | undefined): Language =>
  language && isLanguage(language) ? language : 'en';

/**
 * The language a page is served in: the visitor's choice (the cookie the language switcher sets), else
 * the first of the browser's languages (Accept-Language, by quality) that the platform speaks, else English.
 */
export function pickLanguage(chosen: string | undefined, acceptLanguage: string | undefined): Language {
  if (chosen && isLanguage(chosen)) return chosen;
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), quality: q === undefined ? 1 : Number(q), index };
    })
    .filter(({ tag, quality }) => tag && quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of wanted) {
    const primary = tag.split('-')[0] ?? '';
    if (isLanguage(primary)) return primary;
  }
  return 'en';
}

/** The cookie the web app's language switcher writes (scripts/i18n.mjs names it for Paraglide). */
export const LANGUAGE_COOKIE = 'apoc-language';
