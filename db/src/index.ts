export * from './client';
export * as tables from './schema/index';
export { seedDemo, type SeedReport } from './seed/index';
export { openPostgres, closePostgres, type PgDb } from './pg-client';
export {
  first,
  openPlatformDatabase,
  openSqliteDatabase,
  openPostgresDatabase,
  PG_MIGRATIONS_FOLDER,
  type Database,
  type PubSub,
  type Dialect,
  type Tables,
} from './database';
export { pgTables } from './schema-pg/index';
