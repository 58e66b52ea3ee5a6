import { Type, type Static } from 'typebox';
import { Instant } from './common';

/**
 * Everything the platform holds about the caller (GET /api/me/export): profile, registrations and their
 * history, stars, questions and votes, sign-ins (never their secrets), attendance, invitations, the mail sent
 * to them and the security events about them. Each section is the rows as stored, times as ISO 8601 instants.
 */
export const DataExport = Type.Object({
  exportedAt: Instant,
  /** What this document is, in words, for the person reading it. */
  about: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
});
export type DataExport = Static<typeof DataExport>;
