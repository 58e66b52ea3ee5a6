// What the announcement pages say and check, as plain functions, with the limits and audiences of the
// API's schema (taken from @apoc/shared/domain, which carries them without the schema builder).
import type { Announcement, AnnouncementPreviewRequest, CreateAnnouncement, Institution } from '@apoc/shared';
import {
  ANNOUNCEMENT_AUDIENCES,
  ANNOUNCEMENT_BODY_MAX,
  ANNOUNCEMENT_TITLE_MAX,
  type AnnouncementAudience,
} from '@apoc/shared/domain';
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

/** The request body of a draft without problems. */
export function toCreateAnnouncement(draft: AnnouncementDraft): CreateAnnouncement {
  return {
    title: draft.title.trim(),
    body: draft.body.trim(),
    audience: draft.audience,
    ...(draft.audience === 'institution' ? { institutionId: draft.institutionId } : {}),
  };
}
