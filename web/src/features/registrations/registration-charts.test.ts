import type { RegistrationCounts } from '@apoc/shared';
import { describe, expect, it } from 'vitest';
import { institution } from '../../testing/fixtures';
import { institutionBars, modeStack, percent, seatUse, statusStack } from './registration-charts';

const counts: RegistrationCounts = {
  byStatus: { confirmed: 6, waitlisted: 2, cancelled: 2 },
  byMode: { in_person: 5, virtual: 3 },
  byInstitution: { asan: 3, vhio: 1, guests: 1 },
  checkedIn: 2,
  seats: { inPerson: 5, virtual: null, inPersonHeld: 5, virtualHeld: 3 },
};

describe('statusStack', () => {
  it('stacks the statuses, seat holders first, each as a share of all registrations', () => {
    const { total, segments } = statusStack(counts);
    expect(total).toBe(10);
    expect(segments.map((s) => [s.key, s.count, s.share, s.offset])).toEqual([
      ['confirmed', 6, 0.6, 0],
      ['offered', 0, 0, 0.6],
      ['pending', 0, 0, 0.6],
      ['waitlisted', 2, 0.2, 0.6],
      ['cancelled', 2, 0.2, 0.8],
    ]);
    expect(segments[0]?.label).toBe('Confirmed');
  });

  it('has no shares before anyone registered', () => {
    const empty = statusStack({ byStatus: {} });
    expect(empty.total).toBe(0);
    expect(empty.segments.every((s) => s.share === 0)).toBe(true);
  });
});

describe('modeStack', () => {
  it('splits the registrations still standing by mode', () => {
    expect(modeStack(counts, ['in_person', 'virtual']).segments.map((s) => [s.label, s.count, s.share])).toEqual([
      ['In person', 5, 0.625],
      ['Online', 3, 0.375],
    ]);
  });
});

describe('institutionBars', () => {
  const institutions = [
    institution(),
    institution({ id: 'vhio', name: "Vall d'Hebron Institute of Oncology", shortName: 'VHIO' }),
    institution({ id: 'essen', name: 'University Hospital Essen', shortName: 'Essen' }),
  ];

  it('lists institutions holding seats, largest first, guests last among equals, scaled to the longest bar', () => {
    const bars = institutionBars(counts.byInstitution, institutions, null);
    expect(bars.map((b) => [b.name, b.count, b.share])).toEqual([
      ['Asan', 3, 1],
      ['VHIO', 1, 1 / 3],
      ['Guests', 1, 1 / 3],
    ]);
  });

  it('adds the institutions with a quota, and places each quota on the same scale', () => {
    const bars = institutionBars(counts.byInstitution, institutions, { asan: 2, essen: 6 });
    expect(bars.map((b) => [b.id, b.count, b.quota, b.share, b.quotaShare])).toEqual([
      ['asan', 3, 2, 0.5, 2 / 6],
      ['vhio', 1, null, 1 / 6, null],
      ['guests', 1, null, 1 / 6, null],
      ['essen', 0, 6, 0, 1],
    ]);
  });
});

describe('seatUse', () => {
  it('says how many seats are held and free per mode, and nothing about a mode without a limit', () => {
    expect(seatUse(counts, ['in_person', 'virtual'])).toEqual([
      { mode: 'in_person', held: 5, capacity: 5, free: 0, share: 1 },
      { mode: 'virtual', held: 3, capacity: null, free: null, share: null },
    ]);
  });

  it('writes shares as whole percents', () => {
    expect(percent(0.625, 'en-GB')).toBe('63%');
  });
});
