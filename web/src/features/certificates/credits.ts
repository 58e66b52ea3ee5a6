// What a member's credits at a summit mean for them (GET /api/summits/{id}/credits/me): where each session
// stands, and what the certificate still waits for. Pure, so that every state is a line in a test.
import { requiredPresenceMs, type MyCredits, type MySessionCredits } from '@apoc/shared';

/** Where one accredited session stands for the member. */
export type SessionStanding =
  | { kind: 'earned-desk' }
  | { kind: 'earned-online'; minutesPresent: number }
  | { kind: 'earned' }
  | { kind: 'upcoming' }
  | { kind: 'running' }
  | { kind: 'short'; minutesPresent: number; minutesNeeded: number }
  | { kind: 'missed' };

/** The whole minutes in the live room a session asks for (the server's rule, rounded up to the minute). */
export function minutesNeeded(session: Pick<MySessionCredits, 'startsAt' | 'endsAt'>, percent: number): number {
  const span = { startsAt: Date.parse(session.startsAt), endsAt: Date.parse(session.endsAt) };
  return Math.ceil(requiredPresenceMs(span, percent) / 60_000);
}

export function sessionStanding(session: MySessionCredits, minimumPercent: number, now: number): SessionStanding {
  if (session.earned) {
    if (session.checkedIn) return { kind: 'earned-desk' };
    if (session.minutesPresent !== null) return { kind: 'earned-online', minutesPresent: session.minutesPresent };
    return { kind: 'earned' };
  }
  if (now < Date.parse(session.startsAt)) return { kind: 'upcoming' };
  if (now < Date.parse(session.endsAt)) return { kind: 'running' };
  if (session.minutesPresent) {
    return {
      kind: 'short',
      minutesPresent: session.minutesPresent,
      minutesNeeded: minutesNeeded(session, minimumPercent),
    };
  }
  return { kind: 'missed' };
}

/** Sums hours exactly: credits are quarter hours, which floating point adds with crumbs (0.1 + 0.2). */
export function sumHours(hours: readonly number[]): number {
  return hours.reduce((total, value) => total + Math.round(value * 100), 0) / 100;
}

/** One certificate the member may have: the summit's, or one day's. */
export interface CertificateOffer {
  /** The day (YYYY-MM-DD in the summit's zone) of a day's certificate; null for the summit's. */
  day: string | null;
  hours: number;
  /** From when it can be downloaded; null when the server does not know yet. */
  availableAt: number | null;
  /** Its code once issued (the first download issues it). */
  code: string | null;
  /** Whether it can be downloaded now. */
  ready: boolean;
}

export interface CertificateOutlook {
  /** Credits were earned: there is (or will be) a certificate. */
  earned: boolean;
  /** The evaluation must be filled in before any certificate. */
  evaluationNeeded: boolean;
  /** Every accredited session has ended (nothing more can be earned). */
  over: boolean;
  offers: CertificateOffer[];
}

/**
 * The certificates a member has or will have: one for the summit, available once its last accredited session
 * has ended; or, when the summit issues one per day, one per day with credits earned, each available once that
 * day's last accredited session has ended.
 */
export function certificateOutlook(credits: MyCredits, now: number): CertificateOutlook {
  const evaluationNeeded = credits.evaluation.required && !credits.evaluation.submitted;
  const over = credits.sessions.every((session) => Date.parse(session.endsAt) <= now);
  const offer = (day: string | null, hours: number, availableAt: string | null): CertificateOffer => {
    const code = credits.certificates.find((certificate) => certificate.day === day)?.code ?? null;
    const from = availableAt === null ? null : Date.parse(availableAt);
    const due = from !== null && from <= now;
    return { day, hours, availableAt: from, code, ready: code !== null || (due && !evaluationNeeded) };
  };

  if (credits.earnedCredits <= 0) return { earned: false, evaluationNeeded, over, offers: [] };
  const offers =
    credits.issue === 'daily'
      ? credits.days
          .filter((day) => day.earnedCredits > 0)
          .map((day) => offer(day.day, day.earnedCredits, day.availableAt))
      : [offer(null, credits.earnedCredits, credits.availableAt)];
  return { earned: true, evaluationNeeded, over, offers };
}

/** All the credits the summit's accredited sessions carry. */
export function offeredHours(credits: Pick<MyCredits, 'sessions'>): number {
  return sumHours(credits.sessions.map((session) => session.credits));
}
