// The organisers' calls about CME/CPD credits, built on the one HTTP client (lib/api.ts): the credits report,
// the evaluation's results, and revoking or re-issuing a certificate. The accreditation itself is saved with the
// summit (organise.api.ts's updateSummit).
import type { CertificateVerification, CreditsReport, EvaluationResults } from '@apoc/shared';
import { request } from '../../lib/api';

const summitPath = (summitId: string): string => `/api/summits/${encodeURIComponent(summitId)}`;

/** Who earned how many credit hours, per member and session. */
export function getCreditsReport(summitId: string, signal?: AbortSignal): Promise<CreditsReport> {
  return request<CreditsReport>(`${summitPath(summitId)}/credits`, { signal });
}

export const creditsCsvPath = (summitId: string): string => `${summitPath(summitId)}/credits.csv`;

/** The evaluation's answers, aggregated and anonymous. */
export function getEvaluationResults(summitId: string, signal?: AbortSignal): Promise<EvaluationResults> {
  return request<EvaluationResults>(`${summitPath(summitId)}/evaluation/results`, { signal });
}

export const evaluationCsvPath = (summitId: string): string => `${summitPath(summitId)}/evaluation.csv`;

export function revokeCertificate(code: string, reason: string): Promise<CertificateVerification> {
  return request<CertificateVerification>(`/api/certificates/${encodeURIComponent(code)}/revoke`, {
    method: 'POST',
    body: { reason },
  });
}

/** A new certificate for the member (after a correction); the one it replaces then shows "replaced". */
export function reissueCertificate(summitId: string, memberId: string): Promise<CertificateVerification> {
  return request<CertificateVerification>(
    `${summitPath(summitId)}/certificates/${encodeURIComponent(memberId)}/reissue`,
    { method: 'POST', body: {} },
  );
}

/** The public page that verifies a certificate's code. */
export const certificatePath = (code: string): string => `/certificates/${encodeURIComponent(code)}`;
