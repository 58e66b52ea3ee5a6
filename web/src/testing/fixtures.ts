// Builders for component tests: a valid object by default, the fields a test is about by argument.
import type { AgendaSession, Institution, MyCredits, MySessionCredits, SummitDetail } from '@apoc/shared';

export function institution(overrides: Partial<Institution> = {}): Institution {
  return {
    id: 'asan',
    name: 'Asan Medical Center',
    shortName: 'Asan',
    city: 'Seoul',
    country: 'South Korea',
    timeZone: 'Asia/Seoul',
    isHost: false,
    ...overrides,
  };
}

let sessionNumber = 0;

export function session(overrides: Partial<AgendaSession> = {}): AgendaSession {
  sessionNumber += 1;
  return {
    id: `session-${sessionNumber}`,
    summitId: 'summit-1',
    title: `Session ${sessionNumber}`,
    abstract: '',
    kind: 'plenary',
    status: 'scheduled',
    startsAt: '2027-03-09T10:00:00.000Z',
    endsAt: '2027-03-09T11:00:00.000Z',
    roomId: null,
    trackId: null,
    seatLimit: null,
    people: [],
    ...overrides,
  };
}

/** A two-day summit in London (UTC in March), 9–10 March 2027. */
export function summit(overrides: Partial<SummitDetail> = {}): SummitDetail {
  return {
    id: 'summit-1',
    title: 'APoC Spring Summit 2027',
    edition: '8th summit',
    format: 'in_person',
    status: 'published',
    timeZone: 'Europe/London',
    startDate: '2027-03-09',
    endDate: '2027-03-10',
    startsAt: '2027-03-09T00:00:00.000Z',
    endsAt: '2027-03-11T00:00:00.000Z',
    firstSessionStartsAt: null,
    lastSessionEndsAt: null,
    venue: { name: 'Francis Crick Institute', address: null, city: 'London' },
    hostInstitutionId: null,
    seats: { inPerson: 100, virtual: null },
    sessionCount: 0,
    trackIds: ['thoracic', 'gi'],
    registration: { opensAt: null, closesAt: '2027-03-11T00:00:00.000Z', requiresApproval: false },
    description: '',
    translations: {},
    accreditation: null,
    tracks: [
      { id: 'thoracic', name: 'Thoracic', color: '#1f77b4' },
      { id: 'gi', name: 'Gastrointestinal', color: '#d97706' },
    ],
    rooms: [{ id: 'auditorium', name: 'Auditorium', capacity: 300 }],
    sessions: [],
    ...overrides,
  };
}

/** An accredited session of the London summit as the member's credits list it: the keynote, 55 minutes online. */
export function creditSession(overrides: Partial<MySessionCredits> = {}): MySessionCredits {
  return {
    sessionId: 'keynote',
    title: 'Keynote',
    startsAt: '2027-03-09T09:00:00.000Z',
    endsAt: '2027-03-09T10:00:00.000Z',
    credits: 1,
    minutesPresent: 55,
    checkedIn: false,
    earned: true,
    ...overrides,
  };
}

/** A member's credits at the accredited London summit: one certificate at the end, the evaluation still to send. */
export function myCredits(overrides: Partial<MyCredits> = {}): MyCredits {
  return {
    accredited: true,
    creditName: 'ECMEC®s',
    minimumPercent: 80,
    issue: 'end',
    sessions: [],
    earnedCredits: 0,
    evaluation: { required: true, submitted: false },
    availableAt: null,
    days: [],
    certificates: [],
    ...overrides,
  };
}
