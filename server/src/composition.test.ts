import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// How the server is put together, checked on its source: one composition root per feature, one clock.

const root = join(import.meta.dirname);
const modules = join(root, 'modules');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const files = sources(root).map((path) => ({
  path: relative(root, path),
  text: readFileSync(path, 'utf8'),
}));

describe('the server’s composition', () => {
  it('builds each service and repository once, in its feature’s plugin', () => {
    const constructed = new Map<string, string[]>();
    for (const { path, text } of files) {
      for (const [, name] of text.matchAll(/new (\w+(?:Service|Repository))\(/g)) {
        constructed.set(name as string, [...(constructed.get(name as string) ?? []), path]);
      }
    }
    expect(constructed.size).toBeGreaterThan(15);
    for (const [name, places] of constructed) {
      expect({ name, places }).toEqual({
        name,
        places: [expect.stringMatching(/^modules\/[a-z-]+\/[a-z-]+\.plugin\.ts$/)],
      });
    }
  });

  it('gives every feature module a plugin named after it', () => {
    const features = readdirSync(modules, { withFileTypes: true }).filter((entry) => entry.isDirectory());
    // Health has no state to compose: a route that asks the database.
    const withoutState = new Set(['health']);
    for (const feature of features.filter((entry) => !withoutState.has(entry.name))) {
      expect(files.map((file) => file.path)).toContain(`modules/${feature.name}/${feature.name}.plugin.ts`);
    }
  });

  // Rate limits and message coalescing measure elapsed time with Date.now(): intervals, not dates.
  it('reads the current date only from the app’s clock inside the features', () => {
    const offenders = files
      .filter(({ path }) => path.startsWith('modules/'))
      .flatMap(({ path, text }) =>
        text.split('\n').flatMap((line, index) => (/new Date\(\)/.test(line) ? [`${path}:${index + 1}`] : [])),
      );
    expect(offenders).toEqual([]);
  });

  it('keeps every file of the server under about 500 lines', () => {
    const long = files.filter(({ text }) => text.split('\n').length > 520).map(({ path }) => path);
    expect(long).toEqual([]);
  });
});
