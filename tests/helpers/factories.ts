import { randomUUID } from 'node:crypto';
import type { Database } from '@apoc/db';
import { tables } from './db';
import type { MemberRole, SessionKind, SummitFormat, SummitStatus } from '@apoc/shared';

// Rows written through the real schema, for tests that need a precise situation rather than the demo.

const id = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export interface SummitFixture {
  title?: string;
  format?: SummitFormat;
  status?: SummitStatus;
  timeZone?: string;
  startDate?: string;
  endDate?: string;
}

export async function createSummit(db: Database, fixture: SummitFixture = {}) {
  const now = new Date();
  const row = {
    id: id('summit'),
    title: fixture.title ?? 'Test Summit',
    edition: 'Spring 2027',
    format: fixture.format ?? 'virtual',
    status: fixture.status ?? 'published',
    timeZone: fixture.timeZone ?? 'Europe/Berlin',
    startDate: fixture.startDate ?? '2027-03-09',
    endDate: fixture.endDate ?? '2027-03-10',
    description: 'A summit made by a test.',
    createdAt: now,
    updatedAt: now,
  };
  await db.unit(async () => db.q.insert(tables.summits).values(row));
  return row;
}

export async function createTrack(db: Database, summitId: string, name = 'Thoracic', color = '#1d4ed8') {
  const row = { id: id('track'), summitId, name, color, position: 0 };
  await db.unit(async () => db.q.insert(tables.tracks).values(row));
  return row;
}

export interface SessionFixture {
  title?: string;
  kind?: SessionKind;
  startsAt?: Date | null;
  endsAt?: Date | null;
  trackId?: string | null;
  joinUrl?: string | null;
  status?: 'scheduled' | 'cancelled';
}

export async function createSession(db: Database, summitId: string, fixture: SessionFixture = {}) {
  const now = new Date();
  const startsAt = fixture.startsAt === undefined ? new Date('2027-03-09T13:00:00Z') : fixture.startsAt;
  const row = {
    id: id('session'),
    summitId,
    title: fixture.title ?? 'Test session',
    abstract: '',
    kind: fixture.kind ?? 'panel',
    status: fixture.status ?? 'scheduled',
    startsAt,
    endsAt: fixture.endsAt === undefined ? startsAt && new Date(startsAt.getTime() + 3_600_000) : fixture.endsAt,
    trackId: fixture.trackId ?? null,
    joinUrl: fixture.joinUrl ?? null,
    createdAt: now,
    updatedAt: now,
  };
  await db.unit(async () => db.q.insert(tables.sessions).values(row));
  return row;
}

export async function createInstitution(db: Database, timeZone = 'Asia/Seoul') {
  const row = {
    id: id('inst'),
    name: 'Test Cancer Centre',
    shortName: 'TCC',
    city: 'Seoul',
    country: 'South Korea',
    timeZone,
    isHost: false,
    createdAt: new Date(),
  };
  await db.unit(async () => db.q.insert(tables.institutions).values(row));
  return row;
}

/** What a member needs beyond the defaults (a random address, the member role, active). */
export interface MemberFixture {
  email?: string;
  role?: MemberRole;
  active?: boolean;
}

export async function createMember(
  db: Database,
  institutionId: string | null,
  name = 'Test Member',
  fixture: MemberFixture = {},
) {
  const now = new Date();
  const row = {
    id: id('member'),
    email: fixture.email ?? `${randomUUID().slice(0, 8)}@test.apoc.test`,
    name,
    role: fixture.role ?? 'member',
    institutionId,
    active: fixture.active ?? true,
    createdAt: now,
    updatedAt: now,
  };
  await db.unit(async () => db.q.insert(tables.members).values(row));
  return row;
}

export async function addPerson(
  db: Database,
  sessionId: string,
  memberId: string,
  role: 'speaker' | 'chair' = 'speaker',
) {
  await db.unit(async () => db.q.insert(tables.sessionPeople).values({ sessionId, memberId, role, position: 0 }));
}
