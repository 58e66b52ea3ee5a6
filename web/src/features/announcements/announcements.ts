// What the announcement pages say and check, as plain functions. The limits and audiences mirror
// CreateAnnouncement in @apoc/shared (announcements.test.ts holds them to it): importing the schema
// itself would bring the schema builder into the web bundle.
import type {
  Announcement,
  AnnouncementAudience,
  AnnouncementPreviewRequest,
  CreateAnnouncement,
  Institution,
} from '@apoc/shared';

export const TITLE_MAX = 150;
export const BODY_MAX = 5000;

export const AUDIENCE_OPTIONS: { value: AnnouncementAudience; label: string }[] = [
  { value: 'all', label: 'All registrants' },
  { value: 'in_person', label: 'Registrants attending in person' },
  { value: 'virtual', label: 'Registrants attending online' },
  { value: 'institution', label: 'Registrants of one institution' },
];

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
  else if ([...title].length > TITLE_MAX) problems.title = `Keep the title to ${TITLE_MAX} characters.`;
  const body = draft.body.trim();
  if (!body) problems.body = 'Write the message.';
  else if ([...body].length > BODY_MAX) problems.body = `Keep the message to ${BODY_MAX} characters.`;
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
