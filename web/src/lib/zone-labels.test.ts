// One style of zone label on every page: the city, whatever the viewer's locale. Intl's abbreviations
// would write "CET" for Berlin but "GMT-8" for Los Angeles in en-GB, and "PST" but "GMT+1" in en-US.
import { describe, expect, it } from 'vitest';
import { formatSlot } from '../features/organise/changes';
import { liveBadge } from '../features/live/live-badge';
import { formatSessionTime } from '../features/sessions/session-time';
import { clockPlaces, worldClock } from '../features/sessions/world-clock';
import { agendaEntries, agendaRows } from '../features/summits/agenda/agenda';
import { institution, session, summit } from '../testing/fixtures';
import { formatInstant } from './instant';

const ZONES = [
  ['America/Los_Angeles', 'Los Angeles'],
  ['Europe/Berlin', 'Berlin'],
  ['Asia/Seoul', 'Seoul'],
] as const;
const ABBREVIATION = /GMT|UTC|\b[A-Z]{3,4}\b/;

// A session in winter and one in summer: abbreviations change with the season, cities do not.
const SESSIONS = [
  { startsAt: '2027-01-12T17:00:00.000Z', endsAt: '2027-01-12T18:30:00.000Z' },
  { startsAt: '2027-07-13T17:00:00.000Z', endsAt: '2027-07-13T18:30:00.000Z' },
];

describe.each(['en-GB', 'en-US'])('zone labels in %s', (locale) => {
  it.each(ZONES)('name %s by its city wherever a time is written', (zone, city) => {
    for (const { startsAt, endsAt } of SESSIONS) {
      const labels = [
        formatSessionTime(startsAt, endsAt, zone, locale),
        formatSlot(startsAt, endsAt, zone, locale),
        formatInstant(startsAt, zone, locale),
        liveBadge({ status: 'scheduled', startsAt, endsAt }, true, Date.parse('2026-12-01T00:00:00Z'), zone, locale)
          ?.text ?? '',
      ];
      for (const label of labels) {
        expect(label).toContain(`(${city})`);
        expect(label).not.toMatch(ABBREVIATION);
      }

      const [row] = agendaRows(agendaEntries(summit({ sessions: [session({ startsAt, endsAt })] }), new Map()), zone);
      expect(row?.timeRange).toMatch(new RegExp(`\\(${city}\\)$`));

      const places = clockPlaces([institution({ id: 'here', timeZone: zone })], zone);
      for (const entry of worldClock(Date.parse(startsAt), Date.parse(endsAt), places, zone, locale)) {
        expect(entry.zoneLabel).toBe(`${city} time`);
      }
    }
  });
});
