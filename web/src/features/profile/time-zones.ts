// The choices of the profile's time-zone select: every IANA zone the browser knows, by its current name
// (Asia/Kolkata, not ICU's Asia/Calcutta), grouped by region ("Europe", "America") and named by their city,
// so that 400 options stay easy to scan; and a search that finds a zone by a city's name.
import { currentZoneName, formerZoneNames } from '@apoc/shared/time';
import { formatLocale } from '../../lib/language';
import { m } from '../../paraglide/messages.js';

export interface ZoneOption {
  value: string;
  label: string;
}

export interface ZoneGroup {
  region: string;
  zones: ZoneOption[];
}

/** The zones this browser knows by their current names, plus UTC (which `supportedValuesOf` leaves out as an alias). */
export function supportedZones(): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    // Older engines: the member's own zone and the extras below still make a usable list.
  }
  return [...new Set([...zones.map(currentZoneName), 'UTC'])];
}

/** "America/Argentina/Buenos_Aires" → "Argentina / Buenos Aires"; "UTC" stays "UTC". */
export function zoneLabel(zone: string): string {
  const parts = zone.split('/');
  const rest = parts.length > 1 ? parts.slice(1) : parts;
  return rest.map((part) => part.replaceAll('_', ' ')).join(' / ');
}

const OTHER = 'Other';

/** The region as people read it ("Indian" is the Indian Ocean's islands); a region we do not know keeps its IANA name. */
export function regionLabel(region: string): string {
  switch (region) {
    case 'Africa':
      return m.profile_region_africa();
    case 'America':
      return m.profile_region_america();
    case 'Antarctica':
      return m.profile_region_antarctica();
    case 'Arctic':
      return m.profile_region_arctic();
    case 'Asia':
      return m.profile_region_asia();
    case 'Atlantic':
      return m.profile_region_atlantic();
    case 'Australia':
      return m.profile_region_australia();
    case 'Europe':
      return m.profile_region_europe();
    case 'Indian':
      return m.profile_region_indian();
    case 'Pacific':
      return m.profile_region_pacific();
    case OTHER:
      return m.profile_region_other();
    default:
      return region;
  }
}

/**
 * Groups zones by their region (its IANA name; `regionLabel` names it), regions in the alphabetical order of
 * their names in the page's language and cities in that of theirs; `extra` zones are added if missing.
 */
export function groupZones(zones: readonly string[], extra: readonly string[] = []): ZoneGroup[] {
  const all = new Set([...zones, ...extra.filter(Boolean)].map(currentZoneName));
  const groups = new Map<string, ZoneOption[]>();
  for (const zone of all) {
    const region = zone.includes('/') ? (zone.split('/')[0] ?? OTHER) : OTHER;
    let group = groups.get(region);
    if (!group) groups.set(region, (group = []));
    group.push({ value: zone, label: zoneLabel(zone) });
  }
  const collator = new Intl.Collator(formatLocale);
  return [...groups.entries()]
    .sort(([a], [b]) => (a === OTHER ? 1 : b === OTHER ? -1 : collator.compare(regionLabel(a), regionLabel(b))))
    .map(([region, options]) => ({ region, zones: options.sort((a, b) => collator.compare(a.label, b.label)) }));
}

/** Lower case, accents and separators folded: "São_Paulo" and "sao paulo" read the same. */
function folded(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[_/\-\s]+/g, ' ')
    .trim();
}

/**
 * The words a search matches against for `zone`: its places as IANA names them (region and city), the
 * names it had before ("Calcutta" finds Asia/Kolkata), and `places` of our own, such as the network's
 * institutions' cities ("Essen" finds Europe/Berlin).
 */
export function zoneSearchText(zone: string, places: readonly string[] = []): string {
  return folded([zone, ...formerZoneNames(zone), ...places].join(' '));
}

/** The cities of the institutions, by the zone they are in, for zoneSearchText. */
export function placesByZone(institutions: readonly { city: string; timeZone: string }[]): Map<string, string[]> {
  const places = new Map<string, string[]>();
  for (const { city, timeZone } of institutions) {
    const zone = currentZoneName(timeZone);
    places.set(zone, [...(places.get(zone) ?? []), city]);
  }
  return places;
}

/**
 * The groups with only the zones whose names contain every word of `query` ("new york", "New_York",
 * "kyiv", "Zürich"); all of them for an empty query. Regions without a match are left out.
 */
export function searchZones(
  groups: readonly ZoneGroup[],
  query: string,
  places: ReadonlyMap<string, readonly string[]> = new Map(),
): ZoneGroup[] {
  const words = folded(query).split(' ').filter(Boolean);
  if (words.length === 0) return [...groups];
  return groups
    .map((group) => ({
      region: group.region,
      zones: group.zones.filter((option) => {
        const text = zoneSearchText(option.value, places.get(option.value));
        return words.every((word) => text.includes(word));
      }),
    }))
    .filter((group) => group.zones.length > 0);
}
