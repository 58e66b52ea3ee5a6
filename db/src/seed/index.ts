import type { Database } from '../database';
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
 * The check and the writes share one unit of work.
 */
export async function seedDemo(db: Database, now: Date = new Date()): Promise<SeedReport> {
  const { institutions, members, rooms, sessionPeople, sessions, summits, tracks } = db.tables;
  const { checkIns, evaluations, registrationEvents, registrations } = db.tables;
  return db.unit(async () => {
    const q = db.q;
    // Taken first, so that two instances starting on one new database cannot both seed it.
    await db.lockKey('seed');
    const inUse =
      (await q.select({ id: institutions.id }).from(institutions).limit(1)).length > 0 ||
      (await q.select({ id: members.id }).from(members).limit(1)).length > 0;
    if (inUse) return { ...NOTHING_SEEDED };

    const network = { institutions: institutionRows(now), members: memberRows(now) };
    await q.insert(institutions).values(network.institutions);
    await q.insert(members).values(network.members);

    const editions = demoSummitPlans(now).map((plan) => summitRows(plan, now));
    for (const edition of editions) {
      await q.insert(summits).values(edition.summit);
      await q.insert(tracks).values(edition.tracks);
      if (edition.rooms.length > 0) await q.insert(rooms).values(edition.rooms);
      await q.insert(sessions).values(edition.sessions);
      if (edition.sessionPeople.length > 0) await q.insert(sessionPeople).values(edition.sessionPeople);
      // Who came to the past accredited edition: registrations, the desk's check-ins, some evaluations.
      const attendance = edition.attendance;
      if (attendance.registrations.length === 0) continue;
      await q.insert(registrations).values(attendance.registrations);
      await q.insert(registrationEvents).values(attendance.registrationEvents);
      if (attendance.checkIns.length > 0) await q.insert(checkIns).values(attendance.checkIns);
      if (attendance.evaluations.length > 0) await q.insert(evaluations).values(attendance.evaluations);
    }

    return {
      seeded: true,
      institutions: network.institutions.length,
      members: network.members.length,
      summits: editions.length,
      sessions: editions.reduce((total, edition) => total + edition.sessions.length, 0),
    };
  });
}
