import { buildTestApp, type TestApp } from '../helpers/app';
import { startPostgres } from '../helpers/postgres';

/**
 * Two instances of the platform (with the demo data) on one database of a PostgreSQL server started here, as the
 * benchmarks measure them; `close` stops the instances and the server.
 */
export async function twoInstancesOnPostgres(
  database: string,
): Promise<{ apps: [TestApp, TestApp]; close(): Promise<void> }> {
  const postgres = await startPostgres();
  const apps: TestApp[] = [];
  const close = async () => {
    for (const app of apps.reverse()) await app.close();
    await postgres.stop();
  };
  try {
    const env = { DATABASE_URL: await postgres.createDatabase(database) };
    apps.push(await buildTestApp({ seed: 'demo', env }));
    apps.push(await buildTestApp({ seed: 'none', env }));
  } catch (error) {
    await close();
    throw error;
  }
  return { apps: apps as [TestApp, TestApp], close };
}
