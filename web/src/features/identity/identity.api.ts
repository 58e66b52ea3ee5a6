// The admins' calls about identity providers (issue 20), typed with the contract in @apoc/shared and sent through
// the app's one HTTP client (lib/api.ts), so that failures arrive as ApiErrors like everywhere else.
import type {
  ConnectionReport,
  ConnectionTestRequest,
  CreateIdentityProvider,
  Disconnected,
  IdentityProvider,
  IdentityProviderList,
  UpdateIdentityProvider,
} from '@apoc/shared';
import { request } from '../../lib/api';

const BASE = '/api/admin/identity-providers';
const one = (id: string): string => `${BASE}/${encodeURIComponent(id)}`;

/** The connected providers, the redirect URI to register at each, and whether SECRET_KEY is set. */
export function listIdentityProviders(signal?: AbortSignal): Promise<IdentityProviderList> {
  return request<IdentityProviderList>(BASE, { signal });
}

/** Answers 403 `recent-sign-in-required` unless the admin signed in within the hour, like every change here. */
export function createIdentityProvider(input: CreateIdentityProvider): Promise<IdentityProvider> {
  return request<IdentityProvider>(BASE, { method: 'POST', body: input });
}

/** Only the fields that changed: another issuer or client id forgets every member's link to the provider. */
export function updateIdentityProvider(id: string, patch: UpdateIdentityProvider): Promise<IdentityProvider> {
  return request<IdentityProvider>(one(id), { method: 'PATCH', body: patch });
}

/** Disconnects the provider: every sign-in made through it ends at once. */
export function disconnectIdentityProvider(id: string): Promise<Disconnected> {
  return request<Disconnected>(one(id), { method: 'DELETE' });
}

/** Tests a connected provider with its stored credentials. */
export function testIdentityProvider(id: string): Promise<ConnectionReport> {
  return request<ConnectionReport>(`${one(id)}/test`, { method: 'POST', body: {} });
}

/** Tests a provider before it is saved: the issuer alone, or with the client's credentials. */
export function testConnection(input: ConnectionTestRequest): Promise<ConnectionReport> {
  return request<ConnectionReport>(`${BASE}/test`, { method: 'POST', body: input });
}
