// A summit's title and description in other languages (issue 18). Organisers give what they want; each person
// reads their language's text, else the original. Session titles and abstracts stay as written.
import { cleanTranslations, type SummitTranslations, type TitleTranslations } from '@apoc/shared';
import { LANGUAGES } from '@apoc/shared/domain';

/** What is stored: texts trimmed, empty ones dropped, empty languages too. */
export const cleanSummitTranslations = (given: SummitTranslations): SummitTranslations =>
  cleanTranslations(given, ['title', 'description']);

/** The titles alone, for lists. */
export function titleTranslations(translations: SummitTranslations): TitleTranslations {
  const titles: TitleTranslations = {};
  for (const language of LANGUAGES) {
    const title = translations[language]?.title;
    if (title) titles[language] = { title };
  }
  return titles;
}

/** The next edition keeps the description's translations; a new title is written afresh, so its translations go. */
export function nextEditionTranslations(translations: SummitTranslations, newTitle: boolean): SummitTranslations {
  if (!newTitle) return translations;
  const descriptions: SummitTranslations = {};
  for (const language of LANGUAGES) {
    const description = translations[language]?.description;
    if (description) descriptions[language] = { description };
  }
  return descriptions;
}
