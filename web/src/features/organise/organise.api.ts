// The organisers' calls to the API, built on the one HTTP client (lib/api.ts) and typed with the contract.
import type {
  Invitation,
  Changelog,
  CreateRoom,
  CreateSession,
  CreateSummit,
  CreateTrack,
  DraftAgenda,
  NextEdition,
  PublishResult,
  RegistrationOverview,
  Room,
  SessionDetail,
  SummitDetail,
  Track,
  UpdateRoom,
  UpdateSession,
  UpdateSummit,
  UpdateTrack,
} from '@apoc/shared';
import { request } from '../../lib/api';

const segment = (value: string): string => encodeURIComponent(value);
const summitPath = (id: string): string => `/api/summits/${segment(id)}`;

// Summits.

export function createSummit(input: CreateSummit): Promise<SummitDetail> {
  return request<SummitDetail>('/api/summits', { method: 'POST', body: input });
}

export function updateSummit(id: string, patch: UpdateSummit): Promise<SummitDetail> {
  return request<SummitDetail>(summitPath(id), { method: 'PATCH', body: patch });
}

export function planNextEdition(id: string, input: NextEdition): Promise<SummitDetail> {
  return request<SummitDetail>(`${summitPath(id)}/next-edition`, { method: 'POST', body: input });
}

/** The agenda being built: work in progress, its conflicts, and what publishing would change. */
export function getDraft(id: string, signal?: AbortSignal): Promise<DraftAgenda> {
  return request<DraftAgenda>(`${summitPath(id)}/draft`, { signal });
}

/** Fails with a 422 problem carrying `conflicts` while blocking conflicts remain. */
export function publishAgenda(id: string, comment: string): Promise<PublishResult> {
  return request<PublishResult>(`${summitPath(id)}/publish`, { method: 'POST', body: comment ? { comment } : {} });
}

export function getChangelog(id: string, signal?: AbortSignal): Promise<Changelog> {
  return request<Changelog>(`${summitPath(id)}/changes`, { signal });
}

export function getRegistrationOverview(id: string, signal?: AbortSignal): Promise<RegistrationOverview> {
  return request<RegistrationOverview>(`${summitPath(id)}/registrations`, { signal });
}

// Tracks and rooms.

export function createTrack(summitId: string, input: CreateTrack): Promise<Track> {
  return request<Track>(`${summitPath(summitId)}/tracks`, { method: 'POST', body: input });
}

export function updateTrack(id: string, patch: UpdateTrack): Promise<Track> {
  return request<Track>(`/api/tracks/${segment(id)}`, { method: 'PATCH', body: patch });
}

export async function deleteTrack(id: string): Promise<void> {
  await request<undefined>(`/api/tracks/${segment(id)}`, { method: 'DELETE' });
}

export function createRoom(summitId: string, input: CreateRoom): Promise<Room> {
  return request<Room>(`${summitPath(summitId)}/rooms`, { method: 'POST', body: input });
}

export function updateRoom(id: string, patch: UpdateRoom): Promise<Room> {
  return request<Room>(`/api/rooms/${segment(id)}`, { method: 'PATCH', body: patch });
}

export async function deleteRoom(id: string): Promise<void> {
  await request<undefined>(`/api/rooms/${segment(id)}`, { method: 'DELETE' });
}

// Sessions.

export function createSession(summitId: string, input: CreateSession): Promise<SessionDetail> {
  return request<SessionDetail>(`${summitPath(summitId)}/sessions`, { method: 'POST', body: input });
}

/** Organisers get the work in progress, join URL included. */
export function getSession(id: string, signal?: AbortSignal): Promise<SessionDetail> {
  return request<SessionDetail>(`/api/sessions/${segment(id)}`, { signal });
}

export function updateSession(id: string, patch: UpdateSession): Promise<SessionDetail> {
  return request<SessionDetail>(`/api/sessions/${segment(id)}`, { method: 'PATCH', body: patch });
}

/** Only for a session members never saw (409 otherwise: cancel it instead). */
export async function deleteSession(id: string): Promise<void> {
  await request<undefined>(`/api/sessions/${segment(id)}`, { method: 'DELETE' });
}

// Guests' invitations to a summit.

export function listInvitations(summitId: string, signal?: AbortSignal): Promise<Invitation[]> {
  return request<Invitation[]>(`/api/summits/${encodeURIComponent(summitId)}/invitations`, { signal });
}

export function inviteGuest(summitId: string, memberId: string): Promise<Invitation> {
  return request<Invitation>(`/api/summits/${encodeURIComponent(summitId)}/invitations`, {
    method: 'POST',
    body: { memberId },
  });
}

export async function withdrawInvitation(summitId: string, memberId: string): Promise<void> {
  await request<undefined>(`/api/summits/${encodeURIComponent(summitId)}/invitations/${encodeURIComponent(memberId)}`, {
    method: 'DELETE',
  });
}
