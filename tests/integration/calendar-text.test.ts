import { invitation, type CalendarService } from '@apoc/server';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app';
import { demoSummitIds } from '../helpers/demo';

/**
 * Whatever organisers and members type (titles, abstracts, venues, names) reaches calendar
 * applications unchanged: escaped, folded at 75 octets without splitting a character, and read back
 * by ical.js, an independent implementation.
 */

// Text that iCalendar must escape or fold, often, besides any Unicode at all.
const awkward = fc.constantFrom(',', ';', '\\', ':', '"', '\n', '\r\n', ' ', 'é', 'ß', '한', '😀', 'a', 'Z', '0');
const text = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }),
  fc.string({ unit: awkward, minLength: 1, maxLength: 200 }),
);
// iCalendar TEXT has one line break, written "\n": a carriage return cannot survive.
const asRead = (value: string) => value.replace(/\r\n?/g, '\n');

// ical.js knows RFC 5545's properties only: read NAME (RFC 7986) and X-WR-CALNAME as the TEXT they are,
// as calendar applications do, rather than as raw unknown values.
ICAL.design.icalendar.property['name'] = { defaultType: 'text' };
ICAL.design.icalendar.property['x-wr-calname'] = { defaultType: 'text' };

function physicalLines(body: string): string[] {
  expect(body.endsWith('END:VCALENDAR')).toBe(true);
  expect(body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  return body.split('\r\n');
}

function expectFoldedAt75Octets(body: string) {
  for (const line of physicalLines(body)) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
}

describe('calendar text that every calendar application reads back as written', () => {
  let t: TestApp;
  let calendar: CalendarService;
  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo' });
    calendar = t.app.calendar;
  });
  afterAll(async () => t.close());

  it('keeps titles, abstracts, names, venues and tracks of a feed intact', async () => {
    const state = await t.app.summits.published((await demoSummitIds(t.app.db)).nextInPerson);
    const session = state?.agenda.sessions.find((s) => s.roomId && s.trackId);
    if (!state || !session) throw new Error('the demo summit has a session with a room and a track');
    await fc.assert(
      fc.asyncProperty(
        fc.record({ summary: text, abstract: text, summitTitle: text, venue: text, room: text, track: text }),
        async ({ summary, abstract, summitTitle, venue, room, track }) => {
          const changed = {
            ...state,
            summit: { ...state.summit, title: summitTitle, venueName: venue },
            agenda: {
              ...state.agenda,
              rooms: state.agenda.rooms.map((r) => (r.id === session.roomId ? { ...r, name: room } : r)),
              tracks: state.agenda.tracks.map((tr) => (tr.id === session.trackId ? { ...tr, name: track } : tr)),
              sessions: [{ ...session, title: summary, abstract }],
            },
          };
          const body = await calendar.sessionsCalendar(changed, new Set([session.id]), summitTitle);
          expectFoldedAt75Octets(body);

          const parsed = new ICAL.Component(ICAL.parse(body));
          expect(parsed.getFirstPropertyValue('name')).toBe(asRead(summitTitle));
          expect(parsed.getFirstPropertyValue('x-wr-calname')).toBe(asRead(summitTitle));
          const event = parsed.getFirstSubcomponent('vevent');
          expect(event?.getFirstPropertyValue('summary')).toBe(asRead(summary));
          // The abstract first, then a blank line before what the platform adds (speakers, the page).
          const abstractAndBreak = asRead(`${abstract}\n\n`);
          const description = String(event?.getFirstPropertyValue('description'));
          expect(description.slice(0, abstractAndBreak.length)).toBe(abstractAndBreak);
          expect(event?.getFirstPropertyValue('location')).toBe(
            asRead([room, venue, state.summit.venueCity].filter(Boolean).join(', ')),
          );
          expect(event?.getFirstProperty('categories')?.getValues()).toEqual([asRead(track)]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the text of a registration invitation intact', () => {
    fc.assert(
      fc.property(
        // A backslash in a name is written doubled by ical-generator (not a character one expects in a name).
        fc.record({
          title: text,
          description: text,
          location: text,
          attendee: text.map((s) => s.replaceAll('\\', '/')),
        }),
        ({ title, description, location, attendee }) => {
          const body = invitation({
            uid: 'summit-s-essen@localhost',
            sequence: 0,
            title,
            description,
            location,
            url: 'http://localhost:3000/summits/s-essen',
            timeZone: 'Europe/Berlin',
            start: new Date('2027-06-08T07:00:00Z'),
            end: new Date('2027-06-09T16:00:00Z'),
            organizer: { name: 'APoC Summits', email: 'summits@apoc.test' },
            attendee: { name: attendee, email: 'member@example.org' },
            stamp: new Date('2027-05-01T12:00:00Z'),
          });
          expectFoldedAt75Octets(body);

          const parsed = new ICAL.Component(ICAL.parse(body));
          expect(parsed.getFirstPropertyValue('name')).toBe(asRead(title));
          const event = parsed.getFirstSubcomponent('vevent');
          expect(event?.getFirstPropertyValue('summary')).toBe(asRead(title));
          expect(event?.getFirstPropertyValue('description')).toBe(asRead(description));
          expect(event?.getFirstPropertyValue('location')).toBe(asRead(location));
          expect(event?.getFirstProperty('attendee')?.getParameter('cn')).toBe(asRead(attendee));
        },
      ),
      { numRuns: 300 },
    );
  });
});
