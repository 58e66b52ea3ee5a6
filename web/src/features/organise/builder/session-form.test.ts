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
});
