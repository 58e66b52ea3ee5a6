#!/usr/bin/env node
// Installs the workspace's dependencies (and, with --browser, Debian's Chromium for the e2e tests)
// on any machine with Node 20 and pnpm. It exists because one command has to work both on an
// ordinary machine and on machines whose npm is configured to build native addons against local
// Node headers (npm's `nodedir`), a setting pnpm only honours through the environment.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const env = { ...process.env };
if (!env.npm_config_nodedir) {
  const nodedir = spawnSync('npm', ['config', 'get', 'nodedir'], { encoding: 'utf8' }).stdout?.trim();
  if (nodedir && nodedir !== 'undefined' && nodedir !== 'null' && existsSync(`${nodedir}/include/node/node.h`)) {
    env.npm_config_nodedir = nodedir;
  }
}

const install = spawnSync('pnpm', ['install', '--frozen-lockfile'], { stdio: 'inherit', env });
if (install.status !== 0) process.exit(install.status ?? 1);

if (process.argv.includes('--browser')) {
  const chromium = env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(chromium)) process.exit(0);
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (!hasApt) {
    console.error(`Chromium not found at ${chromium}: install it and set CHROMIUM_PATH to run the e2e tests.`);
    process.exit(1);
  }
  const apt = (...args) =>
    execFileSync(isRoot ? 'apt-get' : 'sudo', isRoot ? args : ['apt-get', ...args], {
      stdio: 'inherit',
      env: { ...env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  console.log("Installing Debian's Chromium for the end-to-end tests…");
  apt('update');
  apt('install', '-y', '--no-install-recommends', 'chromium', 'fonts-dejavu-core');
}
