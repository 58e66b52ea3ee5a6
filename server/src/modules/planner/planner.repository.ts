import { asc } from 'drizzle-orm';
import type { Database } from '@apoc/db';

/** An organisation as the planner sees it: where it is, and what to call it in a table. */
export interface PlannerInstitution {
  id: string;
  shortName: string;
  city: string;
  timeZone: string;
  isHost: boolean;
}

export class PlannerRepository {
  private readonly institutionsStatement;

  constructor(db: Database) {
    const { institutions } = db.tables;
    this.institutionsStatement = db.prepare((q) =>
      q
        .select({
          id: institutions.id,
          shortName: institutions.shortName,
          city: institutions.city,
          timeZone: institutions.timeZone,
          isHost: institutions.isHost,
        })
        .from(institutions)
        .orderBy(asc(institutions.isHost), asc(institutions.name))
        .prepare(),
    );
  }

  async institutions(): Promise<PlannerInstitution[]> {
    return this.institutionsStatement().execute();
  }
}
