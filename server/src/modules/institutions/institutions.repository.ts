import { asc } from 'drizzle-orm';
import { tables, type Db } from '@apoc/db';
import type { Institution } from '@apoc/shared';

export class InstitutionsRepository {
  constructor(private readonly db: Db) {}

  async list(): Promise<Institution[]> {
    const { institutions } = tables;
    return this.db
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
      .all();
  }
}
