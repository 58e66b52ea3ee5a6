import type { AttendanceMode, SummitFormat } from '../domain';
import { dayBounds } from '../time/index';

// The rules of registering for a summit, as pure functions of the summit, the seats held and "now": the
// server decides by them, the web explains by them, so the two never disagree.

const HOUR = 3_600_000;

/** The ways of attending a summit of this format. */
export function summitModes(format: SummitFormat): AttendanceMode[] {
  switch (format) {
    case 'in_person':
      return ['in_person'];
    case 'virtual':
      return ['virtual'];
    case 'hybrid':
      return ['in_person', 'virtual'];
  }
}

/** What the registration window of a summit depends on. */
export interface WindowSettings {
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
  publishedAt: Date | null;
  endDate: string;
  timeZone: string;
}

/** Unless the summit sets a window, registration is open from its publication until its last day ends. */
export function registrationWindow(summit: WindowSettings): { opensAt: Date | null; closesAt: Date } {
  return {
    opensAt: summit.registrationOpensAt ?? summit.publishedAt,
    closesAt: summit.registrationClosesAt ?? dayBounds(summit.endDate, summit.timeZone).end,
  };
}

export type RegistrationWindowState =
  /** Not published yet: registration opens when the summit is published. */
  | { state: 'unscheduled' }
  | { state: 'not-yet'; opensAt: number; closesAt: number }
  | { state: 'open'; closesAt: number }
  /** `closedAt` is null when the summit was archived before its registration was due to close. */
  | { state: 'closed'; closedAt: number | null };

/** Where "now" falls in a registration window (instants in milliseconds). An archived summit takes no one. */
export function registrationState(
  window: { opensAt: number | null; closesAt: number },
  now: number,
  archived = false,
): RegistrationWindowState {
  if (now >= window.closesAt) return { state: 'closed', closedAt: window.closesAt };
  if (archived) return { state: 'closed', closedAt: null };
  if (window.opensAt === null) return { state: 'unscheduled' };
  if (now < window.opensAt) return { state: 'not-yet', opensAt: window.opensAt, closesAt: window.closesAt };
  return { state: 'open', closesAt: window.closesAt };
}

/**
 * Where a held seat comes from. While quotas apply, each institution's reserved seats are its own and the rest
 * form the common pool; after the quotas' release date (or without quotas) all seats are the common pool.
 */
export type SeatPool = { kind: 'common' } | { kind: 'quota'; institutionId: string };

export const COMMON_POOL: SeatPool = { kind: 'common' };

/** How a seat pool is stored with the registration holding it. */
export function seatPoolKey(pool: SeatPool): string {
  return pool.kind === 'common' ? 'pool' : pool.institutionId;
}

/** What a summit's seats of one mode look like when a seat is asked for. */
export interface SeatCount {
  /** Seats of the mode; null when unlimited. */
  capacity: number | null;
  /** Seats held now, of every pool. */
  held: number;
  /** Reserved seats per institution (in-person only), and whether they still apply. */
  quotas: ReadonlyMap<string, number>;
  quotasApply: boolean;
  /** Seats held per pool key (an institution's id, or 'pool'). */
  heldByPool: ReadonlyMap<string, number>;
}

/** The pool a new holder from `institutionId` would take a seat from, or null when there is no free seat. */
export function allocateSeat(seats: SeatCount, institutionId: string | null): SeatPool | null {
  if (seats.capacity === null) return COMMON_POOL;
  if (seats.held >= seats.capacity) return null;
  if (!seats.quotasApply || seats.quotas.size === 0) return COMMON_POOL;
  const own = institutionId ? seats.quotas.get(institutionId) : undefined;
  if (own !== undefined && institutionId && (seats.heldByPool.get(institutionId) ?? 0) < own) {
    return { kind: 'quota', institutionId };
  }
  const reserved = [...seats.quotas.values()].reduce((sum, reservedSeats) => sum + reservedSeats, 0);
  return (seats.heldByPool.get('pool') ?? 0) < seats.capacity - reserved ? COMMON_POOL : null;
}

/** Whether quotas still divide the seats at `now`: until their release date, if any. */
export function quotasApply(quotaReleaseAt: Date | null, now: Date): boolean {
  return quotaReleaseAt === null || now < quotaReleaseAt;
}

/**
 * How long a waitlisted member has to accept a seat: the summit's window (48 hours by default), shorter
 * as the summit approaches (half the time left, at least an hour), and never past its start. Null once it began.
 */
export function offerDeadline(now: Date, summitStart: Date, windowHours: number): Date | null {
  const left = summitStart.getTime() - now.getTime();
  if (left <= 0) return null;
  const window = Math.min(windowHours * HOUR, Math.max(HOUR, left / 2));
  return new Date(Math.min(now.getTime() + window, summitStart.getTime()));
}
