import { describe, expect, it } from 'vitest';
import { REGISTRATION_STATUSES, liveRole, type RegistrationStatus } from './domain';

const member = { role: 'member', sessionRoles: [], registration: undefined, cancelled: false } as const;

describe('a member’s place in a session’s live Q&A', () => {
  it('lets in, as attendees, the members holding a seat at the summit: confirmed, or offered one', () => {
    const attending = REGISTRATION_STATUSES.filter((status) => liveRole({ ...member, registration: status }));
    expect(attending).toEqual<RegistrationStatus[]>(['confirmed', 'offered']);
    expect(liveRole({ ...member, registration: 'confirmed' })).toBe('attendee');
    expect(liveRole({ ...member, role: 'guest', registration: 'offered' })).toBe('attendee');
  });

  it('keeps out members not registered, waiting, waitlisted or cancelled', () => {
    for (const registration of [undefined, 'pending', 'waitlisted', 'cancelled'] as const) {
      expect(liveRole({ ...member, registration })).toBeNull();
    }
  });

  it('lets the session’s speakers attend and its chairs moderate, registered or not', () => {
    expect(liveRole({ ...member, sessionRoles: ['speaker'] })).toBe('attendee');
    expect(liveRole({ ...member, sessionRoles: ['chair'] })).toBe('moderator');
    expect(liveRole({ ...member, sessionRoles: ['speaker', 'chair'], registration: 'confirmed' })).toBe('moderator');
  });

  it('makes organisers and admins moderators of every session, registered or not', () => {
    expect(liveRole({ ...member, role: 'organiser' })).toBe('moderator');
    expect(liveRole({ ...member, role: 'admin', registration: 'waitlisted' })).toBe('moderator');
  });

  it('closes a cancelled session to everyone but organisers and admins, chairs included', () => {
    const cancelled = { ...member, cancelled: true };
    expect(liveRole({ ...cancelled, registration: 'confirmed' })).toBeNull();
    expect(liveRole({ ...cancelled, sessionRoles: ['speaker'] })).toBeNull();
    expect(liveRole({ ...cancelled, sessionRoles: ['chair'] })).toBeNull();
    expect(liveRole({ ...cancelled, role: 'organiser' })).toBe('moderator');
    expect(liveRole({ ...cancelled, role: 'admin' })).toBe('moderator');
  });
});
