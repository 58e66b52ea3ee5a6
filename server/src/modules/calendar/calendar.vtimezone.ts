// The VTIMEZONE blocks come from a package whose rules date from 2018 (tzdata 2018g): since then Brazil, Mexico,
// Iran, Jordan, Greenland and others changed or dropped daylight saving. A block is only used where it gives the
// same offsets as the platform's own zone database (Intl) over the years the platform schedules in.
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { formerZoneNames, offsetChanges, zoneOffsetMinutes } from '@apoc/shared';

interface Observance {
  /** Minutes east of UTC before and after the change. */
  from: number;
  to: number;
  /** The wall time of the change, as DTSTART gives it: month (1–12), day, hour, minute. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** From RRULE's BYMONTH and BYDAY (1SU, -1SU…): which weekday of which week; null for a change at DTSTART only. */
  rule: { month: number; week: number; weekday: number } | null;
  /** The year of DTSTART. */
  year: number;
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

const offset = (text: string | undefined): number | null => {
  const match = /^([+-])(\d{2})(\d{2})$/.exec(text ?? '');
  if (!match) return null;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
};

/** The observances of a block, or null for a form this reader does not know (then the block is not trusted). */
function observances(block: string): Observance[] | null {
  const found: Observance[] = [];
  for (const [, body] of block.matchAll(/BEGIN:(?:STANDARD|DAYLIGHT)\r?\n([\s\S]*?)END:(?:STANDARD|DAYLIGHT)/g)) {
    const field = (name: string) => new RegExp(`^${name}:(.*?)\\r?$`, 'm').exec(body ?? '')?.[1];
    const [from, to] = [offset(field('TZOFFSETFROM')), offset(field('TZOFFSETTO'))];
    const start = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})\d{2}$/.exec(field('DTSTART') ?? '');
    if (from === null || to === null || !start || /^RDATE/m.test(body ?? '')) return null;
    const rrule = field('RRULE');
    let rule: Observance['rule'] = null;
    if (rrule) {
      const match = /^FREQ=YEARLY;BYMONTH=(\d{1,2});BYDAY=(-?[1-5])(SU|MO|TU|WE|TH|FR|SA)$/.exec(rrule);
      if (!match) return null;
      rule = { month: Number(match[1]), week: Number(match[2]), weekday: WEEKDAYS.indexOf(match[3] ?? '') };
    }
    const [year, month, day, hour, minute] = start.slice(1).map(Number) as [number, number, number, number, number];
    found.push({ from, to, month, day, hour, minute, rule, year });
  }
  return found.length > 0 ? found : null;
}

/** The instant of an observance's change in `year`, or null if it has none that year. */
function changeIn(observance: Observance, year: number): number | null {
  const { rule, from, hour, minute } = observance;
  let day: number;
  if (rule) {
    if (year < observance.year) return null;
    const first = new Date(Date.UTC(year, rule.month - 1, 1)).getUTCDay();
    if (rule.week > 0) day = 1 + ((rule.weekday - first + 7) % 7) + (rule.week - 1) * 7;
    else {
      const length = new Date(Date.UTC(year, rule.month, 0)).getUTCDate();
      const last = new Date(Date.UTC(year, rule.month - 1, length)).getUTCDay();
      day = length - ((last - rule.weekday + 7) % 7) + (rule.week + 1) * 7;
    }
    return Date.UTC(year, rule.month - 1, day, hour, minute) - from * 60_000;
  }
  if (year !== observance.year) return null;
  return Date.UTC(year, observance.month - 1, observance.day, hour, minute) - from * 60_000;
}

/** The offset the block gives at `instant`: that of the last change before it. */
function blockOffset(changes: [number, number][], instant: number): number | undefined {
  let found: number | undefined;
  for (const [at, to] of changes) if (at <= instant) found = to;
  return found;
}

/**
 * Whether `block` gives the zone's offsets as Intl does, at every change either knows of and twice a month, from
 * the year before `now` to five years after.
 */
export function vtimezoneAgrees(block: string, zone: string, now = Date.now()): boolean {
  const parsed = observances(block);
  if (!parsed) return false;
  const firstYear = new Date(now).getUTCFullYear() - 1;
  const changes: [number, number][] = [];
  for (let year = firstYear - 1; year <= firstYear + 6; year++) {
    for (const observance of parsed) {
      const at = changeIn(observance, year);
      if (at !== null) changes.push([at, observance.to]);
    }
  }
  // Before any change in range: the offset of the observance that started last.
  const latest = [...parsed].sort((a, b) => a.year - b.year || a.month - b.month)[parsed.length - 1];
  changes.push([Number.NEGATIVE_INFINITY, latest?.to ?? 0]);
  changes.sort((a, b) => a[0] - b[0]);
  const from = Date.UTC(firstYear, 0, 1);
  const to = Date.UTC(firstYear + 6, 0, 1);
  const samples: number[] = [];
  for (let year = firstYear; year < firstYear + 6; year++) {
    for (let month = 0; month < 12; month++) samples.push(Date.UTC(year, month, 1, 12), Date.UTC(year, month, 15, 12));
    // Intl's own changes, either side of each.
    for (const [at] of offsetChanges(zone, year)) samples.push(at - 60_000, at);
  }
  for (const [at] of changes) if (at > from && at < to) samples.push(at - 3_600_000, at + 3_600_000);
  return samples.every((instant) => blockOffset(changes, instant) === zoneOffsetMinutes(instant, zone));
}

// The package reads a zone's VTIMEZONE from its own files, synchronously, each time it is asked; a
// zone's block never changes while the process runs, so each is read once.
const vtimezones = new Map<string, string | null>();

/**
 * The zone's VTIMEZONE block, or null if none is known or the known one is out of date. The package names some
 * zones by a former name only ("Europe/Kiev" for Europe/Kyiv): their block is written under the current name,
 * which the events carry.
 */
export function vtimezone(zone: string): string | null {
  let component = vtimezones.get(zone);
  if (component === undefined) {
    component = getVtimezoneComponent(zone) ?? null;
    for (const former of formerZoneNames(zone)) {
      if (component) break;
      // Its TZURL would fetch the block under the former name again: left out.
      component =
        getVtimezoneComponent(former)
          ?.replace(/^TZURL:.*\r?\n/gm, '')
          .replace(/^(TZID|X-LIC-LOCATION):.*$/gm, (line) => `${line.split(':')[0]}:${zone}`) ?? null;
    }
    // A block from before the zone's rules last changed would place events wrongly: none, and events in UTC.
    if (component && !vtimezoneAgrees(component, zone)) component = null;
    vtimezones.set(zone, component);
  }
  return component;
}
