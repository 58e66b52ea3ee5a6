import { describe, expect, it } from 'vitest';
import { auditAction, auditChange, auditDetail } from './audit';

describe('the audit log in words', () => {
  it('names each movement and the change of status', () => {
    expect(auditAction('offer-expired')).toBe('Offer expired');
    expect(auditAction('erased')).toBe('Cancelled: personal data erased');
    expect(auditChange({ fromStatus: 'waitlisted', toStatus: 'offered' })).toBe('On the waitlist → Seat offered');
    expect(auditChange({ fromStatus: null, toStatus: 'confirmed' })).toBe('Confirmed');
    expect(auditChange({ fromStatus: 'confirmed', toStatus: 'confirmed' })).toBe('');
  });

  it('writes an offer’s deadline in the viewer’s zone, modes in words, and reasons as given', () => {
    expect(auditDetail({ detail: { until: '2027-03-01T17:00:00.000Z' } }, 'Europe/Berlin', 'en-GB')).toBe(
      'until Mon 1 Mar 2027, 18:00 (Berlin)',
    );
    expect(auditDetail({ detail: { from: 'in_person', to: 'virtual' } }, 'UTC')).toBe('in person → online');
    expect(auditDetail({ detail: { waitlisted: true } }, 'UTC')).toBe('no seat free: waitlisted');
    expect(auditDetail({ detail: { reason: 'the offered seat was not accepted in time' } }, 'UTC')).toBe(
      'the offered seat was not accepted in time',
    );
    expect(auditDetail({ detail: {} }, 'UTC')).toBe('');
  });

  it('names the room door a badge was scanned at', () => {
    expect(auditDetail({ detail: { session: 'Lung cancer screening' } }, 'UTC')).toBe(
      'Room door: Lung cancer screening',
    );
  });
});
