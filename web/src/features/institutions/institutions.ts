// The network's organisations change a few times a decade: fetch them once per page load and
// share the answer between pages (a failed read is forgotten, so the next page retries).
import type { Institution } from '@apoc/shared';
import { listInstitutions } from '../../lib/api';

let cached: Promise<Institution[]> | null = null;

export function loadInstitutions(): Promise<Institution[]> {
  cached ??= listInstitutions().catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}
