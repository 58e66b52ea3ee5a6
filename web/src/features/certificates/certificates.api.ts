// The certificates API as attendees and the public call it: a member's credits at a summit, the summit's
// evaluation, the certificate's PDF, and the public verification of a certificate by its code.
import type { CertificateVerification, EvaluationAnswer, EvaluationForm, MyCredits } from '@apoc/shared';
import { ApiError, request } from '../../lib/api';
import { language } from '../../lib/language';
import { problemsReady } from '../../lib/problems';
import { m } from '../../paraglide/messages.js';

const summitPath = (summitId: string): string => `/api/summits/${encodeURIComponent(summitId)}`;

export function getMyCredits(summitId: string, signal?: AbortSignal): Promise<MyCredits> {
  return request<MyCredits>(`${summitPath(summitId)}/credits/me`, { signal });
}

export function getEvaluation(summitId: string, signal?: AbortSignal): Promise<EvaluationForm> {
  return request<EvaluationForm>(`${summitPath(summitId)}/evaluation`, { signal });
}

export function submitEvaluation(summitId: string, answers: EvaluationAnswer): Promise<EvaluationForm> {
  return request<EvaluationForm>(`${summitPath(summitId)}/evaluation`, { method: 'PUT', body: answers });
}

/** Public: what a licensing body may check about a certificate; a 404 for a code that names none. */
export function verifyCertificate(code: string, signal?: AbortSignal): Promise<CertificateVerification> {
  return request<CertificateVerification>(`/api/certificates/${encodeURIComponent(code)}`, { signal });
}

/** Where the certificate's PDF is (the summit's, or one day's when certificates are issued per day). */
export function certificatePath(summitId: string, day: string | null): string {
  return `${summitPath(summitId)}/certificate${day ? `?day=${encodeURIComponent(day)}` : ''}`;
}

export interface CertificateFile {
  blob: Blob;
  /** The name the server gave the attachment, when it gave one. */
  fileName: string | null;
}

/**
 * The certificate's PDF, issued on the first call. Fetched rather than followed as a link so that a refusal
 * (the evaluation still to fill, not yet available) is said on the page instead of replacing it with JSON.
 */
export async function downloadCertificate(summitId: string, day: string | null): Promise<CertificateFile> {
  const path = certificatePath(summitId, day);
  const response = await fetch(path, {
    headers: { accept: 'application/pdf, application/problem+json' },
    credentials: 'same-origin',
  }).catch((error: unknown) => {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({
      type: 'about:blank',
      title: m.common_server_unreachable(),
      status: 0,
      detail: m.common_server_unreachable_detail(),
    });
  });
  if (!response.ok) {
    // The problem+json body, read and thrown as every other API failure is.
    const body: unknown = await response.json().catch(() => undefined);
    await problemsReady(language);
    throw new ApiError(
      typeof body === 'object' && body !== null && 'title' in body && 'status' in body
        ? (body as ConstructorParameters<typeof ApiError>[0])
        : { type: 'about:blank', title: response.statusText, status: response.status },
    );
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const fileName =
    /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
  return { blob: await response.blob(), fileName: fileName ? decodeURIComponent(fileName) : null };
}
