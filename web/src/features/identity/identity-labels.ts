// The words for the connection test's checks and outcomes, in the page's language (the server's `detail` stays
// in its own plain English words).
import type { ConnectionCheck, ConnectionCheckName } from '@apoc/shared';
import { m } from '../../paraglide/messages.js';

export const CHECK_LABELS: Record<ConnectionCheckName, string> = {
  reachable: m.identity_check_reachable(),
  issuer: m.identity_check_issuer(),
  'authorization-code': m.identity_check_authorization_code(),
  pkce: m.identity_check_pkce(),
  scopes: m.identity_check_scopes(),
  client: m.identity_check_client(),
};

export const OUTCOME_LABELS: Record<ConnectionCheck['outcome'], string> = {
  passed: m.identity_outcome_passed(),
  warning: m.identity_outcome_warning(),
  failed: m.identity_outcome_failed(),
  skipped: m.identity_outcome_skipped(),
};
