// The platform in each member's language (issue 18), as people meet it: a visitor whose browser speaks Korean
// reads the home page and a summit's agenda in Korean; a visitor on the summit page switches to German and every
// string of the interface changes, the page passes axe, and German's long words do not push it past a phone's
// width. "Every string" is checked against the same page in English: what both show must be the summit's own data
// (titles, names, rooms, tracks: written once, in English), a number or a time.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SummitDetail, SummitSummary } from '@apoc/shared';
import { zoneLabel } from '@apoc/shared/time';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from '../helpers/browser';
import { SCREENSHOTS, startE2e, type E2eWorld } from '../helpers/e2e';
import { REPO_ROOT } from '../helpers/server';

const SEOUL = 'Asia/Seoul';
const BERLIN = 'Europe/Berlin';

/** Every string the page shows or names for assistive technology: visible text, placeholders, accessible labels. */
async function pageStrings(page: Page): Promise<string[]> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
  return page.evaluate(() => {
    const strings: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.replace(/\s+/g, ' ').trim();
      const parent = node.parentElement;
      if (!text || !parent || parent.closest('script, style, template, [hidden]')) continue;
      if (!parent.checkVisibility() && !parent.closest('.visually-hidden')) continue;
      strings.push(text);
    }
    for (const element of document.body.querySelectorAll('[placeholder], [aria-label], [title]')) {
      for (const name of ['placeholder', 'aria-label', 'title']) {
        const value = element.getAttribute(name)?.trim();
        if (value) strings.push(value);
      }
    }
    return strings;
  });
}

/** Every string value in an API answer, and each line of its Markdown: the data a page shows as it was written. */
function dataStrings(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string' && value.trim()) {
    into.add(value.trim());
    for (const line of value.split('\n')) {
      const text = line.replace(/^\s*(?:[-*]|\d+\.|#+)\s+/, '').trim();
      if (text) into.add(text);
    }
  } else if (Array.isArray(value)) for (const item of value) dataStrings(item, into);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) dataStrings(item, into);
  return into;
}

/** The interface's words that a language writes as English does (German "Track", "Online", "Keynote"). */
function sameAsEnglish(language: string): string[] {
  const folder = join(REPO_ROOT, 'shared/messages');
  const read = (area: string, l: string) =>
    JSON.parse(readFileSync(join(folder, area, `${l}.json`), 'utf8')) as Record<string, unknown>;
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const english = read(entry.name, 'en');
      const other = read(entry.name, language);
      return Object.entries(english).flatMap(([key, text]) =>
        key !== '$schema' && typeof text === 'string' && !text.includes('{') && text === other[key] ? [text] : [],
      );
    });
}

const longestFirst = (strings: string[]) => [...new Set(strings)].sort((a, b) => b.length - a.length);

/** What is left of a string shared by both languages once data and names that are the same in every language go. */
function untranslated(text: string, same: string[]): string | null {
  let rest = text;
  for (const piece of same) if (piece.length > 1) rest = rest.split(piece).join(' ');
  return /\p{L}{2,}/u.test(rest) ? text : null;
}

describe('the platform in the visitor’s language', () => {
  let world: E2eWorld;
  let summit: SummitDetail;
  let same: string[];

  beforeAll(async () => {
    world = await startE2e();
    const summits = (await (await fetch(`${world.server.url}/api/summits`)).json()) as SummitSummary[];
    const next = summits
      .filter((s) => s.status === 'published' && Date.parse(s.lastSessionEndsAt ?? s.endsAt) > Date.now())
      .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))[0];
    if (!next) throw new Error('the demo network has no upcoming published summit');
    summit = (await (await fetch(`${world.server.url}/api/summits/${next.id}`)).json()) as SummitDetail;
    const institutions = await (await fetch(`${world.server.url}/api/institutions`)).json();
    const data = dataStrings([summits, summit, institutions]);
    const zones = [SEOUL, BERLIN, summit.timeZone, ...summits.map((s) => s.timeZone)];
    // Longest first, so that a title is taken out whole before a word inside it.
    same = [
      ...data,
      ...zones.map((zone) => zoneLabel(zone)),
      ...zones,
      'APoC Summits',
      'APoC',
      'Amgen Partners of Choice',
      'UTC',
      'English',
      'Français',
      'Deutsch',
      'Español',
      '한국어',
    ].sort((a, b) => b.length - a.length);
  });

  afterAll(async () => {
    await world?.stop();
  });

  async function open(context: BrowserContext, path: string): Promise<{ page: Page; strings: string[] }> {
    const page = await context.newPage();
    await page.goto(`${world.base}${path}`);
    return { page, strings: await pageStrings(page) };
  }

  async function inEnglish(path: string, timezoneId: string): Promise<Set<string>> {
    const context = await world.browser.newContext({ locale: 'en-GB', timezoneId });
    const { strings } = await open(context, path);
    await context.close();
    return new Set(strings);
  }

  it('shows a Korean browser the home page and the agenda in Korean', async () => {
    const context = await world.browser.newContext({ locale: 'ko-KR', timezoneId: SEOUL });
    for (const [path, name] of [
      ['/', 'home'],
      [`/summits/${summit.id}`, 'summit'],
    ] as const) {
      const english = await inEnglish(path, SEOUL);
      const { page, strings } = await open(context, path);
      await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('ko');
      expect(strings.join(' ')).toMatch(/\p{Script=Hangul}/u);
      const alike = longestFirst([...same, ...sameAsEnglish('ko')]);
      const left = strings.filter((text) => english.has(text)).flatMap((text) => untranslated(text, alike) ?? []);
      expect(left, `English left on the Korean ${name} page`).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, `language-ko-${name}.png`), fullPage: true });
    }
    await context.close();
  });

  it('shows the home, summit and session pages in each language (screenshots kept for people to look at)', async () => {
    const session = summit.sessions.find((s) => s.status === 'scheduled' && s.kind !== 'break') ?? summit.sessions[0];
    for (const language of ['en', 'fr', 'de', 'es', 'ko'] as const) {
      const context = await world.browser.newContext({ locale: 'en-GB', timezoneId: BERLIN });
      await context.addCookies([{ name: 'apoc-language', value: language, url: world.base }]);
      for (const [path, name] of [
        ['/', 'home'],
        [`/summits/${summit.id}`, 'summit'],
        [`/sessions/${session?.id ?? ''}`, 'session'],
      ] as const) {
        const page = await context.newPage();
        await page.goto(`${world.base}${path}`);
        await pageStrings(page);
        await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe(language);
        await page.screenshot({ path: join(SCREENSHOTS, `language-${language}-${name}.png`), fullPage: true });
        await page.close();
      }
      await context.close();
    }
  });

  it('switches the summit page to German: every string changes, axe passes, and a phone does not scroll sideways', async () => {
    const path = `/summits/${summit.id}`;
    const context = await world.browser.newContext({ locale: 'en-GB', timezoneId: BERLIN });
    const { page, strings: english } = await open(context, path);
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');

    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await page.waitForFunction(() => document.documentElement.lang === 'de');
    const german = await pageStrings(page);
    const alike = longestFirst([...same, ...sameAsEnglish('de')]);
    const left = german.filter((text) => english.includes(text)).flatMap((text) => untranslated(text, alike) ?? []);
    expect(left, 'English left on the German summit page').toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The choice survives a reload, and follows the visitor to a phone-sized window of the same browser.
    await page.reload();
    await page.waitForFunction(() => document.documentElement.lang === 'de');
    const phone = await world.browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'en-GB',
      timezoneId: BERLIN,
      storageState: await context.storageState(),
    });
    const small = await phone.newPage();
    await small.goto(`${world.base}${path}`);
    await pageStrings(small);
    await expect(small.evaluate(() => document.documentElement.lang)).resolves.toBe('de');
    const overflow = await small.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, 'the German summit page scrolls sideways on a phone').toBeLessThanOrEqual(0);
    await small.screenshot({ path: join(SCREENSHOTS, 'language-de-summit-phone.png'), fullPage: true });
    await phone.close();
    await context.close();
  });
});
