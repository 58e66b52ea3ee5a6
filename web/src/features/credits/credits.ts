// The numbers behind the Credits tab, as plain functions: averages in the page's locale (hours are written by
// certificates/credit-hours, as everywhere else), which empty
// state the report is in, each member's sessions beside the report's, and the evaluation's charts (bars of the
// 1–5 counts, sessions ranked by their average). The charts draw these; the tables beside them print the same
// numbers, which is what assistive technology reads.
import type { CertificateStatus, CreditsReport, EvaluationResults } from '@apoc/shared';
import { formatLocale } from '../../lib/language';
import { m } from '../../paraglide/messages.js';

/** "4.2": an average rating, one decimal; a dash when nobody rated. */
export function formatAverage(average: number | null, locale: string = formatLocale): string {
  if (average === null) return '—';
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(average);
}

export const CERTIFICATE_STATUS_LABELS: Record<CertificateStatus, () => string> = {
  valid: () => m.credits_certificate_valid(),
  revoked: () => m.credits_certificate_revoked(),
  replaced: () => m.credits_certificate_replaced(),
};

export const CERTIFICATE_STATUS_TONES: Record<CertificateStatus, string> = {
  valid: 'badge-success',
  revoked: 'badge-danger',
  replaced: 'badge-neutral',
};

/**
 * What the report shows: why it is empty (no accreditation, no session with credits, nobody has earned any
 * yet), or its rows.
 */
export type ReportView = 'not-accredited' | 'no-credit-sessions' | 'nobody-yet' | 'rows';

export function reportView(accredited: boolean, report: Pick<CreditsReport, 'sessions' | 'rows'>): ReportView {
  if (!accredited) return 'not-accredited';
  if (report.sessions.length === 0) return 'no-credit-sessions';
  // Members who have earned nothing, certificate or not, are still worth a row once anyone has earned credits.
  return report.rows.some((row) => row.earnedCredits > 0 || row.certificate !== null) ? 'rows' : 'nobody-yet';
}

export type ReportRow = CreditsReport['rows'][number];

/** One session of one member's row: the report's session (title, credits) with what the member did in it. */
export interface MemberSession {
  sessionId: string;
  title: string;
  startsAt: string;
  credits: number;
  /** Minutes in the live room; null when the session had none (or the member's mode has none). */
  minutesPresent: number | null;
  checkedIn: boolean;
  earned: boolean;
}

/** The member's sessions in the report's order (the agenda's); sessions the member has no line for are left out. */
export function memberSessions(
  report: Pick<CreditsReport, 'sessions'>,
  row: Pick<ReportRow, 'sessions'>,
): MemberSession[] {
  const mine = new Map(row.sessions.map((session) => [session.sessionId, session]));
  return report.sessions.flatMap((session) => {
    const line = mine.get(session.sessionId);
    return line
      ? [
          {
            sessionId: session.sessionId,
            title: session.title,
            startsAt: session.startsAt,
            credits: session.credits,
            minutesPresent: line.minutesPresent,
            checkedIn: line.checkedIn,
            earned: line.earned,
          },
        ]
      : [];
  });
}

/** The hours the accredited sessions offer in all, and how many members earned some. */
export function reportTotals(report: Pick<CreditsReport, 'sessions' | 'rows'>): {
  offered: number;
  earners: number;
  certificates: number;
} {
  // Sums of hundredths, as the server adds them: 0.1 + 0.2 in floating point is not 0.3.
  const offered = report.sessions.reduce((sum, session) => sum + Math.round(session.credits * 100), 0) / 100;
  return {
    offered,
    earners: report.rows.filter((row) => row.earnedCredits > 0).length,
    certificates: report.rows.filter((row) => row.certificate?.status === 'valid').length,
  };
}

export type Rating = 1 | 2 | 3 | 4 | 5;
export const RATINGS: readonly Rating[] = [1, 2, 3, 4, 5];

/** One bar of a question's chart. */
export interface RatingBar {
  rating: Rating;
  count: number;
  /** The bar's height, 0–1 of the question's tallest bar. */
  height: number;
  /** Of the question's answers, 0–1. */
  share: number;
}

/** The bars of a question's 1–5 counts (missing counts are zeros); the tallest is full height. */
export function ratingBars(counts: readonly number[]): RatingBar[] {
  const values = RATINGS.map((rating) => Math.max(0, counts[rating - 1] ?? 0));
  const total = values.reduce((sum, count) => sum + count, 0);
  const tallest = Math.max(0, ...values);
  return RATINGS.map((rating, index) => {
    const count = values[index] ?? 0;
    return { rating, count, height: tallest === 0 ? 0 : count / tallest, share: total === 0 ? 0 : count / total };
  });
}

export type SessionAverage = EvaluationResults['sessions'][number];

/**
 * Sessions best rated first; among equal averages the one more people rated, then by title. Sessions nobody rated
 * come last.
 */
export function rankSessions(sessions: readonly SessionAverage[], locale: string = formatLocale): SessionAverage[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  return [...sessions].sort(
    (a, b) => (b.average ?? -1) - (a.average ?? -1) || b.responses - a.responses || collator.compare(a.title, b.title),
  );
}
