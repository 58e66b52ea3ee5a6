import type { CheckInResult, RegistrationRow } from '@apoc/shared';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api';
import { institution } from '../../testing/fixtures';
import { checkInFailure, checkInMessage, codeFromScan, isValidCode, normaliseCode } from './check-in';

const row: RegistrationRow = {
  id: 'r-1',
  summitId: 's-2027-essen',
  mode: 'in_person',
  status: 'confirmed',
  offerExpiresAt: null,
  dietaryNeeds: '',
  accessibilityNeeds: '',
  note: '',
  checkInCode: 'K7M2Q9XW4P',
  checkedInAt: '2027-05-11T07:12:00.000Z',
  createdAt: '2027-01-11T09:00:00.000Z',
  updatedAt: '2027-05-11T07:12:00.000Z',
  memberId: 'm-vhio-ferrer',
  name: 'Jordi Ferrer',
  email: 'jordi.ferrer@demo.apoc.test',
  institutionId: 'vhio',
};
const institutions = [institution({ id: 'vhio', name: "Vall d'Hebron Institute of Oncology (VHIO)" })];
const now = Date.parse('2027-05-11T07:40:00Z');

describe('codes typed or scanned at the desk', () => {
  it('capitalises a typed code and drops the spaces between its groups', () => {
    expect(normaliseCode(' k7m2q 9xw4p ')).toBe('K7M2Q9XW4P');
    expect(isValidCode('K7M2Q9XW4P')).toBe(true);
    expect(isValidCode('K7M')).toBe(false);
    expect(isValidCode('K7M2Q/9XW4P')).toBe(false);
  });

  it('reads the code from a QR image holding the code or an address ending with it', () => {
    expect(codeFromScan('K7M2Q9XW4P')).toBe('K7M2Q9XW4P');
    expect(codeFromScan('https://summits.example/check-in/k7m2q9xw4p')).toBe('K7M2Q9XW4P');
    expect(codeFromScan('https://summits.example/?code=K7M2Q9XW4P')).toBe('K7M2Q9XW4P');
    expect(codeFromScan('hello world!')).toBeNull();
  });
});

describe('what the desk is told', () => {
  const result = (alreadyCheckedIn: boolean): CheckInResult => ({ registration: row, alreadyCheckedIn, checkedIn: 1 });

  it('names who was checked in and their institution', () => {
    expect(checkInMessage(result(false), institutions, 'Europe/Berlin', now, 'en-GB')).toEqual({
      tone: 'success',
      text: "Checked in: Jordi Ferrer (Vall d'Hebron Institute of Oncology (VHIO))",
    });
    expect(
      checkInMessage({ ...result(false), registration: { ...row, institutionId: null } }, [], 'Europe/Berlin', now)
        .text,
    ).toBe('Checked in: Jordi Ferrer (guest)');
  });

  it('says when a second scan was checked in first, in the viewer’s zone, with the day if not today', () => {
    expect(checkInMessage(result(true), institutions, 'Europe/Berlin', now, 'en-GB')).toEqual({
      tone: 'warning',
      text: "Already checked in at 09:12 (Berlin): Jordi Ferrer (Vall d'Hebron Institute of Oncology (VHIO))",
    });
    expect(checkInMessage(result(true), institutions, 'Europe/Berlin', now + 24 * 3_600_000, 'en-GB').text).toContain(
      'Already checked in at Tue 11 May 2027, 09:12 (Berlin)',
    );
  });

  it('says plainly when no registration has the code, and otherwise passes the server’s reason on', () => {
    const missing = new ApiError({ type: 'about:blank', title: 'Not Found', status: 404 });
    expect(checkInFailure(missing, 'ABCD1234').text).toBe(
      'No registration has the code ABCD1234: check it and try again.',
    );
    const waitlisted = new ApiError({
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: 'This registration is waitlisted (in person): it has no seat to check in to.',
    });
    expect(checkInFailure(waitlisted, 'ABCD1234')).toEqual({ tone: 'danger', text: waitlisted.detail });
  });

  it('passes on why a check-in after the summit is refused, and offers to check the code in anyway', () => {
    const late = new ApiError({
      type: 'https://apoc.invalid/problems/check-in-outside-window',
      title: 'The summit is over',
      status: 409,
      detail:
        'The summit ended on Wed 19 May 2027 (Europe/Berlin): check-in is closed. Confirm to check this attendee in anyway.',
      checkIn: {
        timing: 'late',
        opensAt: '2027-05-17T14:00:00.000Z',
        closesAt: '2027-05-19T22:00:00.000Z',
        timeZone: 'Europe/Berlin',
      },
    } as ConstructorParameters<typeof ApiError>[0]);
    expect(checkInFailure(late, 'K7M2Q9XW4P')).toEqual({
      tone: 'warning',
      text: `The summit is over. ${late.detail}`,
      confirmCode: 'K7M2Q9XW4P',
    });
  });
});
