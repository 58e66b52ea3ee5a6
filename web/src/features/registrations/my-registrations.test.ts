import type { Registration } from '@apoc/shared';
import { describe, expect, it } from 'vitest';
import { summit } from '../../testing/fixtures';
import { arrangeRegistrations } from './my-registrations';

const registration = (id: string, summitId: string, status: Registration['status'] = 'confirmed'): Registration => ({
  id,
  summitId,
  mode: 'in_person',
  status,
  offerExpiresAt: null,
  dietaryNeeds: '',
  accessibilityNeeds: '',
  note: '',
  checkedInAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('arrangeRegistrations', () => {
  const summits = [
    summit({ id: 'later', startsAt: '2027-09-01T00:00:00Z', endsAt: '2027-09-03T00:00:00Z' }),
    summit({ id: 'sooner', startsAt: '2027-03-09T00:00:00Z', endsAt: '2027-03-11T00:00:00Z' }),
    summit({ id: 'past', startsAt: '2026-06-01T00:00:00Z', endsAt: '2026-06-03T00:00:00Z' }),
    summit({ id: 'older', startsAt: '2025-06-01T00:00:00Z', endsAt: '2025-06-03T00:00:00Z' }),
  ];
  const now = Date.parse('2027-01-01T00:00:00Z');

  it('puts upcoming registrations first, soonest first, then past and cancelled ones, latest first', () => {
    const arranged = arrangeRegistrations(
      [
        registration('a', 'later'),
        registration('b', 'older'),
        registration('c', 'sooner'),
        registration('d', 'past'),
        registration('e', 'later', 'cancelled'),
        registration('f', 'unpublished'),
      ],
      summits,
      now,
    );
    expect(arranged.current.map((item) => item.registration.id)).toEqual(['c', 'a']);
    expect(arranged.earlier.map((item) => item.registration.id)).toEqual(['e', 'd', 'b']);
  });
});
