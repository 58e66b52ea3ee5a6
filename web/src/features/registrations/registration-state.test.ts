import type { Registration } from '@apoc/shared';
import { describe, expect, it } from 'vitest';
import { summit as makeSummit } from '../../testing/fixtures';
import {
  inBothZones,
  registrationActions,
  registrationBoxView,
  registrationWindow,
  seatsText,
  statusSentence,
  summitModes,
  timeLeft,
  type MineState,
} from './registration-state';

const HOUR = 3_600_000;
const MINUTE = 60_000;

// The fixture's summit: London, 9–10 March 2027; registration closes when the 10th ends.
const opensAt = '2027-01-10T09:00:00.000Z';
const summit = makeSummit({
  registration: { opensAt, closesAt: '2027-03-11T00:00:00.000Z', requiresApproval: false },
});
const duringRegistration = Date.parse('2027-02-01T12:00:00Z');

function registration(overrides: Partial<Registration> = {}): Registration {
  return {
    id: 'r-1',
    summitId: summit.id,
    mode: 'in_person',
    status: 'confirmed',
    offerExpiresAt: null,
    dietaryNeeds: '',
    accessibilityNeeds: '',
    note: '',
    checkInCode: 'K7M2Q9XW4P',
    checkedInAt: null,
    createdAt: '2027-01-11T09:00:00.000Z',
    updatedAt: '2027-01-11T09:00:00.000Z',
    ...overrides,
  };
}

const ready = (value: Registration | null): MineState => ({ status: 'ready', registration: value });

describe('registrationWindow', () => {
  it('is not open before it opens, open between its dates, closed after', () => {
    expect(registrationWindow(summit, Date.parse('2027-01-01T00:00:00Z'))).toEqual({
      state: 'not-yet',
      opensAt: Date.parse(opensAt),
      closesAt: Date.parse('2027-03-11T00:00:00Z'),
    });
    expect(registrationWindow(summit, duringRegistration)).toEqual({
      state: 'open',
      closesAt: Date.parse('2027-03-11T00:00:00Z'),
    });
    expect(registrationWindow(summit, Date.parse('2027-03-11T00:00:00Z'))).toEqual({
      state: 'closed',
      closedAt: Date.parse('2027-03-11T00:00:00Z'),
    });
  });

  it('says a draft opens with its publication, and an archived summit is closed', () => {
    const draft = makeSummit({ status: 'draft', registration: { ...summit.registration, opensAt: null } });
    expect(registrationWindow(draft, duringRegistration)).toEqual({ state: 'unscheduled' });
    expect(registrationWindow({ ...summit, status: 'archived' }, duringRegistration)).toEqual({
      state: 'closed',
      closedAt: null,
    });
  });
});

describe('registrationBoxView', () => {
  const open = registrationWindow(summit, duringRegistration);
  const closed = registrationWindow(summit, Date.parse('2027-04-01T00:00:00Z'));
  const notYet = registrationWindow(summit, Date.parse('2027-01-01T00:00:00Z'));
  const view = (window = open, viewer: Parameters<typeof registrationBoxView>[2] = 'member', mine = ready(null)) =>
    registrationBoxView(summit, window, viewer, mine, duringRegistration);

  it('waits while the sign-in or the member’s registration is being read', () => {
    expect(view(open, 'unknown').kind).toBe('checking');
    expect(view(open, 'member', { status: 'loading' }).kind).toBe('checking');
  });

  it('asks visitors to sign in while registering is or will be possible, not once it closed', () => {
    expect(view(open, 'signed-out').kind).toBe('sign-in');
    expect(view(notYet, 'signed-out').kind).toBe('sign-in');
    expect(view(closed, 'signed-out').kind).toBe('closed');
  });

  it('tells guests that the organisers register them', () => {
    expect(view(open, 'guest').kind).toBe('guest');
  });

  it('offers the form to a member without a registration only while registration is open', () => {
    expect(view(open).kind).toBe('register');
    expect(view(notYet).kind).toBe('wait');
    expect(view(closed).kind).toBe('closed');
    expect(view(open, 'member', { status: 'error' }).kind).toBe('failed');
  });

  it('shows a member’s registration whatever the window, and a cancelled one as none', () => {
    const confirmed = registration();
    expect(view(closed, 'member', ready(confirmed))).toMatchObject({ kind: 'registered', registration: confirmed });
    expect(view(open, 'member', ready(registration({ status: 'cancelled' }))).kind).toBe('register');
  });
});

describe('registrationActions', () => {
  const hybrid = makeSummit({ format: 'hybrid' });

  it('lets a member switch mode at a hybrid summit and cancel, until the summit ends', () => {
    expect(registrationActions(hybrid, registration(), duringRegistration)).toEqual({
      answerOffer: false,
      switchTo: 'virtual',
      cancel: true,
    });
    expect(registrationActions(summit, registration(), duringRegistration).switchTo).toBeNull();
    expect(registrationActions(hybrid, registration(), Date.parse(hybrid.endsAt))).toEqual({
      answerOffer: false,
      switchTo: null,
      cancel: false,
    });
  });

  it('offers only accept or decline for an open offer, and a way out once it expired', () => {
    const offered = registration({
      status: 'offered',
      offerExpiresAt: new Date(duringRegistration + HOUR).toISOString(),
    });
    expect(registrationActions(hybrid, offered, duringRegistration)).toEqual({
      answerOffer: true,
      switchTo: null,
      cancel: false,
    });
    expect(registrationActions(hybrid, offered, duringRegistration + 2 * HOUR)).toMatchObject({
      answerOffer: false,
      cancel: true,
    });
  });

  it('changes nothing once the member was checked in', () => {
    const checkedIn = registration({ checkedInAt: '2027-03-09T08:12:00.000Z' });
    expect(registrationActions(hybrid, checkedIn, Date.parse('2027-03-09T10:00:00Z'))).toEqual({
      answerOffer: false,
      switchTo: null,
      cancel: false,
    });
  });
});

describe('timeLeft', () => {
  const now = Date.parse('2027-02-01T12:00:00Z');

  it('counts down in days and hours, then hours and minutes, then minutes', () => {
    expect(timeLeft(now + 2 * 24 * HOUR + 4 * HOUR + 10 * MINUTE, now)).toEqual({
      expired: false,
      text: '2 days 4 hours left',
      urgent: false,
    });
    expect(timeLeft(now + 24 * HOUR, now).text).toBe('1 day left');
    expect(timeLeft(now + 5 * HOUR + 12 * MINUTE, now).text).toBe('5 hours 12 minutes left');
    expect(timeLeft(now + HOUR, now).text).toBe('1 hour left');
    expect(timeLeft(now + 58 * MINUTE + 30_000, now).text).toBe('59 minutes left');
    expect(timeLeft(now + 20_000, now).text).toBe('1 minute left');
  });

  it('turns urgent under three hours, and says when the offer expired', () => {
    expect(timeLeft(now + 3 * HOUR, now).urgent).toBe(false);
    expect(timeLeft(now + 3 * HOUR - 1, now).urgent).toBe(true);
    expect(timeLeft(now, now)).toEqual({ expired: true, text: 'The offer has expired', urgent: true });
  });
});

describe('the words of the box', () => {
  it('says where a waitlisted member stands in line', () => {
    expect(statusSentence(registration({ status: 'waitlisted', waitlistPosition: 3 }))).toMatch(
      /^You are number 3 on the waitlist for in-person seats\./,
    );
    expect(statusSentence(registration({ status: 'confirmed', mode: 'virtual' }))).toBe(
      'You are registered to attend online.',
    );
  });

  it('writes an instant in the summit’s zone, and in the viewer’s only when it reads differently', () => {
    const deadline = Date.parse('2027-03-01T17:00:00Z');
    expect(inBothZones(deadline, 'Europe/Berlin', 'Asia/Seoul', 'en-GB')).toEqual({
      summit: 'Mon 1 Mar 2027, 18:00 (Berlin)',
      viewer: 'Tue 2 Mar 2027, 02:00 (Seoul)',
    });
    expect(inBothZones(deadline, 'Europe/Berlin', 'Europe/Paris', 'en-GB').viewer).toBeNull();
  });

  it('names the places of each mode, and the modes of each format', () => {
    expect(seatsText(summit)).toEqual(['100 seats at the venue']);
    expect(seatsText(makeSummit({ format: 'hybrid', seats: { inPerson: 1, virtual: null } }))).toEqual([
      '1 seat at the venue',
      'Online: no limit',
    ]);
    expect(summitModes('hybrid')).toEqual(['in_person', 'virtual']);
  });
});
