// What the announcement pages say and check, as plain functions, with the limits and audiences of the
// API's schema (taken from @apoc/shared/domain, which carries them without the schema builder).
import type { Announcement, AnnouncementPreviewRequest, CreateAnnouncement, Institution } from '@apoc/shared';
import {
  ANNOUNCEMENT_AUDIENCES,
  ANNOUNCEMENT_BODY_MAX,
  ANNOUNCEMENT_TITLE_MAX,
  type AnnouncementAudience,
} from '@apoc/shared/domain';

const AUDIENCE_LABELS: Record<AnnouncementAudience, string> = {
  all: 'All registrants',
  in_person: 'Registrants attending in person',
  virtual: 'Registrants attending online',
  institution: 'Registrants of one institution',
};

export const AUDIENCE_OPTIONS = ANNOUNCEMENT_AUDIENCES.map((value) => ({ value, label: AUDIENCE_LABELS[value] }));

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
  return `${count} ${count === 1 ? 'registrant' : 'registrants'}`;
}

/** Whom a sent announcement went to, in a few words: "Online", "Asan Medical Center". */
export function audienceLabel(
  announcement: Pick<Announcement, 'audience' | 'institutionId'>,
  institutions: readonly Institution[],
): string {
  switch (announcement.audience) {
    case 'all':
      return 'All registrants';
    case 'in_person':
      return 'In person';
    case 'virtual':
      return 'Online';
    case 'institution':
      return institutions.find((i) => i.id === announcement.institutionId)?.name ?? 'One institution';
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
  if (!title) problems.title = 'Give the announcement a title.';
  else if (/[\r\n]/.test(title)) problems.title = 'Keep the title to one line.';
  else if ([...title].length > ANNOUNCEMENT_TITLE_MAX)
    problems.title = `Keep the title to ${ANNOUNCEMENT_TITLE_MAX} characters.`;
  const body = draft.body.trim();
  if (!body) problems.body = 'Write the message.';
  else if ([...body].length > ANNOUNCEMENT_BODY_MAX)
    problems.body = `Keep the message to ${ANNOUNCEMENT_BODY_MAX} characters.`;
  if (draft.audience === 'institution' && !draft.institutionId) problems.audience = 'Choose the institution.';
  return problems;
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
