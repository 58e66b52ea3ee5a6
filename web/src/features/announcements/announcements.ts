// What the announcement pages say and check, as plain functions, with the limits and audiences of the
// API's schema (taken from @apoc/shared/domain, which carries them without the schema builder).
import type {
  Announcement,
  AnnouncementPreviewRequest,
  AnnouncementTranslations,
  CreateAnnouncement,
  Institution,
} from '@apoc/shared';
import {
  ANNOUNCEMENT_AUDIENCES,
  ANNOUNCEMENT_BODY_MAX,
  ANNOUNCEMENT_TITLE_MAX,
  LANGUAGES,
  type AnnouncementAudience,
  type Language,
} from '@apoc/shared/domain';
import { formatLocale, language as pageLanguage, languageName } from '../../lib/language';
import { m } from '../../paraglide/messages.js';

const AUDIENCE_LABELS: Record<AnnouncementAudience, () => string> = {
  all: () => m.announcements_audience_all(),
  in_person: () => m.announcements_audience_in_person(),
  virtual: () => m.announcements_audience_virtual(),
  institution: () => m.announcements_audience_institution(),
};

export const AUDIENCE_OPTIONS = ANNOUNCEMENT_AUDIENCES.map((value) => ({
  value,
  label: AUDIENCE_LABELS[value](),
}));

/** The compose form as the organiser fills it in. */
export interface AnnouncementDraft {
  title: string;
  body: string;
  audience: AnnouncementAudience;
  /** '' until an institution is chosen. */
  institutionId: string;
}

export const emptyDraft = (): AnnouncementDraft => ({ title: '', body: '', audience: 'all', institutionId: '' });

/** The translations as the organiser fills them in: a title and a message per language, '' where none is given. */
export type TranslationDrafts = Record<Language, { title: string; body: string }>;

export const emptyTranslations = (): TranslationDrafts =>
  Object.fromEntries(LANGUAGES.map((code) => [code, { title: '', body: '' }])) as TranslationDrafts;

/** How far a language is translated: both texts, one of them, or neither (its readers get the original). */
export type TranslationState = 'given' | 'title_only' | 'body_only' | 'missing';

export function translationState(words: { title?: string; body?: string } | undefined): TranslationState {
  const title = Boolean(words?.title?.trim());
  const body = Boolean(words?.body?.trim());
  if (title && body) return 'given';
  if (title) return 'title_only';
  return body ? 'body_only' : 'missing';
}

const TRANSLATION_STATES: Record<TranslationState, () => string> = {
  given: () => m.announcements_translation_given(),
  title_only: () => m.announcements_translation_title_only(),
  body_only: () => m.announcements_translation_body_only(),
  missing: () => m.announcements_translation_missing(),
};

/** "Translated", "Title only", "Message only", "Missing". */
export function translationStateText(state: TranslationState): string {
  return TRANSLATION_STATES[state]();
}

const inPageLanguage = new Intl.DisplayNames([pageLanguage], { type: 'language' });

/** A translation's fields named with their language in the page's words: "Title in Korean", "Titre en coréen". */
export function translationFieldNames(code: Language): { title: string; body: string } {
  const language = inPageLanguage.of(code) ?? code;
  return {
    title: m.announcements_translation_title_label({ language }),
    body: m.announcements_translation_body_label({ language }),
  };
}

/** What the API takes: the texts given, trimmed; the languages left empty are left out. */
export function translationsOf(drafts: TranslationDrafts): AnnouncementTranslations {
  const given: AnnouncementTranslations = {};
  for (const code of LANGUAGES) {
    const title = drafts[code].title.trim();
    const body = drafts[code].body.trim();
    if (title || body) given[code] = { ...(title ? { title } : {}), ...(body ? { body } : {}) };
  }
  return given;
}

/** The languages an announcement has a translation in, in the platform's order. */
export function translatedLanguages(translations: AnnouncementTranslations): Language[] {
  return LANGUAGES.filter((code) => translationState(translations[code]) !== 'missing');
}

/**
 * Languages as a list in the page's language ("Français and 한국어"), in pieces: each name, in its own words,
 * carries its code for a `lang` attribute; the words between them carry none.
 */
export function languageList(codes: readonly Language[]): { text: string; code: Language | null }[] {
  const names = codes.map((code) => languageName(code));
  let next = 0;
  return new Intl.ListFormat(formatLocale, { type: 'conjunction' })
    .formatToParts(names)
    .map((part) => ({ text: part.value, code: part.type === 'element' ? (codes[next++] ?? null) : null }));
}

/** An announcement's title in the page's language where the organisers gave one, else as written. */
export function announcementTitle(
  announcement: Pick<Announcement, 'title' | 'translations'>,
  language: Language = pageLanguage,
): string {
  return announcement.translations[language]?.title ?? announcement.title;
}

/** An announcement's message (Markdown) in the page's language where the organisers gave one, else as written. */
export function announcementBody(
  announcement: Pick<Announcement, 'body' | 'translations'>,
  language: Language = pageLanguage,
): string {
  return announcement.translations[language]?.body ?? announcement.body;
}

/** "1 registrant", "23 registrants". */
export function registrantsText(count: number): string {
  return m.announcements_registrants({ count });
}

/** Whom a sent announcement went to, in a few words: "Online", "Asan Medical Center". */
export function audienceLabel(
  announcement: Pick<Announcement, 'audience' | 'institutionId'>,
  institutions: readonly Institution[],
): string {
  switch (announcement.audience) {
    case 'all':
      return m.announcements_audience_all();
    case 'in_person':
      return m.announcements_audience_short_in_person();
    case 'virtual':
      return m.announcements_audience_short_virtual();
    case 'institution':
      return (
        institutions.find((i) => i.id === announcement.institutionId)?.name ??
        m.announcements_audience_one_institution()
      );
  }
}

/** The audience to count, or null while the institution is still to be chosen. */
export function previewRequest(draft: AnnouncementDraft): AnnouncementPreviewRequest | null {
  if (draft.audience !== 'institution') return { audience: draft.audience };
  return draft.institutionId ? { audience: 'institution', institutionId: draft.institutionId } : null;
}

/** What still keeps the draft from being sent, field by field (empty when it can go). */
export function draftProblems(draft: AnnouncementDraft): Partial<Record<'title' | 'body' | 'audience', string>> {
  const problems: Partial<Record<'title' | 'body' | 'audience', string>> = {};
  const title = draft.title.trim();
  if (!title) problems.title = m.announcements_title_required();
  else if (/[\r\n]/.test(title)) problems.title = m.announcements_title_one_line();
  else if ([...title].length > ANNOUNCEMENT_TITLE_MAX)
    problems.title = m.announcements_title_too_long({ max: ANNOUNCEMENT_TITLE_MAX });
  const body = draft.body.trim();
  if (!body) problems.body = m.announcements_body_required();
  else if ([...body].length > ANNOUNCEMENT_BODY_MAX)
    problems.body = m.announcements_body_too_long({ max: ANNOUNCEMENT_BODY_MAX });
  if (draft.audience === 'institution' && !draft.institutionId)
    problems.audience = m.announcements_institution_required();
  return problems;
}

/**
 * A hint written with `code` pieces between backticks, in pieces, so that each language's sentence keeps
 * its own order and the page sets the pieces in <code>.
 */
export function codePieces(text: string): { text: string; code: boolean }[] {
  return text
    .split('`')
    .map((piece, index) => ({ text: piece, code: index % 2 === 1 }))
    .filter((piece) => piece.text !== '');
}

/** The request body of a draft without problems, with the translations given (none: no translations field). */
export function toCreateAnnouncement(draft: AnnouncementDraft, translations?: TranslationDrafts): CreateAnnouncement {
  const given = translations ? translationsOf(translations) : {};
  return {
    title: draft.title.trim(),
    body: draft.body.trim(),
    ...(Object.keys(given).length > 0 ? { translations: given } : {}),
    audience: draft.audience,
    ...(draft.audience === 'institution' ? { institutionId: draft.institutionId } : {}),
  };
}
