import type { Db } from '../client';

export interface SeedReport {
  seeded: boolean;
  institutions: number;
  members: number;
  summits: number;
  sessions: number;
}

/** Placeholder replaced by the demo seed in the next commit. */
export function seedDemo(_db: Db, _now: Date = new Date()): SeedReport {
  return { seeded: false, institutions: 0, members: 0, summits: 0, sessions: 0 };
}
