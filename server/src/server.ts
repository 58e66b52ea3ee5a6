import { fileURLToPath } from 'node:url';
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';

const webRoot = fileURLToPath(new URL('../../web/dist', import.meta.url));

function fail(message: string): never {
  process.stderr.write(`apoc: ${message}\n`);
  process.exit(1);
}

let config;
try {
  config = loadConfig(process.env, { webRoot });
} catch (error) {
  fail(error instanceof ConfigError ? `invalid configuration: ${error.message}` : String(error));
}

let app;
try {
  app = await buildApp(config);
  await app.ready();
} catch (error) {
  const code = (error as { code?: string }).code;
  const reason = error instanceof Error ? error.message : String(error);
  if (code?.startsWith('SQLITE_') || /EACCES|EROFS|ENOTDIR|EEXIST|unable to open database/i.test(reason)) {
    fail(`DATABASE_PATH: cannot open the database at "${config.databasePath}" (${reason})`);
  }
  fail(`start-up failed: ${reason}`);
}

// Finish in-flight requests, close websockets and the database, then exit; a second signal forces it.
closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'closing after an uncaught error');
  else app.log.info({ signal }, 'closing');
  await app.close();
});

try {
  await app.listen({ port: config.port, host: config.host });
} catch (error) {
  await app.close();
  fail(`cannot listen on ${config.host}:${config.port}: ${error instanceof Error ? error.message : String(error)}`);
}
