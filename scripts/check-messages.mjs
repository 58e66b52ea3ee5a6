#!/usr/bin/env node
// Part of `pnpm check`: the message catalogue (shared/messages/<area>/<language>.json) is whole and used.
// - every language has exactly the keys of English (the source), in every area, and no key is in two areas;
// - a message has the same inputs in every language, and every plural ends with the catch-all `*`
//   (French and Spanish have a `many` form that a one/other message would miss);
// - ICU's `{n, plural, …}` is refused: the catalogue's format does not read it and would print it as is;
// - French puts a no-break space (U+202F or U+00A0) before : ; ? ! and inside « »;
// - every English key is called somewhere in web/src or server/src as m.<key> (computed m[…] is refused,
//   since it cannot be checked); TypeScript already refuses a call to a key that does not exist.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const settings = JSON.parse(readFileSync(join(root, 'shared/project.inlang/settings.json'), 'utf8'));
const { baseLocale, locales } = settings;
const patterns = [settings['plugin.inlang.messageFormat'].pathPattern].flat();
const problems = [];

/** The inputs a message reads: `{name}` in its text, or its declarations when it has variants. */
function inputsOf(message) {
  if (typeof message === 'string') {
    if (/\{\s*\w+\s*,\s*(plural|select)/.test(message)) return { error: 'uses ICU plural/select syntax' };
    return { inputs: [...message.matchAll(/\{\s*(\w+)\s*\}/g)].map((match) => match[1]).sort() };
  }
  if (!Array.isArray(message)) return { error: 'is neither text nor a list of variants' };
  const inputs = new Set();
  for (const bundle of message) {
    for (const declaration of bundle.declarations ?? []) {
      const input = /^input\s+(\w+)/.exec(declaration);
      if (input) inputs.add(input[1]);
    }
    const keys = Object.keys(bundle.match ?? {});
    if (keys.length === 0) return { error: 'has variants but no match' };
    for (const selector of bundle.selectors ?? []) {
      if (!keys.some((key) => key.split(/\s*,\s*/).every((part) => part.endsWith('=*')))) {
        return { error: `has no catch-all variant (${selector}=*)` };
      }
    }
  }
  return { inputs: [...inputs].sort() };
}

function textsOf(message) {
  return typeof message === 'string' ? [message] : message.flatMap((bundle) => Object.values(bundle.match ?? {}));
}

const catalogue = new Map(); // locale -> key -> message
const areaOf = new Map();
for (const pattern of patterns) {
  const area = pattern.replace('./messages/', '').replace('/{locale}.json', '');
  const perLocale = {};
  for (const locale of locales) {
    const path = join(root, 'shared', pattern.replace('{locale}', locale));
    try {
      const { $schema: _schema, ...messages } = JSON.parse(readFileSync(path, 'utf8'));
      perLocale[locale] = messages;
    } catch (error) {
      problems.push(`${relative(root, path)}: cannot be read (${error.message})`);
      perLocale[locale] = {};
    }
  }
  const source = perLocale[baseLocale];
  for (const key of Object.keys(source)) {
    if (areaOf.has(key)) problems.push(`${key}: in both ${areaOf.get(key)} and ${area}`);
    areaOf.set(key, area);
  }
  for (const locale of locales) {
    const messages = perLocale[locale];
    for (const key of Object.keys(source)) {
      if (!(key in messages)) problems.push(`${area}/${locale}: ${key} is missing`);
    }
    for (const [key, message] of Object.entries(messages)) {
      if (!(key in source)) {
        problems.push(`${area}/${locale}: ${key} is not in ${baseLocale}`);
        continue;
      }
      const here = inputsOf(message);
      const there = inputsOf(source[key]);
      if (here.error) problems.push(`${area}/${locale}: ${key} ${here.error}`);
      else if (!there.error && here.inputs.join() !== there.inputs.join()) {
        problems.push(
          `${area}/${locale}: ${key} reads {${here.inputs.join(', ')}}, English {${there.inputs.join(', ')}}`,
        );
      }
      for (const text of textsOf(message)) {
        if (typeof text !== 'string') continue;
        if (/\b(TODO|FIXME|TRANSLATE)\b/.test(text)) problems.push(`${area}/${locale}: ${key} is not translated yet`);
        if (locale === 'fr' && / [:;?!»]|« /.test(text.replace(/\{[^}]*\}/g, '')) && !/https?:/.test(text)) {
          problems.push(`${area}/fr: ${key} needs a no-break space (U+202F) before : ; ? ! and inside « »`);
        }
      }
      (catalogue.get(locale) ?? catalogue.set(locale, new Map()).get(locale)).set(key, message);
    }
  }
}

// Every English key is called somewhere.
const used = new Set();
function scan(folder) {
  for (const entry of readdirSync(folder)) {
    if (entry === 'node_modules' || entry === 'paraglide' || entry === 'dist') continue;
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) scan(path);
    else if (/\.(ts|svelte|mjs)$/.test(entry)) {
      const text = readFileSync(path, 'utf8');
      for (const match of text.matchAll(/\bm\.(\w+)\s*\(/g)) used.add(match[1]);
      if (/\bm\[/.test(text) && /paraglide\/messages/.test(text)) {
        problems.push(`${relative(root, path)}: calls a message by a computed key (m[…]), which cannot be checked`);
      }
    }
  }
}
for (const folder of ['web', 'server/src']) scan(join(root, folder));
for (const [key, area] of areaOf) {
  if (!used.has(key)) problems.push(`${area}: ${key} is used nowhere (remove it, or call m.${key})`);
}

if (problems.length > 0) {
  console.error(`The message catalogue has ${problems.length} problem${problems.length === 1 ? '' : 's'}:`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log(`Messages: ${areaOf.size} keys in ${locales.length} languages, all present and used.`);
