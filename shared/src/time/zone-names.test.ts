import { describe, expect, it } from 'vitest';
import { currentZoneName, formerZoneNames, LEGACY_ZONE_NAMES } from './zone-names';
import { isValidTimeZone, zoneOffsetMinutes } from './zones';

describe('current IANA zone names', () => {
  it('names Kolkata and Kyiv by their current names, not the ones ICU still answers with', () => {
    expect(currentZoneName('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(currentZoneName('Europe/Kiev')).toBe('Europe/Kyiv');
    expect(currentZoneName('Asia/Saigon')).toBe('Asia/Ho_Chi_Minh');
    expect(currentZoneName('America/Buenos_Aires')).toBe('America/Argentina/Buenos_Aires');
  });

  it('leaves current names, merged-but-still-named zones and unknown text unchanged', () => {
    for (const zone of ['Asia/Kolkata', 'Europe/Kyiv', 'Asia/Seoul', 'Europe/Bratislava', 'UTC', 'Not/A_Zone']) {
      expect(currentZoneName(zone)).toBe(zone);
    }
    expect(currentZoneName('toString')).toBe('toString');
  });

  it('maps every legacy name to a zone this runtime knows, on the same clock, and never to another legacy name', () => {
    const instants = [Date.UTC(2027, 0, 15), Date.UTC(2027, 6, 15)];
    for (const [legacy, current] of Object.entries(LEGACY_ZONE_NAMES)) {
      expect(isValidTimeZone(current), current).toBe(true);
      expect(LEGACY_ZONE_NAMES[current], current).toBeUndefined();
      for (const instant of instants) {
        expect(zoneOffsetMinutes(instant, current), `${legacy} → ${current}`).toBe(zoneOffsetMinutes(instant, legacy));
      }
    }
  });

  it('turns every zone the runtime lists into a current name, without creating duplicates', () => {
    const listed = Intl.supportedValuesOf('timeZone');
    const current = listed.map(currentZoneName);
    expect(current).not.toContain('Asia/Calcutta');
    expect(current).toContain('Asia/Kolkata');
    expect(current).toContain('Europe/Kyiv');
    expect(new Set(current).size).toBe(listed.length);
  });

  it('remembers the names a zone was known by, for searching', () => {
    expect(formerZoneNames('Asia/Kolkata')).toEqual(['Asia/Calcutta']);
    expect(formerZoneNames('Asia/Seoul')).toEqual([]);
  });
});
