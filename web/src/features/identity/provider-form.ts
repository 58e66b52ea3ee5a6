// The provider form's rules, as plain functions: what the admin typed becomes the create or update request, and
// what is wrong is said per field before anything is sent (the server checks the same again).
import {
  EmailDomain,
  IssuerUrl,
  type CreateIdentityProvider,
  type IdentityProvider,
  type UpdateIdentityProvider,
} from '@apoc/shared';

export interface ProviderFormValues {
  institutionId: string;
  name: string;
  issuer: string;
  clientId: string;
  /** Empty on edit: keep the stored secret. */
  clientSecret: string;
  /** One domain a line (commas and spaces also separate them). */
  domains: string;
  createMembers: boolean;
  mailLinkAllowed: boolean;
}

export type ProviderField = 'institutionId' | 'issuer' | 'clientId' | 'clientSecret' | 'domains';

/** What is wrong with a field, as a kind the form words: `domain` carries the first domain refused. */
export type ProviderFormError =
  | { field: 'institutionId' | 'issuer' | 'clientId' | 'clientSecret'; kind: 'missing' | 'invalid' }
  | { field: 'domains'; kind: 'missing' }
  | { field: 'domains'; kind: 'invalid'; domain: string };

export type ProviderFormErrors = Partial<Record<ProviderField, ProviderFormError>>;

/** The contract's own pattern (a JSON Schema keyword TypeBox keeps on the schema), so the rule is written once. */
const patternOf = (schema: object): RegExp => new RegExp((schema as { pattern?: string }).pattern ?? '');
const domainPattern = patternOf(EmailDomain);
const issuerPattern = patternOf(IssuerUrl);

export function emptyProviderForm(): ProviderFormValues {
  return {
    institutionId: '',
    name: '',
    issuer: '',
    clientId: '',
    clientSecret: '',
    domains: '',
    createMembers: false,
    mailLinkAllowed: true,
  };
}

export function providerFormOf(provider: IdentityProvider): ProviderFormValues {
  return {
    institutionId: provider.institutionId,
    name: provider.name,
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: '',
    domains: provider.domains.join('\n'),
    createMembers: provider.createMembers,
    mailLinkAllowed: provider.mailLinkAllowed,
  };
}

/** The domains typed, in lower case, each once, in the order typed; a pasted address keeps its domain. */
export function parseDomains(text: string): string[] {
  const domains = text
    .split(/[\s,;]+/u)
    .map((piece) => piece.trim().toLowerCase().replace(/^.*@/u, '').replace(/\.$/u, ''))
    .filter((piece) => piece !== '');
  return [...new Set(domains)];
}

/** The issuer as typed, without stray spaces: it must match the discovery document's exactly, trailing slash included. */
function normaliseIssuer(text: string): string {
  return text.trim();
}

/** `editing`: the secret may stay empty (the stored one is kept). */
export function validateProviderForm(values: ProviderFormValues, editing: boolean): ProviderFormErrors {
  const errors: ProviderFormErrors = {};
  if (!values.institutionId) errors.institutionId = { field: 'institutionId', kind: 'missing' };
  const issuer = normaliseIssuer(values.issuer);
  if (issuer === '') errors.issuer = { field: 'issuer', kind: 'missing' };
  else if (!issuerPattern.test(issuer)) errors.issuer = { field: 'issuer', kind: 'invalid' };
  if (values.clientId.trim() === '') errors.clientId = { field: 'clientId', kind: 'missing' };
  if (!editing && values.clientSecret.trim() === '') errors.clientSecret = { field: 'clientSecret', kind: 'missing' };
  const domains = parseDomains(values.domains);
  const refused = domains.find((domain) => !domainPattern.test(domain));
  if (domains.length === 0) errors.domains = { field: 'domains', kind: 'missing' };
  else if (refused !== undefined) errors.domains = { field: 'domains', kind: 'invalid', domain: refused };
  return errors;
}

/** The create request; an empty name lets the server name the provider after its institution. */
export function createRequest(values: ProviderFormValues): CreateIdentityProvider {
  const name = values.name.trim();
  return {
    institutionId: values.institutionId,
    ...(name ? { name } : {}),
    issuer: normaliseIssuer(values.issuer),
    clientId: values.clientId.trim(),
    clientSecret: values.clientSecret.trim(),
    domains: parseDomains(values.domains),
    createMembers: values.createMembers,
    mailLinkAllowed: values.mailLinkAllowed,
  };
}

/**
 * Only what changed, so that a provider saved with the same issuer and client id keeps its members' links; an empty
 * secret keeps the stored one. Null when nothing changed.
 */
export function updateRequest(provider: IdentityProvider, values: ProviderFormValues): UpdateIdentityProvider | null {
  const patch: UpdateIdentityProvider = {};
  const name = values.name.trim();
  const issuer = normaliseIssuer(values.issuer);
  const clientId = values.clientId.trim();
  const secret = values.clientSecret.trim();
  const domains = parseDomains(values.domains);
  if (values.institutionId !== provider.institutionId) patch.institutionId = values.institutionId;
  if (name && name !== provider.name) patch.name = name;
  if (issuer !== provider.issuer) patch.issuer = issuer;
  if (clientId !== provider.clientId) patch.clientId = clientId;
  if (secret) patch.clientSecret = secret;
  if (domains.join('\n') !== provider.domains.join('\n')) patch.domains = domains;
  if (values.createMembers !== provider.createMembers) patch.createMembers = values.createMembers;
  if (values.mailLinkAllowed !== provider.mailLinkAllowed) patch.mailLinkAllowed = values.mailLinkAllowed;
  return Object.keys(patch).length > 0 ? patch : null;
}

/** Whether saving would forget the members' links (another issuer or client id: subjects mean something only there). */
export function forgetsLinks(provider: IdentityProvider, values: ProviderFormValues): boolean {
  return normaliseIssuer(values.issuer) !== provider.issuer || values.clientId.trim() !== provider.clientId;
}
