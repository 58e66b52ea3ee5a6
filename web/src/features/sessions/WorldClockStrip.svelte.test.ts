import type { Institution } from '@apoc/shared';
import { formatTime } from '@apoc/shared/time';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { institution } from '../../testing/fixtures';
import WorldClockStrip from './WorldClockStrip.svelte';

const NETWORK: Institution[] = [
  institution({ id: 'asan', shortName: 'Asan', city: 'Seoul', timeZone: 'Asia/Seoul' }),
  institution({ id: 'dana-farber', shortName: 'Dana-Farber', city: 'Boston', timeZone: 'America/New_York' }),
  institution({ id: 'essen', shortName: 'UK Essen', city: 'Essen', timeZone: 'Europe/Berlin' }),
  institution({
    id: 'gustave-roussy',
    shortName: 'Gustave Roussy',
    city: 'Villejuif (Paris)',
    timeZone: 'Europe/Paris',
  }),
  institution({ id: 'msk', shortName: 'MSK', city: 'New York', timeZone: 'America/New_York' }),
  institution({ id: 'peter-mac', shortName: 'Peter Mac', city: 'Melbourne', timeZone: 'Australia/Melbourne' }),
  institution({
    id: 'princess-margaret',
    shortName: 'Princess Margaret',
    city: 'Toronto',
    timeZone: 'America/Toronto',
  }),
  institution({ id: 'vhio', shortName: 'VHIO', city: 'Barcelona', timeZone: 'Europe/Madrid' }),
  institution({
    id: 'amgen',
    shortName: 'Amgen',
    city: 'Thousand Oaks',
    timeZone: 'America/Los_Angeles',
    isHost: true,
  }),
];

// Friday 15 January 2027, 18:30–19:30 in Boston (EST, UTC−5): already Saturday in Europe and Asia-Pacific.
const start = Date.parse('2027-01-15T23:30:00Z');
const end = Date.parse('2027-01-16T00:30:00Z');

describe('<WorldClockStrip> for a Friday-evening session in Boston', () => {
  let component: ReturnType<typeof mount> | undefined;

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
  });

  function render(viewerZone: string) {
    component = mount(WorldClockStrip, {
      target: document.body,
      props: { start, end, institutions: NETWORK, viewerZone, summitZone: 'America/New_York', headingId: 'clock' },
    });
    flushSync();
  }

  const clock = (place: string) => {
    const element = document.querySelector<HTMLElement>(`[data-testid="clock"][data-place="${place}"]`);
    if (!element) throw new Error(`no clock for ${place}`);
    return {
      element,
      comfort: element.dataset['comfort'],
      time: element.querySelector('[data-testid="clock-time"]')?.textContent?.trim(),
      day: element.querySelector('[data-testid="clock-day"]')?.textContent?.trim() ?? null,
      text: element.textContent?.replace(/\s+/g, ' ') ?? '',
    };
  };
  const range = (zone: string) => `${formatTime(start, zone)}–${formatTime(end, zone)}`;

  it('shows every member city, the host and the viewer, the viewer first and then west to east', () => {
    render('Europe/Paris');
    const places = [...document.querySelectorAll<HTMLElement>('[data-testid="clock"]')].map((e) => e.dataset['place']);
    expect(places).toHaveLength(10);
    expect(places[0]).toBe('viewer');
    expect(places[1]).toBe('amgen');
    expect(places.at(-1)).toBe('peter-mac');
  });

  it('classes Boston as an evening, Thousand Oaks as working hours and Europe as night', () => {
    render('Europe/Paris');
    expect(clock('dana-farber')).toMatchObject({ comfort: 'acceptable', time: range('America/New_York'), day: null });
    expect(clock('dana-farber').text).toContain('Early, late or weekend');
    expect(clock('amgen')).toMatchObject({ comfort: 'working', time: range('America/Los_Angeles'), day: null });
    expect(clock('amgen').text).toContain('Working hours');
    expect(clock('amgen').text).toContain('Host');
    for (const place of ['essen', 'gustave-roussy', 'vhio']) {
      expect(clock(place).comfort).toBe('night');
      expect(clock(place).text).toContain('Night');
    }
  });

  it('shows Saturday where the Friday evening is already Saturday', () => {
    render('Europe/Paris');
    // 08:30 on a Saturday in Seoul: daytime, but a weekend.
    const seoul = clock('asan');
    expect(seoul.time).toBe(range('Asia/Seoul'));
    expect(seoul.comfort).toBe('acceptable');
    expect(seoul.day).toMatch(/^Sat/);
    expect(seoul.day).toContain('16');
    expect(clock('peter-mac').day).toMatch(/^Sat/);
    expect(clock('princess-margaret').day).toBeNull();
    expect(clock('msk').day).toBeNull();
  });

  it("gives the viewer's own zone its class and day too", () => {
    render('Europe/Paris');
    const viewer = clock('viewer');
    expect(viewer.text).toContain('Your time');
    expect(viewer.text).toContain('Paris');
    expect(viewer.comfort).toBe('night');
    expect(viewer.day).toMatch(/^Sat/);
  });

  it('writes every class in words beside its icon, in the legend as on each card', () => {
    render('America/New_York');
    const legend = document.querySelector('[aria-label="Comfort classes"]')?.textContent ?? '';
    for (const label of ['Working hours', 'Early, late or weekend', 'Night']) expect(legend).toContain(label);
    for (const card of document.querySelectorAll('[data-testid="clock"]')) {
      expect(card.querySelector('.comfort svg')).not.toBeNull();
      expect(card.querySelector('.comfort')?.textContent?.trim()).not.toBe('');
    }
  });
});
