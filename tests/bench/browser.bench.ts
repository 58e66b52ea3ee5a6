// The agenda as people see it: a 300-session summit opened in Debian's Chromium (playwright-core) from the real
// built server, with the times the app itself measures (web/src/lib/marks.ts): the agenda on screen, a track
// filter, each keystroke of a search, the switch between "my time" and the summit's. Also the size of the
// JavaScript a first visit loads, gzipped.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildTestApp } from '../helpers/app';
import { builtLanguages, initialJavaScript } from '../helpers/web-dist';
import { launchBrowser } from '../helpers/browser';
import { REPO_ROOT, startServer } from '../helpers/server';
import { median, type BenchResult } from './measure';
import { benchSummit } from './summits';

const SESSIONS = 300;
const REPEATS = 5;

/** The durations of the app's measures called `name`, once there are `count` of them. */
async function measures(page: Page, name: string, count: number): Promise<number[]> {
  await page.waitForFunction(
    ([measure, wanted]) => performance.getEntriesByName(measure as string).length >= (wanted as number),
    [name, count] as const,
  );
  return page.evaluate((measure) => performance.getEntriesByName(measure).map((entry) => entry.duration), name);
}

export async function browserBenchmarks(): Promise<BenchResult[]> {
  if (!existsSync(join(REPO_ROOT, 'web/dist/index.html'))) {
    execFileSync('pnpm', ['build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  }
  const dir = mkdtempSync(join(tmpdir(), 'apoc-bench-browser-'));
  const database = join(dir, 'apoc.sqlite');
  // The summit is written first; the server publishes its first version when it starts.
  const t = await buildTestApp({ seed: 'demo', dir });
  const summit = await benchSummit(t, SESSIONS, 'Europe/Paris');
  await t.app.close();

  const server = await startServer({ DATABASE_PATH: database, APOC_SEED: 'demo' });
  const browser = await launchBrowser();
  const benchmark = `agenda in Chromium, ${SESSIONS} sessions`;
  try {
    // A viewer in Seoul, so that "my time" and the summit's (Paris) differ.
    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Asia/Seoul' });
    const page = await context.newPage();
    const url = `http://localhost:${server.port}/summits/${summit.id}`;
    await page.goto(url);
    await measures(page, 'agenda:render', 1);

    const loads: { first: number; render: number }[] = [];
    for (let i = 0; i < REPEATS; i++) {
      await page.goto(url);
      const [first] = await measures(page, 'agenda:first-render', 1);
      const [render] = await measures(page, 'agenda:render', 1);
      loads.push({ first: first ?? Number.NaN, render: render ?? Number.NaN });
    }

    const track = page.getByLabel('Track');
    for (let i = 0; i < REPEATS; i++) await track.selectOption(summit.trackIds[i % summit.trackIds.length] ?? '');
    const filters = await measures(page, 'agenda:filter', REPEATS);
    await track.selectOption('');

    const search = page.getByLabel('Search');
    await search.click();
    await page.keyboard.type('Session 12', { delay: 60 });
    const keystrokes = await measures(page, 'agenda:search', 'Session 12'.length);

    for (let i = 0; i < REPEATS * 2; i++) await page.getByTestId(i % 2 === 0 ? 'zone-summit' : 'zone-mine').click();
    const zones = await measures(page, 'agenda:zone', REPEATS * 2);

    return [
      {
        benchmark,
        metric: 'agenda on screen, from the page’s start',
        value: median(loads.map((load) => load.first)),
        unit: 'ms',
      },
      {
        benchmark,
        metric: 'agenda on screen, from its creation',
        value: median(loads.map((load) => load.render)),
        unit: 'ms',
      },
      { benchmark, metric: 'filter by track', value: median(filters), unit: 'ms' },
      { benchmark, metric: 'search, each keystroke', value: median(keystrokes), unit: 'ms' },
      { benchmark, metric: 'switch between my time and the summit’s', value: median(zones), unit: 'ms' },
      // Each language is a build of its own (web/build.mjs), with only its own strings.
      ...builtLanguages().map((language) => ({
        benchmark: 'web app',
        metric: `initial JavaScript, gzip, ${language}`,
        value: initialJavaScript(language) / 1024,
        unit: 'KB',
      })),
    ];
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
