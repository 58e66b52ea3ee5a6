import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';

// The PostgreSQL connection, selected by DATABASE_URL=postgres://… (the embedded SQLite file stays the default): a
// pool per instance. Its schema is in src/schema-pg/, its migrations in migrations-pg/.

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
