import { randomUUID } from 'node:crypto';

/** A new opaque id for a row created by the platform. */
export function newId(): string {
  return randomUUID();
}
