import { describe, expect, it } from 'vitest';
import {
  formatCalendarDate,
  formatDay,
  formatMoment,
  formatTime,
  formatTimeSpan,
  formatUtcOffset,
  setDefaultLocale,
  zoneLabel,
} from './format';

describe('writing times for people', () => {
  const instant = new Date('2027-03-09T13:00:00Z');

  it('writes the same instant at each city’s own time', () => {
    expect(formatTime(instant, 'Asia/Seoul', 'en-GB')).toBe('22:00');
    expect(formatTime(instant, 'America/New_York', 'en-GB')).toBe('08:00');
    expect(formatTime(instant, 'America/New_York', 'en-US')).toBe('8:00 AM');
  });

  it('tells the two 01:30s apart the night New York puts its clocks back, and only then', () => {
    expect(formatTime(new Date('2027-11-07T05:30:00Z'), 'America/New_York', 'en-GB')).toBe('01:30 UTC−4');
    expect(formatTime(new Date('2027-11-07T06:30:00Z'), 'America/New_York', 'en-GB')).toBe('01:30 UTC−5');
    expect(formatTime(new Date('2027-11-07T04:59:00Z'), 'America/New_York', 'en-GB')).toBe('00:59');
    expect(formatTime(new Date('2027-11-07T07:00:00Z'), 'America/New_York', 'en-GB')).toBe('02:00');
    // The same instants elsewhere are plain times; Lord Howe goes back by half an hour (02:00 → 01:30).
    expect(formatTime(new Date('2027-11-07T05:30:00Z'), 'Asia/Seoul', 'en-GB')).toBe('14:30');
    expect(formatTime(new Date('2027-04-03T14:45:00Z'), 'Australia/Lord_Howe', 'en-GB')).toBe('01:45 UTC+11');
    expect(formatTime(new Date('2027-04-03T15:15:00Z'), 'Australia/Lord_Howe', 'en-GB')).toBe('01:45 UTC+10:30');
    expect(formatTime(new Date('2027-04-03T14:15:00Z'), 'Australia/Lord_Howe', 'en-GB')).toBe('01:15');
  });

  it('writes a span in the repeated hour with the offset once, or each end’s own across the change', () => {
    const zone = 'America/New_York';
    expect(formatTimeSpan(Date.parse('2027-11-07T05:30:00Z'), Date.parse('2027-11-07T05:50:00Z'), zone, 'en-GB')).toBe(
      '01:30–01:50 UTC−4',
    );
    expect(formatTimeSpan(Date.parse('2027-11-07T05:40:00Z'), Date.parse('2027-11-07T06:10:00Z'), zone, 'en-GB')).toBe(
      '01:40 UTC−4–01:10 UTC−5',
    );
    expect(formatTimeSpan(Date.parse('2027-11-07T06:30:00Z'), Date.parse('2027-11-07T07:30:00Z'), zone, 'en-GB')).toBe(
      '01:30 UTC−5–02:30',
    );
    expect(formatTimeSpan(Date.parse('2027-03-09T13:00:00Z'), Date.parse('2027-03-09T14:00:00Z'), zone, 'en-US')).toBe(
      '8:00 AM–9:00 AM',
    );
  });

  it('writes dates unambiguously, with the weekday and the month in words', () => {
    expect(formatDay(instant, 'Europe/Paris', 'en-GB')).toBe('Tue 9 Mar 2027');
    expect(formatDay(instant, 'Australia/Melbourne', 'en-GB')).toBe('Wed 10 Mar 2027');
    expect(formatCalendarDate('2027-03-09', 'en-GB')).toBe('Tue 9 Mar 2027');
  });

  it('writes the offset from UTC in force at that instant, the same in every locale', () => {
    expect(formatUtcOffset(new Date('2027-01-15T12:00:00Z'), 'America/New_York')).toBe('UTC−5');
    expect(formatUtcOffset(new Date('2027-07-15T12:00:00Z'), 'America/New_York')).toBe('UTC−4');
    expect(formatUtcOffset(new Date('2027-07-15T12:00:00Z'), 'Europe/Berlin')).toBe('UTC+2');
    expect(formatUtcOffset(new Date('2027-01-15T12:00:00Z'), 'Asia/Kolkata')).toBe('UTC+5:30');
    expect(formatUtcOffset(new Date('2027-01-15T12:00:00Z'), 'Europe/London')).toBe('UTC');
  });

  it('labels every zone the same way, by its city, whatever the locale or season', () => {
    expect(zoneLabel('America/Los_Angeles')).toBe('Los Angeles');
    expect(zoneLabel('Europe/Paris')).toBe('Paris');
    expect(zoneLabel('Asia/Seoul')).toBe('Seoul');
    expect(zoneLabel('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
    expect(zoneLabel('UTC')).toBe('UTC');
    expect(zoneLabel('Etc/UTC')).toBe('UTC');
  });

  // The rule behind one style on a page: Intl's short names depend on the locale (en-GB writes "CET" for
  // Berlin but "GMT-8" for Los Angeles), so a zone is always named by its city, in every locale we use.
  describe.each(['en-GB', 'en-US'])('in %s', (locale) => {
    it.each([
      ['America/Los_Angeles', 'Los Angeles'],
      ['Europe/Berlin', 'Berlin'],
      ['Asia/Seoul', 'Seoul'],
    ])('names %s by its city, in winter and in summer, never by an abbreviation', (zone, city) => {
      for (const season of ['2027-01-15T12:00:00Z', '2027-07-15T12:00:00Z']) {
        const moment = formatMoment(new Date(season), zone, locale);
        expect(moment.endsWith(` (${city})`)).toBe(true);
        expect(moment).not.toMatch(/GMT|UTC|\b[A-Z]{3,4}\b/);
      }
      expect(zoneLabel(zone)).toBe(city);
    });
  });

  it('writes a moment with its day, its time and its zone’s city', () => {
    expect(formatMoment(instant, 'Asia/Seoul', 'en-GB')).toBe('Tue 9 Mar 2027, 22:00 (Seoul)');
    expect(formatMoment(instant, 'America/Los_Angeles', 'en-US')).toBe('Tue Mar 9 2027, 5:00 AM (Los Angeles)');
  });
});

describe('dates and times in each language', () => {
  const instant = new Date('2027-03-09T12:00:00Z');

  it('writes a Korean day and time as Koreans read them', () => {
    expect(formatDay(instant, 'Asia/Seoul', 'ko')).toBe('2027년 3월 9일 (화)');
    // A 12-hour clock with the day period first; ICU 78 (Node 20.20) writes that period "PM", older data "오후".
    expect(formatTime(instant, 'Asia/Seoul', 'ko')).toMatch(/^(오후|PM) 9:00$/);
  });

  it('keeps German punctuation and its 24-hour clock', () => {
    expect(formatDay(instant, 'Europe/Berlin', 'de')).toBe('Di., 9. März 2027');
    expect(formatTime(instant, 'Europe/Berlin', 'de')).toBe('13:00');
  });

  it('writes French and Spanish days in their own words', () => {
    expect(formatDay(instant, 'Europe/Paris', 'fr')).toBe('mar. 9 mars 2027');
    expect(formatDay(instant, 'Europe/Madrid', 'es')).toBe('mar, 9 mar 2027');
  });

  it('uses the default locale the app sets when a call names none', () => {
    setDefaultLocale('de');
    try {
      expect(formatDay(instant, 'Europe/Berlin')).toBe('Di., 9. März 2027');
    } finally {
      setDefaultLocale(undefined);
    }
    expect(formatDay(instant, 'Europe/Berlin', 'en-GB')).toBe('Tue 9 Mar 2027');
  });
});

describe('zone names in each language', () => {
  it('spell the network’s cities as the reader’s language does, and keep the others', () => {
    expect(zoneLabel('Asia/Seoul', 'ko')).toBe('서울');
    expect(zoneLabel('Asia/Seoul', 'es')).toBe('Seúl');
    expect(zoneLabel('America/New_York', 'es-MX')).toBe('Nueva York');
    expect(zoneLabel('Europe/Brussels', 'de')).toBe('Brüssel');
    expect(zoneLabel('Asia/Seoul', 'en-GB')).toBe('Seoul');
    expect(zoneLabel('America/Argentina/Buenos_Aires', 'ko')).toBe('Buenos Aires');
    expect(zoneLabel('UTC', 'ko')).toBe('UTC');
    expect(formatMoment(new Date('2027-03-09T12:00:00Z'), 'Asia/Seoul', 'fr')).toBe('mar. 9 mars 2027, 21:00 (Séoul)');
  });
});
