// The only place the web app talks HTTP. Every function is typed with the contract in @apoc/shared;
// every failure becomes an ApiError carrying the server's problem+json (RFC 9457).
import type { Institution, Problem, SummitDetail, SummitSummary } from '@apoc/shared';

export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.title = problem.title;
    this.detail = problem.detail;
    this.problem = problem;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }
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

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
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
      title: 'The server could not be reached',
      status: 0,
      detail: 'Check your connection and try again.',
    });
  }

  const body = await readJson(response);
  if (!response.ok) {
    throw new ApiError(
      isProblem(body)
        ? body
        : { type: 'about:blank', title: response.statusText || 'Request failed', status: response.status },
    );
  }
  return body as T;
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
