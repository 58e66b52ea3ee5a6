#!/usr/bin/env node
// Installs the workspace's dependencies (and, with --browser, Debian's Chromium for the e2e tests and
// libfaketime for running the suite on other days)
// on any machine with Node 20 and pnpm. It exists because one command has to work both on an
// ordinary machine and on machines whose npm is configured to build native addons against local
// Node headers (npm's `nodedir`), a setting pnpm only honours through the environment.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const env = { ...process.env };
if (!env.npm_config_nodedir) {
  const nodedir = spawnSync('npm', ['config', 'get', 'nodedir'], { encoding: 'utf8' }).stdout?.trim();
  if (nodedir && nodedir !== 'undefined' && nodedir !== 'null' && existsSync(`${nodedir}/include/node/node.h`)) {
    env.npm_config_nodedir = nodedir;
  }
}

const install = spawnSync('pnpm', ['install', '--frozen-lockfile'], { stdio: 'inherit', env });
if (install.status !== 0) process.exit(install.status ?? 1);

// The messages in every language, compiled into typed functions the web app and the server import.
const messages = spawnSync(process.execPath, [join(root, 'scripts/i18n.mjs')], { stdio: 'inherit', env });
if (messages.status !== 0) process.exit(messages.status ?? 1);

if (process.argv.includes('--browser')) {
  // What the tests need from Debian: Chromium for the e2e tests, libfaketime to run the suite on other days,
  // PostgreSQL's server binaries for the integration suite on PostgreSQL (the tests start it themselves), nginx
  // for the test of deploy/nginx.conf in front of two instances, fonts and poppler's tools for certificates.
  const chromium = env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const hasFaketime = readdirSync('/usr/lib').some((dir) => existsSync(`/usr/lib/${dir}/faketime/libfaketime.so.1`));
  const hasPostgres =
    existsSync(join(env.PG_BIN ?? '/usr/lib/postgresql/15/bin', 'initdb')) ||
    (existsSync('/usr/lib/postgresql') &&
      readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`)));
  const missing = [
    ...(existsSync(chromium) ? [] : ['chromium']),
    // The fonts certificates are printed in (embedded in their PDFs) and Chromium's pages use: DejaVu for Latin,
    // Greek and Cyrillic with their accents, Nanum for Hangul (Korean pages and names), 10 MB.
    ...(existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf') ? [] : ['fonts-dejavu-core']),
    ...(existsSync('/usr/share/fonts/truetype/nanum/NanumGothic.ttf') ? [] : ['fonts-nanum']),
    // pdftotext, pdffonts and pdftoppm: the tests read certificates' PDFs back (text, embedded fonts, pictures).
    ...(existsSync('/usr/bin/pdftotext') ? [] : ['poppler-utils']),
    ...(hasFaketime || env.FAKETIME_LIB ? [] : ['libfaketime']),
    ...(hasPostgres ? [] : ['postgresql']),
    ...(existsSync('/usr/sbin/nginx') ? [] : ['nginx-light']),
  ];
  if (missing.length === 0) process.exit(0);
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (!hasApt) {
    console.error(
      `Missing ${missing.join(', ')}: install Chromium (and set CHROMIUM_PATH), libfaketime (and set FAKETIME_LIB), PostgreSQL (and set PG_BIN), nginx, the DejaVu and Nanum fonts and poppler's tools to run every test.`,
    );
    process.exit(1);
  }
  const apt = (...args) =>
    execFileSync(isRoot ? 'apt-get' : 'sudo', isRoot ? args : ['apt-get', ...args], {
      stdio: 'inherit',
      env: { ...env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  console.log(`Installing Debian's ${missing.join(', ')} for the tests…`);
  apt('update');
  apt('install', '-y', '--no-install-recommends', ...missing);
}
