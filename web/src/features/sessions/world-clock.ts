// The world-clock strip: one session as lived in each of the network's cities and in the viewer's own
// zone, with the planner's comfort class (working hours, early/late/weekend, night) for each. Local
// weekdays matter as much as hours: a Friday evening in Boston is a Saturday morning in Seoul.
import type { Institution } from '@apoc/shared';
import { localSlot, type Comfort } from '@apoc/shared/planner';
import { formatTimeSpan, localDate, zoneCity, zoneLabel, zoneOffsetMinutes } from '@apoc/shared/time';
import { formatLocale } from '../../lib/language';
import { m } from '../../paraglide/messages.js';

export interface ClockPlace {
  key: string;
  /** "Asan", "Your time". */
  name: string;
  /** The full name, for a tooltip and assistive technology: "Asan Medical Center". */
  fullName: string;
  city: string;
  zone: string;
  isViewer: boolean;
  isHost: boolean;
}

export interface ClockEntry extends ClockPlace {
  /** "18:30–19:30" in the place's zone. */
  timeRange: string;
  /** "New York time": the clock the place reads, which may be another city's than its own. */
  zoneLabel: string;
  /** "Sat 16 Jan" when the local date of the start differs from the summit's, else null. */
  otherDay: string | null;
  /** The session ends on the next local day (and not exactly at midnight). */
  endsNextDay: boolean;
  comfort: Comfort;
  /** Minutes ahead of UTC at the start, to order places from west to east. */
  offset: number;
}

/** The member institutions and the host, then the viewer's own zone (always shown, even if shared). */
export function clockPlaces(institutions: readonly Institution[], viewerZone: string): ClockPlace[] {
  return [
    {
      key: 'viewer',
      name: m.session_clock_your_time(),
      fullName: m.session_clock_your_zone({ zone: viewerZone }),
      city: zoneCity(viewerZone),
      zone: viewerZone,
      isViewer: true,
      isHost: false,
    },
    ...institutions.map((institution) => ({
      key: institution.id,
      name: institution.shortName,
      fullName: institution.name,
      city: institution.city,
      zone: institution.timeZone,
      isViewer: false,
      isHost: institution.isHost,
    })),
  ];
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** "Sat 16 Jan": enough to tell the day apart from the summit's, without the year. */
function shortDay(instant: number, zone: string, locale: string = formatLocale): string {
  const key = `${locale}|${zone}`;
  let formatter = dayFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: zone });
    dayFormatters.set(key, formatter);
  }
  const text = formatter.format(instant);
  // English without its comma, as formatDay writes it ("Sat 16 Jan"); other languages keep theirs.
  return locale.toLowerCase().startsWith('en') ? text.replaceAll(',', '') : text;
}

/**
 * The session from `start` to `end` in every place: the viewer first, then west to east.
 * `referenceZone` is the summit's: a place whose local date of the start differs from it shows its weekday.
 */
export function worldClock(
  start: number,
  end: number,
  places: readonly ClockPlace[],
  referenceZone: string,
  locale?: string,
): ClockEntry[] {
  const referenceDate = localDate(start, referenceZone);
  const durationMinutes = Math.max(1, Math.round((end - start) / 60_000));
  const entries = places.map((place): ClockEntry => {
    const slot = localSlot(start, durationMinutes, place.zone);
    const startDate = localDate(start, place.zone);
    return {
      ...place,
      timeRange: formatTimeSpan(start, end, place.zone, locale),
      zoneLabel: m.session_clock_zone_time({ city: zoneLabel(place.zone) }),
      otherDay: startDate === referenceDate ? null : shortDay(start, place.zone, locale),
      endsNextDay: localDate(end - 1, place.zone) !== startDate,
      comfort: slot.comfort,
      offset: zoneOffsetMinutes(start, place.zone),
    };
  });
  return entries.sort(
    (a, b) => Number(b.isViewer) - Number(a.isViewer) || a.offset - b.offset || a.name.localeCompare(b.name),
  );
}
