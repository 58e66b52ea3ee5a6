import type { CheckInResult, RegistrationRow } from '@apoc/shared';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api';
import { institution, session, summit } from '../../testing/fixtures';
import {
  checkInFailure,
  checkInMessage,
  codeFromScan,
  doorDays,
  doorInSearch,
  isValidCode,
  normaliseCode,
  searchWithDoor,
} from './check-in';

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

describe('a room door', () => {
  // Seoul, Tuesday 11 May 2027 at 09:40 (UTC+9): the summit's second day.
  const seoulNow = Date.parse('2027-05-11T00:40:00Z');
  const doors = summit({
    timeZone: 'Asia/Seoul',
    sessions: [
      session({
        id: 'welcome',
        title: 'Welcome',
        startsAt: '2027-05-10T00:00:00.000Z',
        endsAt: '2027-05-10T00:30:00.000Z',
      }),
      session({
        id: 'lungs',
        title: 'Lung cancer screening',
        startsAt: '2027-05-11T01:00:00.000Z',
        endsAt: '2027-05-11T02:00:00.000Z',
        credits: 1.5,
      }),
      session({
        id: 'immuno',
        title: 'Immunotherapy toxicities',
        startsAt: '2027-05-11T01:00:00.000Z',
        endsAt: '2027-05-11T02:00:00.000Z',
        credits: 0.75,
      }),
      session({ id: 'coffee', title: 'Coffee', kind: 'break', startsAt: '2027-05-11T02:00:00.000Z' }),
      session({ id: 'withdrawn', title: 'Withdrawn', status: 'cancelled', startsAt: '2027-05-11T03:00:00.000Z' }),
      session({ id: 'unscheduled', title: 'Unscheduled', startsAt: null, endsAt: null }),
      session({
        id: 'closing',
        title: 'Closing',
        startsAt: '2027-05-12T07:00:00.000Z',
        endsAt: '2027-05-12T08:00:00.000Z',
      }),
    ],
  });

  it('offers the sessions by day in the summit’s zone, today’s first, with their credits, and no break or cancelled one', () => {
    expect(doorDays(doors, seoulNow, 'en-GB')).toEqual([
      {
        day: '2027-05-11',
        label: 'Tue 11 May 2027 (today)',
        doors: [
          expect.objectContaining({ id: 'immuno', label: '10:00–11:00 · Immunotherapy toxicities · credits: 0.75 h' }),
          expect.objectContaining({ id: 'lungs', label: '10:00–11:00 · Lung cancer screening · credits: 1.5 h' }),
        ],
      },
      {
        day: '2027-05-10',
        label: 'Mon 10 May 2027',
        doors: [expect.objectContaining({ id: 'welcome', label: '09:00–09:30 · Welcome' })],
      },
      {
        day: '2027-05-12',
        label: 'Wed 12 May 2027',
        doors: [expect.objectContaining({ id: 'closing', label: '16:00–17:00 · Closing' })],
      },
    ]);
    expect(doorDays(summit({ sessions: [] }), seoulNow)).toEqual([]);
  });

  it('keeps the door’s session in the page’s address, beside what else is there', () => {
    expect(doorInSearch('?session=lungs')).toBe('lungs');
    expect(doorInSearch('?session=')).toBeNull();
    expect(doorInSearch('')).toBeNull();
    expect(searchWithDoor('', 'lungs')).toBe('?session=lungs');
    expect(searchWithDoor('?session=lungs', 'immuno')).toBe('?session=immuno');
    expect(searchWithDoor('?tab=desk&session=lungs', null)).toBe('?tab=desk');
    expect(searchWithDoor('?session=lungs', null)).toBe('');
  });

  const door = (alreadyScanned: boolean): CheckInResult => ({
    registration: row,
    alreadyCheckedIn: true,
    checkedIn: 4,
    door: {
      sessionId: 'lungs',
      title: 'Lung cancer screening',
      scannedAt: '2027-05-11T00:32:00.000Z',
      alreadyScanned,
      scanned: 31,
    },
  });

  it('says who was scanned in to which session, or when they were scanned there before', () => {
    expect(checkInMessage(door(false), institutions, 'Asia/Seoul', seoulNow, 'en-GB')).toEqual({
      tone: 'success',
      text: "Scanned in to Lung cancer screening: Jordi Ferrer (Vall d'Hebron Institute of Oncology (VHIO))",
    });
    expect(checkInMessage(door(true), institutions, 'Asia/Seoul', seoulNow, 'en-GB')).toEqual({
      tone: 'warning',
      text: "Already scanned in to Lung cancer screening at 09:32 (Seoul): Jordi Ferrer (Vall d'Hebron Institute of Oncology (VHIO))",
    });
  });

  const refusal = (status: number, extra: object) =>
    new ApiError({
      type: 'https://apoc.invalid/problems/check-in-outside-window',
      title: 'Refused',
      status,
      ...extra,
    } as ConstructorParameters<typeof ApiError>[0]);
  const lungs = { id: 'lungs', title: 'Lung cancer screening' };
  const window = (timing: 'early' | 'late') => ({
    timing,
    opensAt: '2027-05-11T00:30:00.000Z',
    closesAt: '2027-05-11T02:00:00.000Z',
    timeZone: 'Asia/Seoul',
  });

  it('says when the door opens, or when its session ended, and offers to scan the code anyway', () => {
    expect(
      checkInFailure(
        refusal(409, { sessionId: 'lungs', checkIn: window('early') }),
        'K7M2Q9XW4P',
        lungs,
        seoulNow - 3_600_000,
        'en-GB',
      ),
    ).toEqual({
      tone: 'warning',
      text: 'The door of Lung cancer screening opens at 09:30 (Seoul), 30 minutes before the session.',
      confirmCode: 'K7M2Q9XW4P',
    });
    expect(
      checkInFailure(
        refusal(409, { sessionId: 'lungs', checkIn: window('late') }),
        'K7M2Q9XW4P',
        lungs,
        seoulNow + 86_400_000,
        'en-GB',
      ).text,
    ).toBe('Lung cancer screening ended at Tue 11 May 2027, 11:00 (Seoul).');
  });

  it('says to choose again when the door’s session was cancelled or left the agenda, and still names unknown codes', () => {
    expect(checkInFailure(refusal(404, { sessionId: 'lungs' }), 'K7M2Q9XW4P', lungs).text).toBe(
      'Lung cancer screening was cancelled or is no longer in the published agenda: reload the page and choose the session again.',
    );
    expect(checkInFailure(refusal(400, { sessionId: 'lungs' }), 'K7M2Q9XW4P', lungs).tone).toBe('danger');
    expect(checkInFailure(refusal(404, {}), 'ABCD1234', lungs).text).toBe(
      'No registration has the code ABCD1234: check it and try again.',
    );
  });
});
