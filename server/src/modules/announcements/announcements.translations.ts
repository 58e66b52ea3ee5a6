// An announcement's title and body in other languages (issue 18). The organiser gives the ones they want; each
// recipient reads their language's words, else the original (the title and the body each on their own).
import type { AnnouncementTranslations, Language } from '@apoc/shared';
import { LANGUAGES } from '@apoc/shared/domain';

/** The title and body one person reads. */
export interface Words {
  title: string;
  /** Markdown. */
  body: string;
}

/** What is stored: texts trimmed, empty ones dropped (an empty text is no translation), empty languages too. */
export function cleanTranslations(given: AnnouncementTranslations | undefined): AnnouncementTranslations {
  const clean: AnnouncementTranslations = {};
  for (const language of LANGUAGES) {
    const title = given?.[language]?.title?.trim();
    const body = given?.[language]?.body?.trim();
    if (title || body) clean[language] = { ...(title ? { title } : {}), ...(body ? { body } : {}) };
  }
  return clean;
}

/** The words in `language` where the organiser gave them, else as written. */
export function wordsIn(original: Words, translations: AnnouncementTranslations, language: Language): Words {
  const translated = translations[language];
  return { title: translated?.title ?? original.title, body: translated?.body ?? original.body };
}
