import { describe, expect, it } from 'vitest';
import { groupZones, placesByZone, searchZones, supportedZones, zoneLabel } from './time-zones';

describe('the time-zone choices', () => {
  it('names zones by their place, without underscores', () => {
    expect(zoneLabel('America/New_York')).toBe('New York');
    expect(zoneLabel('America/Argentina/Buenos_Aires')).toBe('Argentina / Buenos Aires');
    expect(zoneLabel('UTC')).toBe('UTC');
  });

  it('groups zones by region in alphabetical order, with zones of no region last', () => {
    const groups = groupZones(['Europe/Paris', 'Asia/Seoul', 'UTC', 'Europe/Berlin', 'America/Los_Angeles']);
    expect(groups.map((g) => g.region)).toEqual(['America', 'Asia', 'Europe', 'Other']);
    expect(groups[2]?.zones).toEqual([
      { value: 'Europe/Berlin', label: 'Berlin' },
      { value: 'Europe/Paris', label: 'Paris' },
    ]);
  });

  it('adds the member’s own zone when the browser does not list it, once, by its current name', () => {
    const groups = groupZones(['Europe/Paris'], ['Asia/Calcutta', 'Europe/Paris', '']);
    expect(groups.flatMap((g) => g.zones.map((z) => z.value))).toEqual(['Asia/Kolkata', 'Europe/Paris']);
  });

  it('offers every zone the runtime knows, UTC included, by current names only', () => {
    const zones = supportedZones();
    expect(zones).toContain('Australia/Melbourne');
    expect(zones).toContain('UTC');
    expect(zones).toContain('Asia/Kolkata');
    expect(zones).toContain('Europe/Kyiv');
    expect(zones).not.toContain('Asia/Calcutta');
    expect(zones).not.toContain('Europe/Kiev');
    expect(new Set(zones).size).toBe(zones.length);
  });
});

describe('finding a zone by a city’s name', () => {
  const groups = groupZones(supportedZones());
  const found = (query: string, places?: Map<string, string[]>) =>
    searchZones(groups, query, places).flatMap((group) => group.zones.map((zone) => zone.value));

  it.each([
    ['Kolkata', 'Asia/Kolkata'],
    ['Kyiv', 'Europe/Kyiv'],
    ['Melbourne', 'Australia/Melbourne'],
    ['New York', 'America/New_York'],
    ['new_york', 'America/New_York'],
    ['  NEW   york ', 'America/New_York'],
    ['York', 'America/New_York'],
    ['Buenos Aires', 'America/Argentina/Buenos_Aires'],
  ])('finds %s: %s', (query, zone) => {
    expect(found(query)).toContain(zone);
  });

  it('ignores accents on either side', () => {
    expect(found('São Paulo')).toEqual(['America/Sao_Paulo']);
    expect(found('Zürich')).toEqual(['Europe/Zurich']);
    expect(found('Montreal')).toEqual([]);
  });

  it('still finds a city by the name its zone used to have', () => {
    expect(found('Calcutta')).toEqual(['Asia/Kolkata']);
    expect(found('Kiev')).toEqual(['Europe/Kyiv']);
  });

  it('finds the zone of an institution’s city that IANA does not name', () => {
    const places = placesByZone([
      { city: 'Essen', timeZone: 'Europe/Berlin' },
      { city: 'Thousand Oaks', timeZone: 'America/Los_Angeles' },
      { city: 'Villejuif', timeZone: 'Europe/Paris' },
    ]);
    expect(found('Essen', places)).toEqual(['Europe/Berlin']);
    expect(found('thousand oaks', places)).toEqual(['America/Los_Angeles']);
  });

  it('keeps the regions of the matches only, and everything for an empty search', () => {
    expect(searchZones(groups, 'Melbourne').map((group) => group.region)).toEqual(['Australia']);
    expect(searchZones(groups, '   ')).toEqual(groups);
  });
});
