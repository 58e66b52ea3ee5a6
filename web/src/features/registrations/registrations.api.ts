// The registrations API as the web app calls it: members register, change and cancel their own
// registration and answer offers; organisers read, approve, promote, reject, set quotas and check in.
import type {
  AttendeeList,
  CheckInResult,
  DoorCounts,
  Quotas,
  RegisterRequest,
  Registration,
  RegistrationEvent,
  RegistrationOverview,
  RegistrationQuery,
  RegistrationRow,
  UpdateRegistration,
} from '@apoc/shared';
import { request } from '../../lib/api';

const summitPath = (summitId: string): string => `/api/summits/${encodeURIComponent(summitId)}`;

// The member's own registrations.

export function register(summitId: string, input: RegisterRequest): Promise<Registration> {
  return request<Registration>(`${summitPath(summitId)}/registrations`, { method: 'POST', body: input });
}

/**
 * The member's registration for the summit, or null when they have none (or cancelled it). Asked as a
 * list filtered to the summit, whose answer before registering is an empty 200, not a 404 that the
 * browser would log as an error.
 */
export async function getMyRegistration(summitId: string, signal?: AbortSignal): Promise<Registration | null> {
  const mine = await request<Registration[]>(`/api/me/registrations?summitId=${encodeURIComponent(summitId)}`, {
    signal,
  });
  return mine.find((registration) => registration.status !== 'cancelled') ?? null;
}

/** Who comes: to members, those who agreed to be listed (and how many others); to organisers, everyone. */
export function getAttendees(summitId: string, signal?: AbortSignal): Promise<AttendeeList> {
  return request<AttendeeList>(`${summitPath(summitId)}/attendees`, { signal });
}

export function updateMyRegistration(summitId: string, patch: UpdateRegistration): Promise<Registration> {
  return request<Registration>(`${summitPath(summitId)}/registrations/me`, { method: 'PATCH', body: patch });
}

export function cancelMyRegistration(summitId: string): Promise<Registration> {
  return request<Registration>(`${summitPath(summitId)}/registrations/me`, { method: 'DELETE' });
}

export function listMyRegistrations(signal?: AbortSignal): Promise<Registration[]> {
  return request<Registration[]>('/api/me/registrations', { signal });
}

export function answerOffer(registrationId: string, accept: boolean): Promise<Registration> {
  return request<Registration>(
    `/api/registrations/${encodeURIComponent(registrationId)}/offer/${accept ? 'accept' : 'decline'}`,
    { method: 'POST' },
  );
}

// Organisers.

export function getRegistrationOverview(
  summitId: string,
  filter: RegistrationQuery,
  signal?: AbortSignal,
): Promise<RegistrationOverview> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, String(value));
  const search = params.toString();
  return request<RegistrationOverview>(`${summitPath(summitId)}/registrations${search ? `?${search}` : ''}`, {
    signal,
  });
}

/** The CSV export's address: a plain download link, which the server answers with an attachment. */
export const registrationsCsvPath = (summitId: string): string => `${summitPath(summitId)}/registrations.csv`;

export function getRegistrationAudit(summitId: string, signal?: AbortSignal): Promise<RegistrationEvent[]> {
  return request<RegistrationEvent[]>(`${summitPath(summitId)}/registrations/audit`, { signal });
}

export type OrganiserAction = 'approve' | 'promote' | 'reject';

export function actOnRegistration(
  summitId: string,
  registrationId: string,
  action: OrganiserAction,
  reason?: string,
): Promise<RegistrationRow> {
  return request<RegistrationRow>(
    `${summitPath(summitId)}/registrations/${encodeURIComponent(registrationId)}/${action}`,
    { method: 'POST', ...(action === 'reject' ? { body: reason ? { reason } : {} } : {}) },
  );
}

export function getQuotas(summitId: string, signal?: AbortSignal): Promise<Quotas> {
  return request<Quotas>(`${summitPath(summitId)}/quotas`, { signal });
}

export function setQuotas(summitId: string, quotas: Quotas): Promise<Quotas> {
  return request<Quotas>(`${summitPath(summitId)}/quotas`, { method: 'PUT', body: quotas });
}

/**
 * `confirm`: the organiser agreed to check in outside the summit's days, or the door's window (the server asked, with
 * a 409). `sessionId`: scanned at that session's room door rather than at the summit's desk.
 */
/** How many badges each room door has scanned: a door's tablet shows its count again after a reload. */
export function getDoorCounts(summitId: string, signal?: AbortSignal): Promise<DoorCounts> {
  return request<DoorCounts>(`${summitPath(summitId)}/check-in/doors`, signal ? { signal } : {});
}

export function checkIn(summitId: string, code: string, confirm = false, sessionId?: string): Promise<CheckInResult> {
  return request<CheckInResult>(`${summitPath(summitId)}/check-in`, {
    method: 'POST',
    body: { code, ...(confirm ? { confirm } : {}), ...(sessionId ? { sessionId } : {}) },
  });
}
