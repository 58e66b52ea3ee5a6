// The planner's calls to the API, built on the one HTTP client (lib/api.ts) and typed with the contract.
import type { FairnessReport, PlannerRequest, PlannerResponse } from '@apoc/shared';
import { request } from '../../lib/api';

/** Ranked start times (and repeat pairs) for a session across the network's time zones. */
export function suggestSlots(input: PlannerRequest, signal?: AbortSignal): Promise<PlannerResponse> {
  return request<PlannerResponse>('/api/planner/slots', { method: 'POST', body: input, signal });
}

/** Night and out-of-hours sessions per institution, in this edition and the previous ones. */
export function getFairness(summitId: string, signal?: AbortSignal): Promise<FairnessReport> {
  return request<FairnessReport>(`/api/summits/${encodeURIComponent(summitId)}/fairness`, { signal });
}
