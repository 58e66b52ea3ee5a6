// CME/CPD credits (issue 19), from attendance the platform verified: a session's credits are earned by being in
// its live room for the summit's share of its duration, or by being checked in at the desk, in person, on its day.
// Credits are counted in hundredths of an hour, so that totals are exact (0.75 + 0.5 is 1.25, never 1.2499…).

import type { CertificateIssue } from '../api/certificates';
import type { AgendaSession } from '../api/summits';
import { localDate } from '../time/zones';
import { presentMs, type PresenceInterval } from './presence';

/** A session that earns credits, as the latest published agenda states it. */
export interface AccreditedSession {
  id: string;
  title: string;
  startsAt: number;
  endsAt: number;
  creditHundredths: number;
  /** The date of its start in the summit's zone (YYYY-MM-DD): the day a desk check-in must fall on. */
  day: string;
}

/** A session of a published agenda, with its optional credit hours. */
export type PublishedSessionCredits = Pick<
  AgendaSession,
  'id' | 'title' | 'status' | 'startsAt' | 'endsAt' | 'credits'
>;

/** Hours (0.25–12, quarter steps) as hundredths: 0.75 is 75. */
export const hundredthsOf = (hours: number): number => Math.round(hours * 100);

/** Hundredths as hours, for the API and the certificate. */
export const hoursOf = (hundredths: number): number => hundredths / 100;

/**
 * The sessions that earn credits, in order: scheduled (not cancelled), timed, with credits. Their day is the date
 * of their start in the summit's zone (a session running past midnight belongs to the day it started).
 */
export function accreditedSessions(
  sessions: readonly PublishedSessionCredits[],
  timeZone: string,
): AccreditedSession[] {
  return sessions
    .flatMap((session) => {
      if (session.status !== 'scheduled' || !session.startsAt || !session.endsAt || !session.credits) return [];
      const startsAt = Date.parse(session.startsAt);
      const endsAt = Date.parse(session.endsAt);
      if (!(endsAt > startsAt)) return [];
      return [
        {
          id: session.id,
          title: session.title,
          startsAt,
          endsAt,
          creditHundredths: hundredthsOf(session.credits),
          day: localDate(startsAt, timeZone),
        },
      ];
    })
    .sort((a, b) => a.startsAt - b.startsAt || a.title.localeCompare(b.title));
}

/** The time in the live room that earns a session's credits: `minimumPercent` of its duration, rounded up. */
export function requiredPresenceMs(session: { startsAt: number; endsAt: number }, minimumPercent: number): number {
  return Math.ceil(((session.endsAt - session.startsAt) * minimumPercent) / 100);
}

/** What a member did of one accredited session, and whether it earned its credits. */
export interface SessionCredit {
  sessionId: string;
  /** The session's day in the summit's zone. */
  day: string;
  creditHundredths: number;
  /** Whole minutes in the live room while it ran (rounded down); null when the member never was in it. */
  minutesPresent: number | null;
  /** Checked in at the desk on the session's day. */
  checkedIn: boolean;
  /** Scanned at the session's room door. */
  scanned: boolean;
  earned: boolean;
}

/** Everything verified of one member's attendance of a summit. */
export interface MemberAttendance {
  /** Intervals of presence in each session's live room (settled: see settledIntervals), by session. */
  presence: ReadonlyMap<string, readonly PresenceInterval[]>;
  /** The days (YYYY-MM-DD, summit's zone) the member was checked in at the desk with an in-person registration. */
  checkedInDays: ReadonlySet<string>;
  /** The sessions at whose room door the member was scanned. */
  scannedSessions?: ReadonlySet<string>;
}

const overlap = (a: AccreditedSession, b: AccreditedSession) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

/**
 * Whether a member earned each accredited session's credits. A session is attended when the member was present in
 * its live room for at least `minimumPercent` of its duration (tabs and servers counted once, only while it ran),
 * was scanned at its room door, or was checked in at the desk on its day. A day's check-in cannot tell which of two
 * parallel sessions someone sat in, so it earns only sessions that no other accredited session overlaps; a parallel
 * one needs its door scan or its live room. And no time is credited twice: of attended sessions that overlap, those
 * that together earn the most are credited (sessions attended by their own evidence first, then in order).
 */
export function sessionCredits(
  sessions: readonly AccreditedSession[],
  attendance: MemberAttendance,
  minimumPercent: number,
  now: number,
): SessionCredit[] {
  const scanned = attendance.scannedSessions ?? new Set<string>();
  const evidence = sessions.map((session) => {
    const intervals = attendance.presence.get(session.id) ?? [];
    const present = presentMs(intervals, { opensAt: session.startsAt, ...session }, now);
    const parallel = sessions.some((other) => other !== session && overlap(session, other));
    const direct = scanned.has(session.id) || present >= requiredPresenceMs(session, minimumPercent);
    const checkedIn = attendance.checkedInDays.has(session.day);
    return {
      session,
      credit: {
        sessionId: session.id,
        day: session.day,
        creditHundredths: session.creditHundredths,
        minutesPresent: intervals.length === 0 ? null : Math.floor(present / 60_000),
        checkedIn,
        scanned: scanned.has(session.id),
        earned: false,
      },
      attended: direct || (checkedIn && !parallel),
      direct,
    };
  });
  const credited = creditedWithoutOverlap(evidence.filter((entry) => entry.attended));
  return evidence.map(({ credit }) => ({ ...credit, earned: credited.has(credit.sessionId) }));
}

/**
 * Of attended sessions, the ones credited when some overlap: a set of sessions that do not overlap with the most
 * credits (weighted interval scheduling; among equal credits, more sessions attended by their own evidence).
 */
function creditedWithoutOverlap(
  attended: readonly { session: AccreditedSession; direct: boolean }[],
): ReadonlySet<string> {
  const byEnd = [...attended].sort((a, b) => a.session.endsAt - b.session.endsAt);
  // A hundredth of an hour outweighs every session's evidence together.
  const evidenceWeight = attended.length + 1;
  // best[i]: the best choice among the first i sessions by end; weight counts credits first, evidence second.
  const best: { weight: number; ids: string[] }[] = [{ weight: 0, ids: [] }];
  byEnd.forEach((entry, i) => {
    let previous = i;
    while (previous > 0 && (byEnd[previous - 1] as (typeof byEnd)[number]).session.endsAt > entry.session.startsAt) {
      previous -= 1;
    }
    const base = best[previous] as (typeof best)[number];
    const taking = {
      weight: base.weight + entry.session.creditHundredths * evidenceWeight + (entry.direct ? 1 : 0),
      ids: [...base.ids, entry.session.id],
    };
    const skipping = best[i] as (typeof best)[number];
    best.push(taking.weight > skipping.weight ? taking : skipping);
  });
  return new Set((best.at(-1) as (typeof best)[number]).ids);
}

/** The credits earned (on one day, or at the whole summit), in hundredths: exact sums. */
export function earnedHundredths(credits: readonly SessionCredit[], day: string | null = null): number {
  return credits
    .filter((credit) => credit.earned && (day === null || credit.day === day))
    .reduce((total, credit) => total + credit.creditHundredths, 0);
}

/** When a certificate becomes available: for the whole summit (`day` null), or for one day. */
export interface Availability {
  day: string | null;
  availableAt: number;
}

/**
 * When certificates become available: once the last accredited session has ended ('end'), or for each day once
 * that day's last accredited session has ended ('daily'). Nothing while no session is accredited.
 */
export function certificateAvailability(
  sessions: readonly AccreditedSession[],
  issue: CertificateIssue,
): Availability[] {
  if (sessions.length === 0) return [];
  if (issue === 'end') return [{ day: null, availableAt: Math.max(...sessions.map((session) => session.endsAt)) }];
  const days = new Map<string, number>();
  for (const session of sessions) days.set(session.day, Math.max(days.get(session.day) ?? 0, session.endsAt));
  return [...days].sort(([a], [b]) => a.localeCompare(b)).map(([day, availableAt]) => ({ day, availableAt }));
}

/** Whether a member may have a certificate now, and if not, why. */
export type CertificateGate = 'ready' | 'not-ready' | 'none-earned' | 'evaluation-required';

/**
 * The certificate's gate, in the order a member meets it: not before it is available (the member may still be
 * earning credits), then only with credits earned, then only after the evaluation when the accreditation requires
 * one.
 */
export function certificateGate(input: {
  availableAt: number | null;
  now: number;
  earnedHundredths: number;
  evaluationRequired: boolean;
  evaluationSubmitted: boolean;
}): CertificateGate {
  if (input.availableAt === null || input.now < input.availableAt) return 'not-ready';
  if (input.earnedHundredths <= 0) return 'none-earned';
  if (input.evaluationRequired && !input.evaluationSubmitted) return 'evaluation-required';
  return 'ready';
}

/** The evaluation opens when the summit's first session starts (null: none scheduled yet, so not open). */
export function evaluationOpen(firstSessionStart: number | null, now: number): boolean {
  return firstSessionStart !== null && now >= firstSessionStart;
}
