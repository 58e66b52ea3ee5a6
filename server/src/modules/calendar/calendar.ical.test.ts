import { describe, expect, it } from 'vitest';
import { invitation } from './calendar.ical';

const invite = (start: string, end: string, timeZone: string) =>
  invitation({
    uid: 'registration-1@apoc.test',
    sequence: 0,
    title: 'APoC Summit',
    description: '',
    location: 'Online',
    url: 'https://apoc.test/summits/1',
    timeZone,
    start: new Date(start),
    end: new Date(end),
    organizer: { name: 'APoC', email: 'summits@apoc.test' },
    attendee: { name: 'Ana', email: 'ana@apoc.test' },
    stamp: new Date('2026-12-01T00:00:00Z'),
  });

describe('the invitation of a confirmation mail', () => {
  it('writes its times in the summit’s zone, with that zone defined', () => {
    const body = invite('2027-03-09T13:00:00Z', '2027-03-09T14:00:00Z', 'Europe/Paris');
    expect(body).toMatch(/^DTSTART;TZID=Europe\/Paris:20270309T140000\r?$/m);
    expect(body).toMatch(/^BEGIN:VTIMEZONE\r?$/m);
  });

  it('writes in UTC, never as floating local time, an event in the hour the clocks repeat or in a zone without a VTIMEZONE', () => {
    // 01:05 EDT the night New York falls back.
    const repeated = invite('2026-11-01T05:05:00Z', '2026-11-01T05:35:00Z', 'America/New_York');
    expect(repeated).toMatch(/^DTSTART:20261101T050500Z\r?$/m);
    expect(repeated).toMatch(/^DTEND:20261101T053500Z\r?$/m);
    const undescribed = invite('2027-03-09T15:00:00Z', '2027-03-09T16:00:00Z', 'America/Ciudad_Juarez');
    expect(undescribed).toMatch(/^DTSTART:20270309T150000Z\r?$/m);
  });
});
