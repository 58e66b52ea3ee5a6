#!/usr/bin/env node
// Compiles the message catalogue (shared/messages, one file per language and area) into typed
// functions with Paraglide JS: once for the web app and once for the server. Runs before anything that
// reads them (install, check, build, start, dev); the output is generated, so it is not committed.
//
// The web app is built once per language (web/build.mjs): the static-locale expression below becomes
// that language's name at build time, so the minifier drops every other language's strings. Left
// undefined (in Vite's dev server and in component tests) each message falls back to the locale the
// runtime picks (the cookie, else the browser's languages, else English).
//
// The server never has a locale of its own: every message it sends takes an explicit { locale }
// (server/src/i18n/locale.ts makes a forgotten one throw).
import { compile } from '@inlang/paraglide-js';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const project = `${root}shared/project.inlang`;
const quiet = process.argv.includes('--quiet');
const log = (line) => quiet || console.log(line);

const common = {
  project,
  outputStructure: 'message-modules',
  emitGitIgnore: true,
  emitPrettierIgnore: true,
  emitReadme: false,
};

await compile({
  ...common,
  outdir: `${root}web/src/paraglide`,
  strategy: ['cookie', 'preferredLanguage', 'baseLocale'],
  cookieName: 'apoc-language',
  // Paraglide's per-locale build reads exactly this expression (see docs/research/i18n-library.md).
  experimentalStaticLocale: '/** @type {any} */ (globalThis).__PARAGLIDE_STATIC_LOCALE__',
});
log('Compiled the messages for the web app (web/src/paraglide).');

await compile({
  ...common,
  outdir: `${root}server/src/i18n/paraglide`,
  strategy: ['baseLocale'],
  disableAsyncLocalStorage: true,
});
log('Compiled the messages for the server (server/src/i18n/paraglide).');

// The compiler leaves a timer of its own running for about 30 s after it is done; nothing is left to wait for.
process.exit(0);
