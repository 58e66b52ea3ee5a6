// Texts organisers give in other languages (issue 18): a summit's title and description, an announcement's title
// and body. Pure, so that the server stores them the same way wherever they are given.
import { LANGUAGES, type Language } from './domain';

type Translations<F extends string> = Partial<Record<Language, Partial<Record<F, string>>>>;

/**
 * What is stored: each of `fields` trimmed, empty texts dropped (an empty text is no translation), and languages
 * left with nothing dropped too.
 */
export function cleanTranslations<F extends string>(
  given: Translations<F> | undefined,
  fields: readonly F[],
): Translations<F> {
  const clean: Translations<F> = {};
  for (const language of LANGUAGES) {
    const texts: Partial<Record<F, string>> = {};
    for (const field of fields) {
      const text = given?.[language]?.[field]?.trim();
      if (text) texts[field] = text;
    }
    if (Object.keys(texts).length > 0) clean[language] = texts;
  }
  return clean;
}
