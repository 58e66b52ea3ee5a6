import { openPostgresDatabase } from '@apoc/db';
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL server the `integration-pg` project started (its `postgres` database). */
    postgresUrl: string;
  }
}

/** The database every test app's own database is copied from: migrated once, so apps start in milliseconds. */
export const TEMPLATE_DATABASE = 'apoc_template';

/**
 * Starts one PostgreSQL 15 server for the `integration-pg` project (initdb and pg_ctl as the postgres user, a
 * free port, fsync off), migrates a template database, and stops and removes the server after the run.
 */
export default async function setup(project: TestProject) {
  const server = await startPostgres();
  const template = await openPostgresDatabase(await server.createDatabase(TEMPLATE_DATABASE), 1);
  await template.close();
  project.provide('postgresUrl', server.url);
  return async () => server.stop();
}
