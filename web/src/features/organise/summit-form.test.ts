import { describe, expect, it } from 'vitest';
import { summit } from '../../testing/fixtures';
import {
  createSummitInput,
  emptySummitForm,
  fromZonedInput,
  remainingSummitErrors,
  summitFormFrom,
  summitPatch,
  toZonedInput,
  validateSummitForm,
} from './summit-form';

describe('the summit form', () => {
  it('reads registration times in the summit’s zone, across a clock change', () => {
    expect(fromZonedInput('2027-03-27T09:00', 'Europe/Paris')).toBe('2027-03-27T08:00:00.000Z');
    expect(fromZonedInput('2027-03-29T09:00', 'Europe/Paris')).toBe('2027-03-29T07:00:00.000Z');
    expect(toZonedInput('2027-03-29T07:00:00.000Z', 'Europe/Paris')).toBe('2027-03-29T09:00');
    expect(fromZonedInput('', 'Europe/Paris')).toBeNull();
  });

  it('sends only what changed, so that untouched defaults stay defaults', () => {
    const initial = summitFormFrom(summit({ description: 'Old' }));
    expect(summitPatch(initial, { ...initial })).toBeNull();
    expect(summitPatch(initial, { ...initial, description: 'New', seatsInPerson: '80' })).toEqual({
      description: 'New',
      seats: { inPerson: 80 },
    });
  });

  it('treats the same wall-clock registration time in another zone as another moment', () => {
    const initial = { ...summitFormFrom(summit()), registrationCloses: '2027-03-08T18:00' };
    const patch = summitPatch(initial, { ...initial, timeZone: 'Asia/Seoul' });
    expect(patch).toMatchObject({ timeZone: 'Asia/Seoul', registrationClosesAt: '2027-03-08T09:00:00.000Z' });
  });

  it('keeps registration closing at the end of the last day a default when the zone or the last day changes', () => {
    // London's summit closes registration by default when 10 March 2027 ends there.
    const initial = summitFormFrom(summit());
    expect(initial.registrationCloses).toBe('2027-03-11T00:00');
    expect(summitPatch(initial, { ...initial, timeZone: 'Asia/Seoul' })).toEqual({
      timeZone: 'Asia/Seoul',
      registrationClosesAt: null,
    });
    expect(summitPatch(initial, { ...initial, timeZone: 'Asia/Seoul', endDate: '2027-03-11' })).toEqual({
      timeZone: 'Asia/Seoul',
      endDate: '2027-03-11',
      registrationClosesAt: null,
    });
    // Only the title changed: the closing is not touched.
    expect(summitPatch(initial, { ...initial, title: 'Renamed' })).toEqual({ title: 'Renamed' });
    // Another closing typed in is the organiser's.
    expect(
      summitPatch(initial, { ...initial, timeZone: 'Asia/Seoul', registrationCloses: '2027-03-05T12:00' }),
    ).toEqual({
      timeZone: 'Asia/Seoul',
      registrationClosesAt: '2027-03-05T03:00:00.000Z',
    });
  });

  it('asks for a venue in person, none online, and a last day after the first', () => {
    const values = { ...emptySummitForm('Europe/Berlin', '2027-01-01'), title: 'Spring summit', endDate: '2027-03-01' };
    expect(validateSummitForm(values)).toEqual({
      venueName: expect.stringContaining('needs a venue') as unknown as string,
      endDate: 'The last day cannot come before the first.',
    });
    const online = { ...values, format: 'virtual' as const, endDate: values.startDate };
    expect(validateSummitForm(online)).toEqual({});
    expect(createSummitInput(online)).toMatchObject({ venue: null, seats: { inPerson: null, virtual: null } });
  });

  it('keeps, of the errors shown, only those still true: a fixed field loses its message, no new one appears', () => {
    const values = { ...emptySummitForm('Europe/Berlin', '2027-01-01'), title: '', endDate: '2027-03-01' };
    const shown = validateSummitForm(values);
    expect(Object.keys(shown).sort()).toEqual(['endDate', 'title', 'venueName']);
    const fixed = { ...values, title: 'Spring summit', format: 'virtual' as const, seatsVirtual: 'many' };
    expect(remainingSummitErrors(shown, fixed)).toEqual({ endDate: 'The last day cannot come before the first.' });
    expect(remainingSummitErrors(shown, { ...fixed, endDate: '2027-05-01' })).toEqual({
      endDate: 'A summit lasts at most two weeks.',
    });
  });
});
