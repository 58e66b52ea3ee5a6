import { buildTestApp, type TestApp } from '../helpers/app';
import { startPostgres } from '../helpers/postgres';

/**
 * Two instances of the platform (with the demo data) on one database of a PostgreSQL server started here, as the
 * benchmarks measure them; `close` stops the instances and the server; `url` is the database's.
 */
export async function twoInstancesOnPostgres(
  database: string,
): Promise<{ apps: [TestApp, TestApp]; close(): Promise<void>; url: string }> {
  const postgres = await startPostgres();
  const apps: TestApp[] = [];
  const close = async () => {
    for (const app of apps.reverse()) await app.close();
    await postgres.stop();
  };
  let url: string;
  try {
    url = await postgres.createDatabase(database);
    const env = { DATABASE_URL: url };
    apps.push(await buildTestApp({ seed: 'demo', env }));
    apps.push(await buildTestApp({ seed: 'none', env }));
  } catch (error) {
    await close();
    throw error;
  }
  return { apps: apps as [TestApp, TestApp], close, url };
}
