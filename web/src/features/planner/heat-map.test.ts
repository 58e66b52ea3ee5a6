import type { PlannedSlot } from '@apoc/shared';
import { zonedInstant } from '@apoc/shared/time';
import { describe, expect, it } from 'vitest';
import { institution, session } from '../../testing/fixtures';
import { bandOf, heatMapHours, heatMapRows, placementPatch, plannedMinutes, plannerRequestFor } from './heat-map';

const asan = institution();
const dana = institution({
  id: 'dana',
  shortName: 'Dana-Farber',
  name: 'Dana-Farber Cancer Institute',
  city: 'Boston',
  timeZone: 'America/New_York',
});
const peter = institution({
  id: 'peter',
  shortName: 'Peter Mac',
  name: 'Peter MacCallum Cancer Centre',
  city: 'Melbourne',
  timeZone: 'Australia/Melbourne',
});
const BERLIN = 'Europe/Berlin';

/** The cell of `who` in the column whose summit-zone label is `label`. */
function cell(rows: ReturnType<typeof heatMapRows>, who: string, label: string, date: string, zone = BERLIN) {
  const hours = heatMapHours(date, zone);
  const index = hours.findIndex((hour) => hour.label === label);
  return rows.find((row) => row.institution.id === who)?.cells[index];
}

describe('the heat map', () => {
  it('classes every hour of a weekday for each institution, west to east', () => {
    const hours = heatMapHours('2027-03-09', BERLIN); // a Tuesday; Berlin on CET (UTC+1)
    expect(hours).toHaveLength(24);
    expect(hours[0]).toEqual({ start: Date.parse('2027-03-08T23:00:00Z'), label: '00:00' });
    const rows = heatMapRows([asan, peter, dana], hours, BERLIN);
    expect(rows.map((row) => row.institution.id)).toEqual(['dana', 'asan', 'peter']);

    // 09:00 in Berlin is 17:00 in Seoul (working), 03:00 in Boston (night), 19:00 in Melbourne.
    expect(cell(rows, 'asan', '09:00', '2027-03-09')).toMatchObject({
      comfort: 'working',
      localTime: '17:00',
      dayShift: 0,
    });
    expect(cell(rows, 'dana', '09:00', '2027-03-09')).toMatchObject({ comfort: 'night', localTime: '03:00' });
    expect(cell(rows, 'peter', '09:00', '2027-03-09')).toMatchObject({ comfort: 'acceptable', localTime: '19:00' });
    // Berlin's 00:00 is still Monday evening in Boston; its 17:00 is already Wednesday night in Seoul.
    expect(cell(rows, 'dana', '00:00', '2027-03-09')).toMatchObject({ comfort: 'acceptable', dayShift: -1 });
    expect(cell(rows, 'asan', '17:00', '2027-03-09')).toMatchObject({
      comfort: 'night',
      localTime: '01:00',
      dayShift: 1,
    });
    // 10:00 in Berlin is 18:00–19:00 in Seoul: past working hours.
    expect(cell(rows, 'asan', '10:00', '2027-03-09')?.comfort).toBe('acceptable');
  });

  it('grades each hour: deep night from 00:00 to 06:00, late evening or early morning beside it', () => {
    const rows = heatMapRows([dana, peter], heatMapHours('2027-03-09', BERLIN), BERLIN);
    // Berlin's 16:00 is 02:00 in Melbourne (UTC+11); its 07:00 is 01:00 in Boston, its 12:00 06:00 there.
    expect(cell(rows, 'peter', '16:00', '2027-03-09')).toMatchObject({
      localTime: '02:00',
      comfort: 'night',
      grade: 'deep-night',
      words: 'deep night',
    });
    expect(cell(rows, 'peter', '12:00', '2027-03-09')).toMatchObject({
      localTime: '22:00',
      comfort: 'night',
      grade: 'unsocial',
      words: 'late evening',
    });
    expect(cell(rows, 'dana', '12:00', '2027-03-09')).toMatchObject({
      localTime: '06:00',
      grade: 'unsocial',
      words: 'early morning',
    });
    expect(cell(rows, 'dana', '13:00', '2027-03-09')).toMatchObject({ grade: 'fringe', words: 'early' });
    const peterGrades = rows.find((row) => row.institution.id === 'peter')!.cells.map((c) => c.grade);
    // Melbourne through Berlin's day: 10:00 … 09:00 the next day.
    expect(peterGrades.filter((grade) => grade === 'deep-night')).toHaveLength(6);
    expect(peterGrades.filter((grade) => grade === 'unsocial')).toHaveLength(3);
  });

  it('follows the weeks when North America has changed its clocks and Europe has not', () => {
    // 16 March 2027: Boston on EDT (UTC−4) since the 14th, Berlin still on CET: 14:00 is 09:00 there.
    const rows = heatMapRows([dana], heatMapHours('2027-03-16', BERLIN), BERLIN);
    expect(cell(rows, 'dana', '14:00', '2027-03-16')).toMatchObject({ comfort: 'working', localTime: '09:00' });
    // A week before, the same hour was 08:00 in Boston.
    const before = heatMapRows([dana], heatMapHours('2027-03-09', BERLIN), BERLIN);
    expect(cell(before, 'dana', '14:00', '2027-03-09')).toMatchObject({ comfort: 'acceptable', localTime: '08:00' });
  });

  it('has 23 columns on the day the summit’s clocks spring forward, and classes each as lived', () => {
    const hours = heatMapHours('2027-03-28', BERLIN); // a Sunday: 02:00 CET becomes 03:00 CEST
    expect(hours).toHaveLength(23);
    expect(hours.map((hour) => hour.label).slice(0, 4)).toEqual(['00:00', '01:00', '03:00', '04:00']);
    const rows = heatMapRows([asan, peter], hours, BERLIN);
    // 03:00 CEST is 01:00 UTC: 10:00 on a Sunday in Seoul (a weekend daytime) and 12:00 in Melbourne.
    expect(rows.find((row) => row.institution.id === 'asan')?.cells[2]).toMatchObject({
      comfort: 'acceptable',
      localTime: '10:00',
    });
    // 23:00 CEST on Sunday is 06:00 on Monday in Seoul: still night.
    expect(cell(rows, 'asan', '23:00', '2027-03-28')).toMatchObject({
      comfort: 'night',
      localTime: '06:00',
      dayShift: 1,
    });
  });

  it('has 25 columns on the day the clocks fall back, with the repeated hour twice', () => {
    const hours = heatMapHours('2027-10-31', BERLIN);
    expect(hours).toHaveLength(25);
    expect(hours.filter((hour) => hour.label === '02:00')).toHaveLength(2);
  });

  it('draws a session as a band across the hours it covers, clipped to the day', () => {
    const hours = heatMapHours('2027-03-28', BERLIN);
    const at = (time: string) => zonedInstant('2027-03-28', time, BERLIN).getTime();
    expect(bandOf(hours, { start: at('03:00'), end: at('04:30') })).toEqual({ from: 2, to: 3.5 });
    expect(bandOf(hours, { start: at('23:00'), end: at('23:00') + 2 * 3_600_000 })).toEqual({ from: 22, to: 23 });
    expect(bandOf(hours, { start: Date.parse('2027-03-29T10:00:00Z'), end: Date.parse('2027-03-29T11:00:00Z') })).toBe(
      null,
    );
  });
});

describe('asking for suggestions and placing one', () => {
  const talk = session({
    summitId: 'summit-9',
    startsAt: '2027-03-09T10:00:00.000Z',
    endsAt: '2027-03-09T11:30:00.000Z',
    people: [
      { memberId: 'm1', name: 'Ada', role: 'speaker', institutionId: 'asan' },
      { memberId: 'm2', name: 'Ben', role: 'speaker', institutionId: 'asan' },
      { memberId: 'm3', name: 'Cy', role: 'chair', institutionId: 'dana' },
      { memberId: 'm4', name: 'Di', role: 'speaker', institutionId: null },
    ],
  });

  it('asks for the day, the session’s length, every institution, and protects the speakers’ institutions', () => {
    expect(plannerRequestFor(talk, '2027-03-10', true)).toEqual({
      dates: ['2027-03-10'],
      durationMinutes: 90,
      summitId: 'summit-9',
      audience: { kind: 'institutions' },
      mustAttend: ['asan'],
      limit: 5,
      pairs: 1,
    });
    expect(plannerRequestFor(talk, '2027-03-10', false)).not.toHaveProperty('mustAttend');
  });

  it('gives a session without a time an hour', () => {
    expect(plannedMinutes({ startsAt: null, endsAt: null })).toBe(60);
  });

  it('turns a suggestion into the PATCH of the session’s start and end, nothing else', () => {
    const slot = {
      startsAt: '2027-03-10T08:15:00.000Z',
      endsAt: '2027-03-10T09:45:00.000Z',
      score: 82,
      deepNight: 0,
      penalty: 3,
      counts: { working: 6, acceptable: 3, night: 0 },
      grades: { working: 6, fringe: 3, unsocial: 0, 'deep-night': 0 },
      explanation: '',
      local: [],
    } satisfies PlannedSlot;
    expect(placementPatch(slot)).toEqual({ startsAt: '2027-03-10T08:15:00.000Z', endsAt: '2027-03-10T09:45:00.000Z' });
  });
});
