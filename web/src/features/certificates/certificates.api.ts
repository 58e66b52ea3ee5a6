// The certificates API as attendees and the public call it: a member's credits at a summit, the summit's
// evaluation, the certificate's PDF, and the public verification of a certificate by its code.
import type { CertificateVerification, EvaluationAnswer, EvaluationForm, MyCredits } from '@apoc/shared';
import { request, requestResponse } from '../../lib/api';

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

export interface CertificateFile {
  blob: Blob;
  /** The name the server gave the attachment, when it gave one. */
  fileName: string | null;
}

/**
 * The certificate's PDF (the summit's, or one day's when certificates are issued per day), issued on the first
 * call. Fetched rather than followed as a link so that a refusal (the evaluation still to fill, not yet
 * available) is an ApiError said on the page instead of JSON in its place.
 */
export async function downloadCertificate(summitId: string, day: string | null): Promise<CertificateFile> {
  const path = `${summitPath(summitId)}/certificate${day ? `?day=${encodeURIComponent(day)}` : ''}`;
  const response = await requestResponse(path, 'application/pdf');
  const disposition = response.headers.get('content-disposition') ?? '';
  const fileName =
    /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
  return { blob: await response.blob(), fileName: fileName ? decodeURIComponent(fileName) : null };
}
