#!/usr/bin/env node
// `pnpm dev`: the server restarting on change (port PORT, default 3000) and Vite with hot reload on
// http://localhost:5173, proxying /api (and its websockets) to the server.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Both read the compiled messages (recompile with `pnpm i18n` after editing shared/messages).
spawnSync(process.execPath, ['scripts/i18n.mjs', '--quiet'], { cwd: root, stdio: 'inherit' });
const children = [
  // The server runs from the repository root so that DATABASE_PATH means the same as under `pnpm start`.
  spawn('pnpm', ['exec', 'tsx', 'watch', 'server/src/server.ts'], { cwd: root, stdio: 'inherit' }),
  spawn('pnpm', ['--filter', '@apoc/web', 'dev'], { cwd: root, stdio: 'inherit' }),
];

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  process.exitCode = code;
}
for (const child of children) child.on('exit', (code) => stop(code ?? 0));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
