// The announcements API as the web app calls it: everyone reads a summit's announcements (the server
// answers with those addressed to the caller); organisers count recipients and send.
import type { Announcement, AnnouncementPreview, AnnouncementPreviewRequest, CreateAnnouncement } from '@apoc/shared';
import { request } from '../../lib/api';

const announcementsPath = (summitId: string): string => `/api/summits/${encodeURIComponent(summitId)}/announcements`;

/** Newest first: all of them for organisers, those addressed to the caller for registrants, none for others. */
export function listAnnouncements(summitId: string, signal?: AbortSignal): Promise<Announcement[]> {
  return request<Announcement[]>(announcementsPath(summitId), { signal });
}

/** How many registrants an announcement to this audience would reach now. */
export function previewAnnouncement(
  summitId: string,
  audience: AnnouncementPreviewRequest,
  signal?: AbortSignal,
): Promise<AnnouncementPreview> {
  return request<AnnouncementPreview>(`${announcementsPath(summitId)}/preview`, {
    method: 'POST',
    body: audience,
    signal,
  });
}

export function sendAnnouncement(summitId: string, input: CreateAnnouncement): Promise<Announcement> {
  return request<Announcement>(announcementsPath(summitId), { method: 'POST', body: input });
}
