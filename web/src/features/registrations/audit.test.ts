import { describe, expect, it } from 'vitest';
import { auditAction, auditChange, auditDetail } from './audit';

describe('the audit log in words', () => {
  it('names each movement and the change of status', () => {
    expect(auditAction('offer-expired')).toBe('Offer expired');
    expect(auditAction('something-new')).toBe('Something new');
    expect(auditChange({ fromStatus: 'waitlisted', toStatus: 'offered' })).toBe('On the waitlist → Seat offered');
    expect(auditChange({ fromStatus: null, toStatus: 'confirmed' })).toBe('Confirmed');
    expect(auditChange({ fromStatus: 'confirmed', toStatus: 'confirmed' })).toBe('');
  });

  it('writes instants in the viewer’s zone and modes in words', () => {
    expect(auditDetail({ detail: 'until 2027-03-01T17:00:00.000Z' }, 'Europe/Berlin', 'en-GB')).toBe(
      'until Mon 1 Mar 2027, 18:00 (Berlin)',
    );
    expect(auditDetail({ detail: 'in_person → virtual' }, 'UTC')).toBe('in person → online');
  });
});
