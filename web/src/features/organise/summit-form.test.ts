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
  translatedLanguages,
  translationStatus,
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

  it('sends the translations whole when a text changed, trimmed and without the empty ones, and not for spaces', () => {
    const initial = summitFormFrom(summit({ translations: { fr: { title: 'Sommet' }, en: { title: 'Summit' } } }));
    expect(initial.translations.de).toEqual({ title: '', description: '' });
    const typed = { ...initial.translations, fr: { title: 'Sommet ', description: '' } };
    expect(summitPatch(initial, { ...initial, translations: typed })).toBeNull();
    const more = { ...initial.translations, ko: { title: ' ', description: ' 서울에서 이틀. ' } };
    expect(summitPatch(initial, { ...initial, translations: more })).toEqual({
      translations: { en: { title: 'Summit' }, fr: { title: 'Sommet' }, ko: { description: '서울에서 이틀.' } },
    });
    // A new summit starts without translations.
    expect(createSummitInput(emptySummitForm('Europe/Berlin', '2027-01-01'))).not.toHaveProperty('translations');
  });

  it('offers every language but English, and English too once it has a text', () => {
    const form = summitFormFrom(summit());
    expect(translatedLanguages(form)).toEqual(['fr', 'de', 'es', 'ko']);
    const english = summitFormFrom(summit({ translations: { en: { description: 'Two days.' } } }));
    expect(translatedLanguages(form, english)).toEqual(['fr', 'de', 'es', 'ko', 'en']);
    expect(translationStatus({ title: 'x', description: '' })).toBe('title');
    expect(translationStatus({ title: ' ', description: 'y' })).toBe('description');
    expect(translationStatus({ title: 'x', description: 'y' })).toBe('complete');
    expect(translationStatus({ title: '', description: '  ' })).toBe('missing');
  });
});
