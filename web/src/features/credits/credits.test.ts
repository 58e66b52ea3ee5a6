import type { CreditsReport } from '@apoc/shared';
import { describe, expect, it } from 'vitest';
import { formatHours } from '../certificates/credit-hours';
import { formatAverage, memberSessions, rankSessions, ratingBars, reportTotals, reportView } from './credits';

const session = (sessionId: string, credits: number) => ({
  sessionId,
  title: `Session ${sessionId}`,
  startsAt: '2027-03-09T09:00:00.000Z',
  endsAt: '2027-03-09T10:00:00.000Z',
  credits,
});

function row(memberId: string, overrides: Partial<CreditsReport['rows'][number]> = {}): CreditsReport['rows'][number] {
  return {
    memberId,
    name: `Member ${memberId}`,
    institution: null,
    mode: 'virtual',
    earnedCredits: 0,
    sessions: [],
    evaluationSubmitted: false,
    certificate: null,
    ...overrides,
  };
}

describe('the credits report', () => {
  it('says why it is empty: no accreditation, no session with credits, nobody has earned any', () => {
    const sessions = [session('s1', 1)];
    expect(reportView(false, { sessions, rows: [row('m1', { earnedCredits: 1 })] })).toBe('not-accredited');
    expect(reportView(true, { sessions: [], rows: [] })).toBe('no-credit-sessions');
    expect(reportView(true, { sessions, rows: [row('m1'), row('m2')] })).toBe('nobody-yet');
    expect(reportView(true, { sessions, rows: [row('m1'), row('m2', { earnedCredits: 0.75 })] })).toBe('rows');
  });

  it('adds the hours offered exactly, as hundredths', () => {
    const report = {
      sessions: [session('a', 0.1), session('b', 0.2), session('c', 0.75)],
      rows: [
        row('m1', { earnedCredits: 1, certificate: { code: 'C1', status: 'valid', issuedAt: '2027-03-10T00:00:00Z' } }),
        row('m2', { certificate: { code: 'C2', status: 'revoked', issuedAt: '2027-03-10T00:00:00Z' } }),
      ],
    };
    expect(reportTotals(report)).toEqual({ offered: 1.05, earners: 1, certificates: 1 });
  });

  it('lists a member’s sessions in the agenda’s order, with their titles and credits', () => {
    const report = { sessions: [session('s1', 1), session('s2', 0.5), session('s3', 2)] };
    const lines = memberSessions(report, {
      sessions: [
        { sessionId: 's3', minutesPresent: 100, checkedIn: false, earned: true },
        { sessionId: 's1', minutesPresent: null, checkedIn: true, earned: true },
      ],
    });
    expect(lines.map((line) => [line.title, line.credits, line.minutesPresent, line.earned])).toEqual([
      ['Session s1', 1, null, true],
      ['Session s3', 2, 100, true],
    ]);
  });

  it('writes hours and averages in the reader’s locale', () => {
    expect(formatHours(0.75, 'en')).toBe('0.75');
    expect(formatHours(1.5, 'fr')).toBe('1,5');
    expect(formatHours(12, 'de')).toBe('12');
    expect(formatAverage(4.25, 'en')).toBe('4.3');
    expect(formatAverage(4, 'fr')).toBe('4,0');
    expect(formatAverage(null, 'en')).toBe('—');
  });
});

describe('the evaluation’s charts', () => {
  it('draws the tallest rating full height and gives each its share of the answers', () => {
    expect(
      ratingBars([0, 1, 2, 4, 3]).map(({ rating, count, height, share }) => [rating, count, height, share]),
    ).toEqual([
      [1, 0, 0, 0],
      [2, 1, 0.25, 0.1],
      [3, 2, 0.5, 0.2],
      [4, 4, 1, 0.4],
      [5, 3, 0.75, 0.3],
    ]);
  });

  it('draws no bar for a question nobody answered, and reads missing counts as zeros', () => {
    expect(ratingBars([]).every((bar) => bar.count === 0 && bar.height === 0 && bar.share === 0)).toBe(true);
    expect(ratingBars([2])).toHaveLength(5);
  });

  it('ranks sessions by average, then by how many rated them, then by title; unrated last', () => {
    const ranked = rankSessions(
      [
        { sessionId: 'a', title: 'Imaging', responses: 3, average: 4 },
        { sessionId: 'b', title: 'Unrated', responses: 0, average: null },
        { sessionId: 'c', title: 'Keynote', responses: 9, average: 4.5 },
        { sessionId: 'd', title: 'Genomics', responses: 3, average: 4 },
        { sessionId: 'e', title: 'Trials', responses: 8, average: 4 },
      ],
      'en',
    );
    expect(ranked.map((entry) => entry.sessionId)).toEqual(['c', 'e', 'd', 'a', 'b']);
  });
});
