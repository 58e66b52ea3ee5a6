import { asc } from 'drizzle-orm';
import type { Database } from '@apoc/db';
import type { Institution } from '@apoc/shared';

export class InstitutionsRepository {
  private readonly listStatement;

  constructor(db: Database) {
    const { institutions } = db.tables;
    // Prepared once: building SQL per request costs more than running it.
    this.listStatement = db.prepare((q) =>
      q
        .select({
          id: institutions.id,
          name: institutions.name,
          shortName: institutions.shortName,
          city: institutions.city,
          country: institutions.country,
          timeZone: institutions.timeZone,
          isHost: institutions.isHost,
        })
        .from(institutions)
        .orderBy(asc(institutions.isHost), asc(institutions.name))
        .prepare(),
    );
  }

  async list(): Promise<Institution[]> {
    return this.listStatement().execute();
  }
}
