import { describe, expect, it } from 'vitest';
import { groupZones, supportedZones, zoneLabel } from './time-zones';

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

  it('adds the member’s own zone when the browser does not list it, once', () => {
    const groups = groupZones(['Europe/Paris'], ['Asia/Calcutta', 'Europe/Paris', '']);
    expect(groups.flatMap((g) => g.zones.map((z) => z.value))).toEqual(['Asia/Calcutta', 'Europe/Paris']);
  });

  it('offers every zone the runtime knows, UTC included', () => {
    const zones = supportedZones();
    expect(zones).toContain('Australia/Melbourne');
    expect(zones).toContain('UTC');
  });
});
