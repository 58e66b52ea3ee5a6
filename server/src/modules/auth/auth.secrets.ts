import { createHash, randomBytes } from 'node:crypto';

/** 256 bits of randomness, URL-safe: for sign-in links and session cookies. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps instead of a secret: a leaked copy of it signs no one in. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
