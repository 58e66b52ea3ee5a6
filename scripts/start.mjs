#!/usr/bin/env node
// `pnpm start`: build the web app if it is missing or older than its sources, then run the server,
// which migrates the database and seeds the demo network on first start.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const builtIndex = join(root, 'web/dist/index.html');

function newestChange(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (['node_modules', 'dist', 'paraglide'].includes(entry.name) || entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
  }
  return newest;
}

// The server reads the compiled messages too (its e-mails and feeds), so they are compiled on every start.
const messages = spawnSync(process.execPath, [join(root, 'scripts/i18n.mjs'), '--quiet'], { stdio: 'inherit' });
if (messages.status !== 0) process.exit(messages.status ?? 1);

const sources = ['web/src', 'web/index.html', 'web/public', 'shared/src', 'shared/messages']
  .map((p) => join(root, p))
  .filter(existsSync);
const stale =
  !existsSync(builtIndex) ||
  sources.some(
    (path) =>
      (statSync(path).isDirectory() ? newestChange(path) : statSync(path).mtimeMs) > statSync(builtIndex).mtimeMs,
  );

if (stale) {
  console.log('Building the web app…');
  const build = spawnSync('pnpm', ['--filter', '@apoc/web', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const { register } = await import('tsx/esm/api');
register();
await import('../server/src/server.ts');
