import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { addDays, zonedInstant } from '@apoc/shared';
import { CalendarRepository, CalendarService } from '@apoc/server';
import { buildTestApp } from '../helpers/app';
import { signIn } from '../helpers/auth';
import { compareLoads, comparedRows, load, medianMs, type BenchResult } from './measure';

/** Summit sizes whose feed is built, to show how its cost grows with the agenda. */
const SIZES = [100, 300, 1000];

/**
 * The iCal feeds of summits of 100, 300 and 1,000 sessions: time to generate each (target ≤ 10 ms at 300), and
 * the 304 path (a calendar application polling an unchanged feed) against a bare GET, in alternating rounds.
 */
export async function calendarBenchmarks(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'apoc-bench-calendar-'));
  const baseline = Fastify({ logger: false });
  baseline.get('/constant', async () => ({ status: 'ok' }));
  const baselineUrl = `${await baseline.listen({ port: 0, host: '127.0.0.1' })}/constant`;

  const t = await buildTestApp({ seed: 'demo', dir });
  const organiser = await signIn(t, 'organiser@demo.apoc.test');
  const headers = { cookie: organiser, origin: t.config.publicUrl.origin };
  const zone = 'Europe/Paris';
  /** A published virtual summit over three days with `size` sessions. */
  const summitOf = async (size: number) => {
    const summit = (
      await t.app.inject({
        method: 'POST',
        url: '/api/summits',
        headers,
        payload: {
          title: `Feed bench, ${size} sessions`,
          format: 'virtual',
          timeZone: zone,
          startDate: '2027-03-27',
          endDate: '2027-03-29',
        },
      })
    ).json() as { id: string };
    for (let i = 0; i < size; i++) {
      const day = addDays('2027-03-27', i % 3);
      const minutes = 7 * 60 + (Math.floor(i / 3) % 90) * 10;
      const time = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      await t.app.inject({
        method: 'POST',
        url: `/api/summits/${summit.id}/sessions`,
        headers,
        payload: {
          title: `Session ${i}`,
          kind: 'breakout',
          startsAt: zonedInstant(day, time(minutes), zone).toISOString(),
          endsAt: zonedInstant(day, time(minutes + 10), zone).toISOString(),
        },
      });
    }
    await t.app.inject({ method: 'POST', url: `/api/summits/${summit.id}/publish`, headers, payload: {} });
    return summit.id;
  };
  const sized = new Map<number, string>();
  for (const size of SIZES) sized.set(size, await summitOf(size));
  const summit = { id: sized.get(300) ?? '' };

  const results: BenchResult[] = [];
  try {
    // A fresh service each time, so that every run builds the feed rather than reading its cache. What
    // stays warm is what the process makes once and never again: each zone's VTIMEZONE and UTC offsets,
    // and the published version's parsed agenda (kept per version by the summits module).
    const build = (summitId: string) => () =>
      new CalendarService(new CalendarRepository(t.app.db), t.app.summits, t.config, t.app.clock).summitFeed(summitId);
    // Builds discarded first, as a running server has built feeds, invitations and change notices
    // before: otherwise the median mostly measures the compiler warming up (~90 ms for the first build).
    for (let i = 0; i < 10; i++) await build(summit.id)();
    for (const [size, summitId] of sized) {
      results.push({
        benchmark: `iCal feed, ${size} sessions`,
        metric: 'median generation time',
        value: await medianMs(build(summitId)),
        unit: 'ms',
      });
    }
    const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const feedUrl = `${url}/api/summits/${summit.id}/calendar.ics`;
    const etag = (await fetch(feedUrl)).headers.get('etag') ?? '';
    const notModified = await compareLoads(
      () => load(baselineUrl),
      () => load(feedUrl, undefined, { 'if-none-match': etag }),
    );
    results.push(...comparedRows('iCal feed 304 path', 'bare GET', notModified), {
      benchmark: 'iCal feed 304 path',
      metric: 'answers 304',
      value: notModified.subject.count304,
      unit: 'count',
    });
  } finally {
    await baseline.close();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
