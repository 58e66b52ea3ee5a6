#!/usr/bin/env node
// `pnpm build`: the web app once per language, into one dist/. Each build replaces Paraglide's
// static-locale expression with its language, so that language's pages carry only its own strings;
// assets are content-hashed, so what the builds share (styles, the icon) is written once. English is
// dist/index.html, the others dist/index.<language>.html; the server picks one per request
// (server/src/plugins/web.ts).
import { spawnSync } from 'node:child_process';
import { renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const web = fileURLToPath(new URL('.', import.meta.url));
const compiled = spawnSync(
  process.execPath,
  [fileURLToPath(new URL('../scripts/i18n.mjs', import.meta.url)), '--quiet'],
  {
    stdio: 'inherit',
  },
);
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

const { locales, baseLocale } = await import('./src/paraglide/runtime.js');
const m = await import('./src/paraglide/messages.js');

rmSync(`${web}dist`, { recursive: true, force: true });
// The base language last, so that dist/index.html is whole when anything looks for it.
for (const locale of [...locales.filter((l) => l !== baseLocale), baseLocale]) {
  await build({
    root: web,
    logLevel: 'warn',
    define: { 'globalThis.__PARAGLIDE_STATIC_LOCALE__': JSON.stringify(locale) },
    build: { emptyOutDir: false },
    plugins: [
      {
        name: 'apoc-index-language',
        transformIndexHtml: (html) =>
          html
            .replace('<html lang="en">', `<html lang="${locale}">`)
            .replace(/(<meta name="description" content=")[^"]*"/, `$1${escape(m.app_description({}, { locale }))}"`)
            .replace(
              /<noscript>[^<]*<\/noscript>/,
              `<noscript>${escape(m.app_needs_javascript({}, { locale }))}</noscript>`,
            ),
      },
    ],
  });
  if (locale !== baseLocale) renameSync(`${web}dist/index.html`, `${web}dist/index.${locale}.html`);
  console.log(`Built the web app in ${locale}.`);
}

function escape(text) {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
