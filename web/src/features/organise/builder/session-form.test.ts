import { describe, expect, it } from 'vitest';
import { session } from '../../../testing/fixtures';
import { formTimes, sessionFormFrom, sessionInput, validateSessionForm } from './session-form';

describe('the session form', () => {
  it('reads times in the summit’s zone, and a 09:00 session stays 09:00 after the clocks change', () => {
    // Paris: CET (+1) before 28 March 2027, CEST (+2) after.
    expect(formTimes({ date: '2027-03-27', start: '09:00', end: '10:00' }, 'Europe/Paris')?.startsAt).toBe(
      '2027-03-27T08:00:00.000Z',
    );
    expect(formTimes({ date: '2027-03-29', start: '09:00', end: '10:00' }, 'Europe/Paris')?.startsAt).toBe(
      '2027-03-29T07:00:00.000Z',
    );
  });

  it('puts an end that is not after the start on the next day', () => {
    expect(formTimes({ date: '2027-03-09', start: '23:30', end: '00:30' }, 'Asia/Seoul')).toEqual({
      startsAt: '2027-03-09T14:30:00.000Z',
      endsAt: '2027-03-09T15:30:00.000Z',
      nextDay: true,
    });
  });

  it('saves a session in the second pass of a repeated hour unchanged, and reads a time typed there as the first', () => {
    // New York falls back on 7 November 2027: 01:00–02:00 happens twice (EDT, then EST).
    const second = session({ startsAt: '2027-11-07T06:15:00.000Z', endsAt: '2027-11-07T06:45:00.000Z' });
    const values = sessionFormFrom(second, 'America/New_York');
    expect([values.date, values.start, values.end]).toEqual(['2027-11-07', '01:15', '01:45']);
    expect(formTimes(values, 'America/New_York')).toEqual({
      startsAt: '2027-11-07T06:15:00.000Z',
      endsAt: '2027-11-07T06:45:00.000Z',
      nextDay: false,
    });
    // A new time typed in the repeated hour is its first pass, as calendars read it.
    expect(formTimes({ ...values, start: '01:20' }, 'America/New_York')?.startsAt).toBe('2027-11-07T05:20:00.000Z');
  });

  it('reads an end before the start across the night the clocks go back as the same night, not the next day', () => {
    // 01:40 EDT to 01:10 EST is 30 minutes.
    expect(formTimes({ date: '2027-11-07', start: '01:40', end: '01:10' }, 'America/New_York')).toEqual({
      startsAt: '2027-11-07T05:40:00.000Z',
      endsAt: '2027-11-07T06:10:00.000Z',
      nextDay: false,
    });
  });

  it('shows an existing session’s times in the summit’s zone', () => {
    const values = sessionFormFrom(
      session({ startsAt: '2027-03-09T14:30:00.000Z', endsAt: '2027-03-09T15:30:00.000Z' }),
      'America/New_York',
    );
    expect([values.date, values.start, values.end]).toEqual(['2027-03-09', '09:30', '10:30']);
  });

  it('sends no time for a session kept in the tray, and no room for a virtual summit', () => {
    const values = { ...sessionFormFrom(null, 'UTC'), title: 'Posters', roomId: 'hall', scheduled: false };
    const input = sessionInput(values, { format: 'virtual', timeZone: 'UTC' });
    expect(input).toMatchObject({ startsAt: null, endsAt: null, roomId: null, joinUrl: null });
  });

  it('says which field is wrong', () => {
    const values = { ...sessionFormFrom(null, 'UTC', { date: '2027-03-09' }), joinUrl: 'ftp://x', seatLimit: '0' };
    expect(validateSessionForm(values, 'UTC')).toEqual({
      title: 'Give the session a title.',
      seatLimit: 'A whole number of seats, or empty.',
      joinUrl: 'A web address starting with https:// (or http://).',
    });
  });

  it('sends credit hours in quarter hours, none when empty, and none for breaks and networking', () => {
    const values = { ...sessionFormFrom(session({ credits: 0.75 }), 'UTC'), title: 'Keynote' };
    expect(values.credits).toBe(0.75);
    expect(sessionInput(values, { format: 'hybrid', timeZone: 'UTC' }).credits).toBe(0.75);
    expect(sessionInput({ ...values, credits: null }, { format: 'hybrid', timeZone: 'UTC' }).credits).toBeNull();
    expect(sessionInput({ ...values, kind: 'break' }, { format: 'hybrid', timeZone: 'UTC' }).credits).toBeNull();
    expect(sessionFormFrom(session(), 'UTC').credits).toBeNull();
  });

  it('takes credit hours from 0.25 to 12 in quarter hours, and does not check them for a break', () => {
    const values = { ...sessionFormFrom(null, 'UTC'), title: 'Keynote' };
    for (const credits of [0.25, 1.5, 12]) expect(validateSessionForm({ ...values, credits }, 'UTC')).toEqual({});
    for (const credits of [0, 0.1, 12.25, -1, Number.NaN])
      expect(validateSessionForm({ ...values, credits }, 'UTC').credits).toBe(
        'From 0.25 to 12 hours, in quarter hours.',
      );
    expect(validateSessionForm({ ...values, kind: 'networking', credits: 0.1 }, 'UTC')).toEqual({});
  });
});
