import type { Db } from '../client';
import { institutions, members, rooms, sessionPeople, sessions, summits, tracks } from '../schema/index';
import { summitRows } from './agenda';
import { institutionRows, memberRows } from './network';
import { demoSummitPlans } from './summits';

export interface SeedReport {
  seeded: boolean;
  institutions: number;
  members: number;
  summits: number;
  sessions: number;
}

const NOTHING_SEEDED: SeedReport = { seeded: false, institutions: 0, members: 0, summits: 0, sessions: 0 };

/**
 * Fills an empty database with the demo network (APOC_SEED=demo): the nine organisations, fictional
 * people, and past, current-year, upcoming and draft summits placed relative to `now`.
 *
 * A database that already holds an institution or a member belongs to someone: it is left untouched.
 * The check and the writes share one immediate transaction, so two processes starting on the same
 * new file cannot both seed it.
 */
export function seedDemo(db: Db, now: Date = new Date()): SeedReport {
  return db.transaction(
    (tx) => {
      const inUse =
        tx.select({ id: institutions.id }).from(institutions).limit(1).all().length > 0 ||
        tx.select({ id: members.id }).from(members).limit(1).all().length > 0;
      if (inUse) return { ...NOTHING_SEEDED };

      const network = { institutions: institutionRows(now), members: memberRows(now) };
      tx.insert(institutions).values(network.institutions).run();
      tx.insert(members).values(network.members).run();

      const editions = demoSummitPlans(now).map((plan) => summitRows(plan, now));
      for (const edition of editions) {
        tx.insert(summits).values(edition.summit).run();
        tx.insert(tracks).values(edition.tracks).run();
        if (edition.rooms.length > 0) tx.insert(rooms).values(edition.rooms).run();
        tx.insert(sessions).values(edition.sessions).run();
        if (edition.sessionPeople.length > 0) tx.insert(sessionPeople).values(edition.sessionPeople).run();
      }

      return {
        seeded: true,
        institutions: network.institutions.length,
        members: network.members.length,
        summits: editions.length,
        sessions: editions.reduce((total, edition) => total + edition.sessions.length, 0),
      };
    },
    { behavior: 'immediate' },
  );
}
