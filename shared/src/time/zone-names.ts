// Current IANA names for zones that were renamed. ICU (and so `Intl.supportedValuesOf('timeZone')` and
// `resolvedOptions().timeZone` on Node 20 and in many browsers) still answers with CLDR's canonical ids,
// which keep the old spellings: "Asia/Calcutta", "Europe/Kiev". People in Kolkata and Kyiv should read
// their city's name, and one zone should be stored under one name, so both sides translate through here.
//
// Only renames are listed (tzdata's `backward` file, "old name → new name" for the same place), not the
// zones that tzdata merged into another country's because their clocks agree since 1970: "Europe/Bratislava"
// is still the right name for a member in Bratislava.

/** Legacy name → current name. */
export const LEGACY_ZONE_NAMES: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Ulan_Bator': 'Asia/Ulaanbaatar',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/** The zone's current IANA name: "Asia/Calcutta" → "Asia/Kolkata"; any other name unchanged. */
export function currentZoneName(zone: string): string {
  return Object.hasOwn(LEGACY_ZONE_NAMES, zone) ? (LEGACY_ZONE_NAMES[zone] ?? zone) : zone;
}

/** The legacy names a zone was known by ("Asia/Kolkata" → ["Asia/Calcutta"]), so that a search for "Calcutta" finds it. */
export function formerZoneNames(zone: string): string[] {
  return Object.entries(LEGACY_ZONE_NAMES)
    .filter(([, current]) => current === zone)
    .map(([legacy]) => legacy);
}
