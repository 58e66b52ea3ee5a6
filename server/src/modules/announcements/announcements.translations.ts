// An announcement's title and body in other languages (issue 18). The organiser gives the ones they want; each
// recipient reads their language's words, else the original (the title and the body each on their own).
import { cleanTranslations, type AnnouncementTranslations, type Language } from '@apoc/shared';

/** The title and body one person reads. */
export interface Words {
  title: string;
  /** Markdown. */
  body: string;
}

/** What is stored: texts trimmed, empty ones dropped, empty languages too. */
export const cleanAnnouncementTranslations = (given: AnnouncementTranslations | undefined): AnnouncementTranslations =>
  cleanTranslations(given, ['title', 'body']);

/** The words in `language` where the organiser gave them, else as written. */
export function wordsIn(original: Words, translations: AnnouncementTranslations, language: Language): Words {
  const translated = translations[language];
  return { title: translated?.title ?? original.title, body: translated?.body ?? original.body };
}
