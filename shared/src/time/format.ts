// How times are written for people: in the viewer's locale, always with the zone they are in.
import { inRepeatedHour, zoneCity, zoneOffsetMinutes } from './zones';

// Formatters are cached because building one costs far more than using it (agenda of 300 sessions).
import { currentZoneName } from './zone-names';

const formatters = new Map<string, Intl.DateTimeFormat>();

let defaultLocale: string | undefined;

/**
 * The locale times are written in when a caller names none: the web app sets the language its page is in
 * (with the browser's region where it has one, so "en-US" keeps its 12-hour clock) before it renders
 * anything. Left unset, Intl's default (the process's or browser's) applies. The server names a locale
 * on every call instead, because each recipient has their own.
 */
export function setDefaultLocale(locale: string | undefined): void {
  defaultLocale = locale;
}

/** The locale set by setDefaultLocale, if any. */
export function getDefaultLocale(): string | undefined {
  return defaultLocale;
}

function formatter(given: string | undefined, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = given ?? defaultLocale;
  const key = `${locale ?? ''}|${zone}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
    formatters.set(key, cached);
  }
  return cached;
}

const hourStyles = new Map<string, 'numeric' | '2-digit'>();

/** 24-hour locales write "08:00", 12-hour ones "8:00 AM": pad the hour only where the clock is 24-hour. */
function hourStyle(given: string | undefined): 'numeric' | '2-digit' {
  const locale = given ?? defaultLocale;
  const key = locale ?? '';
  let style = hourStyles.get(key);
  if (!style) {
    const { hourCycle } = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions();
    style = hourCycle === 'h23' || hourCycle === 'h24' ? '2-digit' : 'numeric';
    hourStyles.set(key, style);
  }
  return style;
}

/**
 * "14:00" or "2:00 PM", as the viewer's locale writes it; "01:30 UTC−4" and "01:30 UTC−5" the night the clocks go
 * back, when the same wall time happens twice.
 */
export function formatTime(instant: Date | number, zone: string, locale?: string): string {
  const time = formatWallTime(instant, zone, locale);
  return inRepeatedHour(instant, zone) ? `${time} ${formatUtcOffset(instant, zone)}` : time;
}

/**
 * "14:00–15:30"; the night the clocks go back, an offset both ends share is written once ("01:30–01:50 UTC−4"),
 * and ends in different passes each get theirs ("01:40 UTC−4–01:10 UTC−5").
 */
export function formatTimeSpan(start: Date | number, end: Date | number, zone: string, locale?: string): string {
  const repeated = inRepeatedHour(start, zone) && inRepeatedHour(end, zone);
  if (repeated && zoneOffsetMinutes(start, zone) === zoneOffsetMinutes(end, zone)) {
    return `${formatWallTime(start, zone, locale)}–${formatWallTime(end, zone, locale)} ${formatUtcOffset(start, zone)}`;
  }
  return `${formatTime(start, zone, locale)}–${formatTime(end, zone, locale)}`;
}

/** The wall time alone, never with its offset: for a view that marks the clocks' change its own way. */
export function formatWallTime(instant: Date | number, zone: string, locale?: string): string {
  return formatter(locale, zone, { hour: hourStyle(locale), minute: '2-digit' }).format(instant);
}

/**
 * "Tue 9 Mar 2027" (in the viewer's locale's order): never an ambiguous all-digits date. English loses
 * Intl's commas ("Tue, 9 Mar 2027"); other languages keep their own punctuation ("Di., 9. März 2027",
 * "2027년 3월 9일 (화)").
 */
export function formatDay(instant: Date | number, zone: string, locale?: string): string {
  const text = formatter(locale, zone, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(
    instant,
  );
  return isEnglish(locale ?? defaultLocale) ? text.replaceAll(',', '') : text;
}

function isEnglish(locale: string | undefined): boolean {
  return (locale ?? Intl.DateTimeFormat().resolvedOptions().locale).toLowerCase().startsWith('en');
}

/** A calendar date (YYYY-MM-DD, already in its zone) written for people, e.g. "Tue 9 Mar 2027". */
export function formatCalendarDate(date: string, locale?: string): string {
  // Noon UTC of that date has the same calendar date when read in UTC.
  return formatDay(new Date(`${date}T12:00:00Z`), 'UTC', locale);
}

/**
 * How a zone is named for people: the city of its IANA name ("Seoul", "Los Angeles", "Paris"), or "UTC".
 *
 * One style everywhere, because the abbreviations Intl knows depend on the locale and the zone: en-GB
 * writes "CET" for Paris but "GMT-8" for Los Angeles, en-US "PST" but "GMT+1", and people read "GMT-8"
 * beside "CET" as two kinds of thing. A city is the same in every season, and its wall clock already includes
 * daylight saving; it is spelled as the reader's language spells it ("서울", "Nueva York") where that differs.
 */
export function zoneLabel(zone: string, locale?: string): string {
  if (zone === 'UTC' || zone === 'Etc/UTC' || zone === 'Etc/GMT' || zone === 'GMT') return 'UTC';
  if (zone.startsWith('Etc/')) return zone.slice(4);
  const language = (locale ?? defaultLocale ?? '').slice(0, 2).toLowerCase();
  return CITY_NAMES[zone]?.[language] ?? zoneCity(zone);
}

/**
 * The cities of the network's zones (and a few more that members meet) as each language spells them, where it
 * differs from the IANA name ("서울", "Nueva York", "Brüssel"); any other zone keeps the IANA city in every language.
 */
const CITY_NAMES: Record<string, Partial<Record<string, string>>> = {
  'Asia/Seoul': { fr: 'Séoul', es: 'Seúl', ko: '서울' },
  'America/New_York': { es: 'Nueva York', ko: '뉴욕' },
  'America/Toronto': { ko: '토론토' },
  'America/Los_Angeles': { ko: '로스앤젤레스' },
  'America/Chicago': { ko: '시카고' },
  'America/Mexico_City': { fr: 'Mexico', de: 'Mexiko-Stadt', es: 'Ciudad de México', ko: '멕시코시티' },
  'Europe/Berlin': { es: 'Berlín', ko: '베를린' },
  'Europe/Paris': { es: 'París', ko: '파리' },
  'Europe/Madrid': { ko: '마드리드' },
  'Europe/London': { fr: 'Londres', es: 'Londres', ko: '런던' },
  'Europe/Brussels': { fr: 'Bruxelles', de: 'Brüssel', es: 'Bruselas', ko: '브뤼셀' },
  'Europe/Vienna': { fr: 'Vienne', de: 'Wien', es: 'Viena', ko: '빈' },
  'Europe/Zurich': { de: 'Zürich', es: 'Zúrich', ko: '취리히' },
  'Europe/Rome': { fr: 'Rome', de: 'Rom', es: 'Roma', ko: '로마' },
  'Europe/Amsterdam': { fr: 'Amsterdam', es: 'Ámsterdam', ko: '암스테르담' },
  'Europe/Lisbon': { fr: 'Lisbonne', de: 'Lissabon', es: 'Lisboa', ko: '리스본' },
  'Australia/Melbourne': { ko: '멜버른' },
  'Australia/Sydney': { ko: '시드니' },
  'Asia/Tokyo': { es: 'Tokio', ko: '도쿄' },
  'Asia/Shanghai': { es: 'Shanghái', ko: '상하이' },
  'Asia/Singapore': { fr: 'Singapour', de: 'Singapur', es: 'Singapur', ko: '싱가포르' },
};

/** "Tue 9 Mar 2027, 14:00 (Paris)": an instant written for people, with the zone it is read in. */
export function formatMoment(instant: Date | number, zone: string, locale?: string): string {
  return `${formatDay(instant, zone, locale)}, ${formatTime(instant, zone, locale)} (${zoneLabel(zone, locale)})`;
}

/**
 * The zone's offset from UTC at that instant: "UTC+2", "UTC+5:30", "UTC−3", "UTC". Not a name for the
 * zone (that is `zoneLabel`), but what tells the two 02:00s apart on the night the clocks go back; the
 * same in every locale, unlike Intl's "CEST" or "GMT+2".
 */
export function formatUtcOffset(instant: Date | number, zone: string): string {
  const offset = zoneOffsetMinutes(instant, zone);
  if (offset === 0) return 'UTC';
  const hours = Math.floor(Math.abs(offset) / 60);
  const minutes = Math.abs(offset) % 60;
  return `UTC${offset > 0 ? '+' : '−'}${hours}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`;
}

/** The zone the viewer's browser or process runs in, by its current name ("Asia/Kolkata", not ICU's "Asia/Calcutta"). */
export function viewerTimeZone(): string {
  return currentZoneName(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
}
