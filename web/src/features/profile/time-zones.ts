// The choices of the profile's time-zone select: every IANA zone the browser knows, grouped by region
// ("Europe", "America") and named by their city, so that 400 options stay easy to scan.

export interface ZoneOption {
  value: string;
  label: string;
}

export interface ZoneGroup {
  region: string;
  zones: ZoneOption[];
}

/** The zones this browser knows, plus UTC (which `supportedValuesOf` leaves out as an alias). */
export function supportedZones(): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    // Older engines: the member's own zone and the extras below still make a usable list.
  }
  return zones.includes('UTC') ? zones : [...zones, 'UTC'];
}

/** "America/Argentina/Buenos_Aires" → "Argentina / Buenos Aires"; "UTC" stays "UTC". */
export function zoneLabel(zone: string): string {
  const parts = zone.split('/');
  const rest = parts.length > 1 ? parts.slice(1) : parts;
  return rest.map((part) => part.replaceAll('_', ' ')).join(' / ');
}

const OTHER = 'Other';

/** Groups zones by their region, regions and cities in alphabetical order; `extra` zones are added if missing. */
export function groupZones(zones: readonly string[], extra: readonly string[] = []): ZoneGroup[] {
  const all = new Set([...zones, ...extra.filter(Boolean)]);
  const groups = new Map<string, ZoneOption[]>();
  for (const zone of all) {
    const region = zone.includes('/') ? (zone.split('/')[0] ?? OTHER) : OTHER;
    let group = groups.get(region);
    if (!group) groups.set(region, (group = []));
    group.push({ value: zone, label: zoneLabel(zone) });
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === OTHER ? 1 : b === OTHER ? -1 : a.localeCompare(b)))
    .map(([region, options]) => ({ region, zones: options.sort((a, b) => a.label.localeCompare(b.label)) }));
}
