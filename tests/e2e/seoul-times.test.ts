import { join } from 'node:path';
import type { MailboxMessage, SummitDetail, SummitSummary } from '@apoc/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, post, SCREENSHOTS, signInThroughMailbox, startE2e, type E2eWorld } from '../helpers/e2e';

/** A member of Asan Medical Center, in Seoul (demo seed, db/src/seed/network.ts). */
const MEMBER = 'seoyeon.han@demo.apoc.test';
const SEOUL = 'Asia/Seoul';

// Written with Intl alone, in Seoul, as a person there reads them: "Tue 19 Jan" and "23:00".
const dayInSeoul = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: SEOUL,
});
const yearInSeoul = new Intl.DateTimeFormat('en-GB', { year: 'numeric', timeZone: SEOUL });
const timeInSeoul = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: SEOUL,
});
const day = (instant: number) => dayInSeoul.format(instant).replaceAll(',', '');
const fullDay = (instant: number) => `${day(instant)} ${yearInSeoul.format(instant)}`;

describe('a member in Seoul reads the next summit’s times in Seoul time', () => {
  let world: E2eWorld;
  let summit: SummitDetail;
  /** The first session's start and the last one's end, from the published agenda's sessions. */
  let first: number;
  let last: number;

  beforeAll(async () => {
    world = await startE2e();
    const summits = (await (await fetch(`${world.server.url}/api/summits`)).json()) as SummitSummary[];
    // The next summit as the home page features it: the soonest one whose sessions have not all ended.
    const next = summits
      .filter((s) => s.status === 'published' && Date.parse(s.lastSessionEndsAt ?? s.endsAt) > Date.now())
      .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))[0];
    if (!next) throw new Error('the demo network has no upcoming published summit');
    summit = (await (await fetch(`${world.server.url}/api/summits/${next.id}`)).json()) as SummitDetail;
    const held = summit.sessions.filter((s) => s.status === 'scheduled' && s.startsAt && s.endsAt);
    if (held.length === 0) throw new Error(`${summit.id} has no scheduled session`);
    first = Math.min(...held.map((s) => Date.parse(s.startsAt ?? '')));
    last = Math.max(...held.map((s) => Date.parse(s.endsAt ?? '')));
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('sees the days the sessions fall on and the first session’s start on the home card, then in the confirmation', async () => {
    const context = await desktop(world.browser, SEOUL);
    const page = await signInThroughMailbox(context, world.base, MEMBER);

    const hero = page.locator('article.hero');
    await expect(hero.getByRole('heading', { level: 2 }).innerText()).resolves.toBe(summit.title);
    const dates = await hero.getByTestId('summit-dates').innerText();
    // From the first session's start to the last one's end, lived in Seoul (an end is exclusive).
    expect(dates).toContain(day(first));
    expect(dates).toContain(day(last - 1));
    await expect(hero.getByTestId('first-session').innerText()).resolves.toBe(
      `First session ${fullDay(first)}, ${timeInSeoul.format(first)} (Seoul)`,
    );

    await page.screenshot({ path: join(SCREENSHOTS, 'home-seoul.png'), fullPage: true });

    const mode = summit.format === 'in_person' ? 'in_person' : 'virtual';
    await post(context, world.base, `/api/summits/${summit.id}/registrations`, { mode }, 201);
    const mailbox = (await (await context.request.get(`${world.base}/api/dev/mailbox`)).json()) as MailboxMessage[];
    const confirmation = mailbox.find((m) => m.recipient === MEMBER && m.kind === 'registration-confirmed');
    expect(confirmation?.subject).toBe(`Registration confirmed: ${summit.title}`);
    expect(confirmation?.text).toContain(`It starts ${fullDay(first)}, ${timeInSeoul.format(first)} (Seoul)`);
    await context.close();
  });
});
