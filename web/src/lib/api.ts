// The only place the web app talks HTTP. Every function is typed with the contract in @apoc/shared;
// every failure becomes an ApiError carrying the server's problem+json (RFC 9457).
import type {
  CalendarFeed,
  AttendanceReport,
  Changelog,
  CreateMember,
  CurrentSession,
  DeactivateInactive,
  DeactivationReport,
  DirectoryMember,
  ImportReport,
  Institution,
  JoinResult,
  LoginAccepted,
  MailboxMessage,
  Member,
  MemberQuery,
  OutboxMessage,
  OutboxPage,
  OutboxQuery,
  Problem,
  Revoked,
  SessionDetail,
  SignIn,
  SsoDiscovery,
  SsoProvider,
  SummitDetail,
  SummitSummary,
  UpdateMember,
  UpdateProfile,
  SecurityEventPage,
  SecurityEventQuery,
  VerifyPreview,
  VerifyResult,
} from '@apoc/shared';
import type { FeedScope } from '@apoc/shared/domain';
import { problemSlug, type ProblemSlug } from '@apoc/shared/problems';
import { m } from '../paraglide/messages.js';
import { formatLocale, language } from './language';
import { localProblem, problemsReady } from './problems';

export class ApiError extends Error {
  readonly status: number;
  /** What failed, in the page's language (see `detail`). */
  readonly title: string;
  /**
   * The explanation people read: the server's (English) on an English page, else the page's language's for the
   * problem's kind (lib/problems.ts). Undefined when the server gave none, so `detail ?? title` reads the same.
   */
  readonly detail: string | undefined;
  /** The server's own explanation, in English whatever the page's language: for logs and support. */
  readonly serverDetail: string | undefined;
  /** The problem as the server sent it (its own title and detail included). */
  readonly problem: Problem;

  constructor(problem: Problem) {
    const local = localProblem(problem, language, formatLocale);
    // Without a detail from the server the sentence becomes the title: callers that tell "no detail" apart
    // (the sign-in page's 429) keep doing so, and `detail ?? title` reads the sentence.
    const title = local ? (problem.detail === undefined ? local.detail : local.title) : problem.title;
    const detail = local && problem.detail !== undefined ? local.detail : problem.detail;
    super(detail ?? title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.title = title;
    this.detail = detail;
    this.serverDetail = problem.detail;
    this.problem = problem;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  /** The kind of problem (its `type`, from the closed list in @apoc/shared), to tell one refusal from another. */
  get kind(): ProblemSlug | undefined {
    return problemSlug(this.problem.type);
  }

  /** 401: the caller is not (or no longer) signed in. */
  get isUnauthenticated(): boolean {
    return this.status === 401;
  }
}

type UnauthenticatedListener = (request: { path: string; method: string }) => void;
const unauthenticatedListeners = new Set<UnauthenticatedListener>();

/**
 * Calls `listener` whenever the server answers 401, i.e. the sign-in ended elsewhere (signed out in
 * another browser, deactivated, expired): the session store listens, so every page learns it at once.
 */
export function onUnauthenticated(listener: UnauthenticatedListener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).title === 'string' &&
    typeof (value as Problem).status === 'number'
  );
}

async function readJson(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/**
 * The server's answer itself when it succeeded, for a caller that reads something other than JSON (a PDF:
 * `accept` names it); every failure is an ApiError with the server's problem, as for `request`.
 */
export async function requestResponse(path: string, accept: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: `${accept}, application/problem+json` };
  const init: RequestInit = { method: options.method ?? 'GET', headers, credentials: 'same-origin' };
  if (options.signal) init.signal = options.signal;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    // Aborts are the caller's own decision: let them through untouched.
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({
      type: 'about:blank',
      title: m.common_server_unreachable(),
      status: 0,
      detail: m.common_server_unreachable_detail(),
    });
  }
  if (response.ok) return response;

  const body = await readJson(response);
  if (response.status === 401) {
    for (const listener of unauthenticatedListeners) listener({ path, method: init.method ?? 'GET' });
  }
  await problemsReady(language);
  throw new ApiError(
    isProblem(body)
      ? body
      : { type: 'about:blank', title: response.statusText || m.common_request_failed(), status: response.status },
  );
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await readJson(await requestResponse(path, 'application/json', options))) as T;
}

const segment = (value: string): string => encodeURIComponent(value);

export function listSummits(signal?: AbortSignal): Promise<SummitSummary[]> {
  return request<SummitSummary[]>('/api/summits', { signal });
}

export function getSummit(id: string, signal?: AbortSignal): Promise<SummitDetail> {
  return request<SummitDetail>(`/api/summits/${segment(id)}`, { signal });
}

export function listInstitutions(signal?: AbortSignal): Promise<Institution[]> {
  return request<Institution[]>('/api/institutions', { signal });
}

/** "?q=x&limit=5" from the defined values only, or "" when there are none. */
function query(values: Record<string, string | number | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

// Sign-in and the member's own account.

export function requestSignInLink(email: string, next?: string): Promise<LoginAccepted> {
  return request<LoginAccepted>('/api/auth/login', { method: 'POST', body: next ? { email, next } : { email } });
}

/** The institutions whose own accounts sign people in here ("Sign in with Asan Medical Center"). */
export function listSsoProviders(signal?: AbortSignal): Promise<SsoProvider[]> {
  return request<SsoProvider[]>('/api/auth/sso/providers', { signal });
}

/** Which institution's provider, if any, signs in `email` (by its domain alone). */
export function discoverSso(email: string): Promise<SsoDiscovery> {
  return request<SsoDiscovery>('/api/auth/sso/discover', { method: 'POST', body: { email } });
}

/** Where the browser goes (a full-page navigation, not a call) to sign in with a provider. */
export function ssoStartPath(providerId: string, email?: string, returnTo?: string): string {
  return `/api/auth/sso/${segment(providerId)}/start${query({ email, returnTo: returnTo === '/' ? undefined : returnTo })}`;
}

/** Whom a sign-in link is for, without using it: the verify page asks "Sign in as …?" first. */
export function previewSignIn(token: string): Promise<VerifyPreview> {
  return request<VerifyPreview>('/api/auth/verify/preview', { method: 'POST', body: { token } });
}

export function verifySignIn(token: string): Promise<VerifyResult> {
  return request<VerifyResult>('/api/auth/verify', { method: 'POST', body: { token } });
}

export async function signOut(): Promise<void> {
  // An empty JSON body: the server accepts writes only as JSON, which other sites cannot send.
  await request<undefined>('/api/auth/logout', { method: 'POST', body: {} });
}

/** Who is signed in, or null for a visitor: a 200 either way, so a visit logs no failed request. */
export async function getSignedInMember(signal?: AbortSignal): Promise<Member | null> {
  return (await request<CurrentSession>('/api/auth/session', { signal })).member;
}

export function updateMe(patch: UpdateProfile): Promise<Member> {
  return request<Member>('/api/me', { method: 'PATCH', body: patch });
}

/** Erases the caller (GDPR): answers 403 `recent-sign-in-required` unless they signed in within the hour. */
export async function eraseMe(): Promise<void> {
  await request<undefined>('/api/me', { method: 'DELETE' });
}

/** Where the caller's data downloads as one JSON document. */
export const EXPORT_PATH = '/api/me/export';

export function listSignIns(signal?: AbortSignal): Promise<SignIn[]> {
  return request<SignIn[]>('/api/me/sign-ins', { signal });
}

export async function endSignIn(id: string): Promise<void> {
  await request<undefined>(`/api/me/sign-ins/${segment(id)}`, { method: 'DELETE' });
}

export function endEverySignIn(): Promise<Revoked> {
  return request<Revoked>('/api/me/sign-ins', { method: 'DELETE' });
}

// Members (admins).

export function listMembers(filter: MemberQuery, signal?: AbortSignal): Promise<DirectoryMember[]> {
  return request<DirectoryMember[]>(`/api/members${query({ ...filter })}`, { signal });
}

export function createMember(input: CreateMember): Promise<Member> {
  return request<Member>('/api/members', { method: 'POST', body: input });
}

export function updateMember(id: string, patch: UpdateMember): Promise<Member> {
  return request<Member>(`/api/members/${segment(id)}`, { method: 'PATCH', body: patch });
}

export function importMembers(csv: string, dryRun: boolean): Promise<ImportReport> {
  return request<ImportReport>('/api/members/import', { method: 'POST', body: { csv, dryRun } });
}

/** Deactivates the members not seen for `days` days, or with `dryRun` only lists them (longest unseen first). */
export function deactivateInactiveMembers(input: DeactivateInactive): Promise<DeactivationReport> {
  return request<DeactivationReport>('/api/members/deactivate-inactive', { method: 'POST', body: input });
}

// The mail outbox (admins) and the development mailbox.

export function getOutbox(filter: OutboxQuery, signal?: AbortSignal): Promise<OutboxPage> {
  return request<OutboxPage>(`/api/admin/outbox${query({ ...filter })}`, { signal });
}

export function getSecurityEvents(filter: SecurityEventQuery, signal?: AbortSignal): Promise<SecurityEventPage> {
  const query = new URLSearchParams(
    Object.entries(filter).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]])),
  ).toString();
  return request<SecurityEventPage>(`/api/admin/security-events${query ? `?${query}` : ''}`, { signal });
}

export function retryOutboxMessage(id: string): Promise<OutboxMessage> {
  return request<OutboxMessage>(`/api/admin/outbox/${segment(id)}/retry`, { method: 'POST', body: {} });
}

export function getMailbox(limit: number, signal?: AbortSignal): Promise<MailboxMessage[]> {
  return request<MailboxMessage[]>(`/api/dev/mailbox${query({ limit })}`, { signal });
}

// Sessions, stars ("my agenda"), the changelog and calendar feeds.

export function getSession(id: string, signal?: AbortSignal): Promise<SessionDetail> {
  return request<SessionDetail>(`/api/sessions/${segment(id)}`, { signal });
}

/** Records the Join click as attendance and returns the join URL; 403 when not entitled, 409 outside the window. */
export function joinSession(id: string): Promise<JoinResult> {
  return request<JoinResult>(`/api/sessions/${segment(id)}/join`, { method: 'POST' });
}

/** Who joined which session of a summit (organisers). */
export function getAttendance(summitId: string, signal?: AbortSignal): Promise<AttendanceReport> {
  return request<AttendanceReport>(`/api/summits/${segment(summitId)}/attendance`, { signal });
}

/** The attendance report as a CSV download (organisers). */
export function attendanceCsvPath(summitId: string): string {
  return `/api/summits/${segment(summitId)}/attendance.csv`;
}

export function getChangelog(summitId: string, signal?: AbortSignal): Promise<Changelog> {
  return request<Changelog>(`/api/summits/${segment(summitId)}/changes`, { signal });
}

/** The ids of the sessions I starred. */
export function listStars(signal?: AbortSignal): Promise<string[]> {
  return request<string[]>('/api/me/stars', { signal });
}

export async function starSession(id: string): Promise<void> {
  await request<undefined>(`/api/sessions/${segment(id)}/star`, { method: 'PUT' });
}

export async function unstarSession(id: string): Promise<void> {
  await request<undefined>(`/api/sessions/${segment(id)}/star`, { method: 'DELETE' });
}

export function getMyCalendar(signal?: AbortSignal): Promise<CalendarFeed> {
  return request<CalendarFeed>('/api/me/calendar', { signal });
}

export function setCalendarScope(scope: FeedScope): Promise<CalendarFeed> {
  return request<CalendarFeed>('/api/me/calendar', { method: 'PATCH', body: { scope } });
}

/** A new secret address; the old one stops working at once. */
export function regenerateCalendarToken(): Promise<CalendarFeed> {
  return request<CalendarFeed>('/api/me/calendar/token', { method: 'POST', body: {} });
}
