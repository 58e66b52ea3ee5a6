import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';

// The PostgreSQL connection (issue 16, in progress): selected by DATABASE_URL=postgres://…; the embedded SQLite
// file stays the default. A pool per instance; the schema and migrations for this dialect are still to come.

export type PgDb = NodePgDatabase & { $client: pg.Pool };

export interface OpenPostgresOptions {
  url: string;
  /** Connections this instance may hold (PostgreSQL's own default limit is 100 for every instance together). */
  max?: number;
}

export function openPostgres({ url, max = 10 }: OpenPostgresOptions): PgDb {
  const pool = new pg.Pool({ connectionString: url, max });
  return drizzle({ client: pool });
}

export async function closePostgres(db: PgDb): Promise<void> {
  await db.$client.end();
}
