import type { AgendaSession, SummitDetail } from '@apoc/shared';
import { describe, expect, it } from 'vitest';
import {
  frabAcronym,
  frabTimeZoneName,
  offsetDateTime,
  sessionGuid,
  slugify,
  stableIntegerIds,
  toFrabJson,
  toFrabXml,
  uuidV5,
} from './schedule.frab';

const DNS_NAMESPACE = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

function summitWith(sessions: Partial<AgendaSession>[], overrides: Partial<SummitDetail> = {}): SummitDetail {
  return {
    id: 's-2027-paris',
    title: 'APoC Spring Summit 2027',
    edition: 'Spring 2027',
    format: 'virtual',
    status: 'published',
    timeZone: 'Europe/Paris',
    startDate: '2027-03-27',
    endDate: '2027-03-29',
    startsAt: '2027-03-26T23:00:00.000Z',
    endsAt: '2027-03-29T22:00:00.000Z',
    firstSessionStartsAt: null,
    lastSessionEndsAt: null,
    venue: null,
    hostInstitutionId: null,
    seats: { inPerson: null, virtual: null },
    sessionCount: sessions.length,
    trackIds: ['t-thoracic'],
    registration: { opensAt: null, closesAt: '2027-03-29T22:00:00.000Z', requiresApproval: false },
    description: '',
    translations: {},
    accreditation: null,
    tracks: [{ id: 't-thoracic', name: 'Thoracic', color: '#2563eb' }],
    rooms: [],
    sessions: sessions.map((session, index) => ({
      id: `session-${index + 1}`,
      summitId: 's-2027-paris',
      title: `Session ${index + 1}`,
      abstract: '',
      kind: 'panel',
      status: 'scheduled',
      startsAt: '2027-03-29T07:00:00.000Z',
      endsAt: '2027-03-29T08:00:00.000Z',
      roomId: null,
      trackId: null,
      seatLimit: null,
      people: [],
      ...session,
    })),
    ...overrides,
  };
}

const PUBLIC_URL = new URL('https://summits.apoc.test');

describe('frab identifiers', () => {
  it('computes RFC 4122 version 5 UUIDs', () => {
    expect(uuidV5('python.org', DNS_NAMESPACE)).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('gives a session the same guid every time, and different sessions different guids', () => {
    expect(sessionGuid('s-2027-essen-01')).toBe(sessionGuid('s-2027-essen-01'));
    expect(sessionGuid('s-2027-essen-01')).not.toBe(sessionGuid('s-2027-essen-02'));
  });

  it('numbers keys from the key alone, so adding one does not renumber the others', () => {
    const before = stableIntegerIds(['a', 'b', 'c'], 'session');
    const after = stableIntegerIds(['a', 'b', 'c', 'aa'], 'session');
    for (const key of ['a', 'b', 'c']) expect(after.get(key)).toBe(before.get(key));
    for (const id of after.values()) expect(id).toBeGreaterThanOrEqual(1);
    for (const id of after.values()) expect(id).toBeLessThanOrEqual(0x7fffffff);
  });

  it('never gives two keys the same number', () => {
    const keys = Array.from({ length: 5_000 }, (_, index) => `session-${index}`);
    expect(new Set(stableIntegerIds(keys, 'session').values()).size).toBe(keys.length);
  });

  it('derives an acronym that the c3voc schema and XSD accept from any summit id', () => {
    const pattern = /^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$/;
    for (const id of ['s-2027-essen', 'S-2027-Essen', 'x', 'summit-1a2B3c4d', 'a_b']) {
      expect(frabAcronym(id)).toMatch(pattern);
    }
    expect(frabAcronym('s-2027-essen')).toBe('apoc_s_2027_essen');
  });

  it("writes slugs of ASCII words: 'Antibody–drug conjugates: ADCs' → antibody-drug-conjugates-adcs", () => {
    expect(slugify('Antibody–drug conjugates: ADCs')).toBe('antibody-drug-conjugates-adcs');
    expect(slugify('Thérapies ciblées')).toBe('therapies-ciblees');
    expect(slugify('×')).toBe('');
  });
});

describe('frab time zones and times', () => {
  it('names every zone of the network as the schema accepts it', () => {
    for (const zone of [
      'America/Los_Angeles',
      'America/New_York',
      'America/Toronto',
      'Asia/Seoul',
      'Australia/Melbourne',
      'Europe/Berlin',
      'Europe/Madrid',
      'Europe/Paris',
    ]) {
      expect(frabTimeZoneName(zone)).toBe(zone);
    }
  });

  it('replaces aliases by their canonical zone and leaves out zones the schema cannot name', () => {
    expect(frabTimeZoneName('US/Pacific')).toBe('America/Los_Angeles');
    expect(frabTimeZoneName('GMT')).toBe('UTC');
    expect(frabTimeZoneName('Etc/GMT+5')).toBeNull();
  });

  it('writes instants with the offset in force in the zone at that instant', () => {
    expect(offsetDateTime(new Date('2027-03-27T08:00:00Z'), 'Europe/Paris')).toBe('2027-03-27T09:00:00+01:00');
    expect(offsetDateTime(new Date('2027-03-29T07:00:00Z'), 'Europe/Paris')).toBe('2027-03-29T09:00:00+02:00');
    expect(offsetDateTime(new Date('2027-06-01T16:00:00Z'), 'America/Los_Angeles')).toBe('2027-06-01T09:00:00-07:00');
    expect(offsetDateTime(new Date('2027-01-15T00:00:00Z'), 'Asia/Kolkata')).toBe('2027-01-15T05:30:00+05:30');
  });
});

describe('the frab export of an agenda', () => {
  it('lists each summit day in its zone, with the offsets of its own start and end', () => {
    const { conference } = toFrabJson(summitWith([]), PUBLIC_URL).schedule;
    expect(conference.days.map(({ date, day_start, day_end }) => ({ date, day_start, day_end }))).toEqual([
      { date: '2027-03-27', day_start: '2027-03-27T00:00:00+01:00', day_end: '2027-03-27T23:59:00+01:00' },
      { date: '2027-03-28', day_start: '2027-03-28T00:00:00+01:00', day_end: '2027-03-28T23:59:00+02:00' },
      { date: '2027-03-29', day_start: '2027-03-29T00:00:00+02:00', day_end: '2027-03-29T23:59:00+02:00' },
    ]);
    expect(conference.daysCount).toBe(3);
  });

  it('leaves out cancelled and unscheduled sessions', () => {
    const summit = summitWith([
      { title: 'Kept' },
      { title: 'Called off', status: 'cancelled' },
      { title: 'Not placed yet', startsAt: null, endsAt: null },
    ]);
    const events = toFrabJson(summit, PUBLIC_URL).schedule.conference.days.flatMap((day) =>
      Object.values(day.rooms).flat(),
    );
    expect(events.map((event) => event.title)).toEqual(['Kept']);
  });

  it('puts sessions without a room in an online room per track, and those without a track in "Online"', () => {
    const summit = summitWith([
      { title: 'Lung', trackId: 't-thoracic' },
      { title: 'Break', kind: 'break' },
    ]);
    const { conference } = toFrabJson(summit, PUBLIC_URL).schedule;
    expect(conference.rooms.map((room) => room.name)).toEqual(['Online: Thoracic', 'Online']);
    expect(conference.days[2]?.rooms).toMatchObject({
      'Online: Thoracic': [{ title: 'Lung', track: 'Thoracic' }],
      Online: [{ title: 'Break', track: null, type: 'Break' }],
    });
  });

  it('lists speakers before chairs, and names the chairs in the description', () => {
    const summit = summitWith([
      {
        people: [
          { memberId: 'm-chair', name: 'Dr Chair', role: 'chair', institutionId: null },
          { memberId: 'm-speaker', name: 'Dr Speaker', role: 'speaker', institutionId: null },
        ],
      },
    ]);
    const [event] = Object.values(toFrabJson(summit, PUBLIC_URL).schedule.conference.days[2]?.rooms ?? {}).flat();
    expect(event?.persons.map((person) => person.public_name)).toEqual(['Dr Speaker', 'Dr Chair']);
    expect(event?.description).toBe('Chair: Dr Chair');
  });

  it('keeps a path of PUBLIC_URL in every URL', () => {
    const summit = summitWith([{ id: 'abc' }]);
    const { schedule } = toFrabJson(summit, new URL('https://example.org/apoc'));
    expect(schedule.base_url).toBe('https://example.org/apoc/');
    expect(schedule.conference.days[2]?.rooms['Online']?.[0]?.url).toBe('https://example.org/apoc/sessions/abc');
  });

  it('changes the version exactly when the exported content changes', () => {
    const version = (summit: SummitDetail) => toFrabJson(summit, PUBLIC_URL).schedule.version;
    expect(version(summitWith([{ title: 'A' }]))).toBe(version(summitWith([{ title: 'A' }])));
    expect(version(summitWith([{ title: 'A' }]))).not.toBe(version(summitWith([{ title: 'B' }])));
  });

  it('writes XML that stays well-formed whatever the text holds', () => {
    const xml = toFrabXml(
      summitWith([{ title: 'Risks & benefits <of> "ADCs"', abstract: 'bell\u0007 here' }]),
      PUBLIC_URL,
    );
    expect(xml).toContain('<title>Risks &amp; benefits &lt;of&gt; "ADCs"</title>');
    expect(xml).toContain('<abstract>bell here</abstract>');
  });
});
