import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { describe, expect, it } from 'vitest';
import { vtimezone, vtimezoneAgrees } from './calendar.vtimezone';

const NOW = Date.parse('2027-01-15T00:00:00Z');
const block = (zone: string) => getVtimezoneComponent(zone) ?? '';

describe('the VTIMEZONE blocks the feeds carry', () => {
  it('trusts a block that gives the offsets the zone database gives, for every zone of the network', () => {
    for (const zone of [
      'Asia/Seoul',
      'America/New_York',
      'Europe/Berlin',
      'Europe/Paris',
      'Australia/Melbourne',
      'America/Toronto',
      'Europe/Madrid',
      'America/Los_Angeles',
      'Australia/Lord_Howe',
    ]) {
      expect(vtimezoneAgrees(block(zone), zone, NOW), zone).toBe(true);
    }
  });

  it('refuses a block from before the zone changed its rules', () => {
    // Brazil dropped daylight saving in 2019, Mexico in 2022; the package's blocks still have it.
    expect(vtimezoneAgrees(block('America/Sao_Paulo'), 'America/Sao_Paulo', NOW)).toBe(false);
    expect(vtimezoneAgrees(block('America/Mexico_City'), 'America/Mexico_City', NOW)).toBe(false);
    // Greenland moved from UTC−3 to UTC−2 in 2023.
    expect(vtimezoneAgrees(block('America/Godthab'), 'America/Nuuk', NOW)).toBe(false);
    expect(vtimezone('America/Nuuk')).toBeNull();
  });

  it('refuses a block it cannot read rather than guess', () => {
    const paris = block('Europe/Paris');
    expect(vtimezoneAgrees(paris.replace('BYDAY=-1SU', 'BYDAY=SU'), 'Europe/Paris', NOW)).toBe(false);
    expect(vtimezoneAgrees(paris.replace(/TZOFFSETTO:\+0200/, 'TZOFFSETTO:+0300'), 'Europe/Paris', NOW)).toBe(false);
    expect(vtimezoneAgrees('BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nEND:VTIMEZONE', 'Europe/Paris', NOW)).toBe(false);
  });
});
