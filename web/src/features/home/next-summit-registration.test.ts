import { describe, expect, it } from 'vitest';
import { cardRegistration, statusBadge } from './next-summit-registration';

const actions = { answerOffer: false, switchTo: null, cancel: true };

describe('the registration state on the next summit’s card', () => {
  it('shows a visitor when registration opens rather than a sign-in they cannot use yet', () => {
    expect(cardRegistration({ kind: 'sign-in' }, { state: 'not-yet', opensAt: 10, closesAt: 20 })).toEqual({
      kind: 'opens',
      opensAt: 10,
    });
    expect(cardRegistration({ kind: 'sign-in' }, { state: 'open', closesAt: 20 })).toEqual({
      kind: 'sign-in',
      closesAt: 20,
    });
  });

  it('offers an offered seat only while the offer can still be accepted', () => {
    const registration = {
      id: 'r-1',
      summitId: 's-1',
      mode: 'in_person' as const,
      status: 'offered' as const,
      offerExpiresAt: '2027-02-02T08:00:00.000Z',
      dietaryNeeds: '',
      accessibilityNeeds: '',
      note: '',
      checkedInAt: null,
      createdAt: '2027-01-11T09:00:00.000Z',
      updatedAt: '2027-01-11T09:00:00.000Z',
    };
    const open = cardRegistration(
      { kind: 'registered', registration, actions: { ...actions, answerOffer: true } },
      { state: 'open', closesAt: 20 },
    );
    expect(open).toEqual({
      kind: 'registered',
      badge: { tone: 'teal', text: 'Seat offered' },
      offerDeadline: Date.parse('2027-02-02T08:00:00.000Z'),
    });
    const expired = cardRegistration({ kind: 'registered', registration, actions }, { state: 'open', closesAt: 20 });
    expect(expired).toEqual({
      kind: 'registered',
      badge: { tone: 'neutral', text: 'Seat offer expired' },
      offerDeadline: null,
    });
  });

  it('says “Waitlisted” without a number when the position is unknown', () => {
    expect(statusBadge({ status: 'waitlisted', mode: 'virtual' }, false).text).toBe('Waitlisted');
  });
});
