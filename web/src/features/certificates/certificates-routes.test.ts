import { describe, expect, it } from 'vitest';
import { session, summit } from '../../testing/fixtures';
import { needsSignIn, resolveRoute } from '../../routes';
import { agendaEntries } from '../summits/agenda/agenda';
import { creditHoursLabel, formatHours } from './credit-hours';

// The addresses of the evaluation and of a certificate's verification (PAGES.md), and the agenda's credit badge.
describe('the routes of the evaluation and the verification', () => {
  it('opens a summit’s evaluation for signed-in members only', () => {
    expect(resolveRoute('/summits/s-2026-essen/evaluation')).toEqual({
      name: 'summit-evaluation',
      summitId: 's-2026-essen',
    });
    expect(needsSignIn({ name: 'summit-evaluation', summitId: 'x' })).toBe(true);
  });

  it('opens a certificate’s verification by its code, for anyone', () => {
    expect(resolveRoute('/certificates/APOC-7K2M-Q9XW')).toEqual({ name: 'certificate', code: 'APOC-7K2M-Q9XW' });
    expect(resolveRoute('/certificates')).toEqual({ name: 'not-found' });
    expect(needsSignIn({ name: 'certificate', code: 'x' })).toBe(false);
  });
});

describe('credit hours on the agenda', () => {
  const accreditation = {
    statement: 'Accredited by the EACCME®.',
    creditName: 'ECMEC®s',
    signatoryName: 'Dr Ana Souza',
    signatoryTitle: '',
    minimumPercent: 80,
    issue: 'end' as const,
    evaluation: { required: false, questions: [] },
  };

  it('writes quarter hours without trailing zeros', () => {
    expect([0.25, 0.75, 1, 1.5, 12].map((hours) => formatHours(hours))).toEqual(['0.25', '0.75', '1', '1.5', '12']);
    expect(creditHoursLabel(0.75)).toBe('0.75 h');
  });

  it('gives an accredited summit’s sessions with credits their hours and the credits’ name', () => {
    const talk = session({ credits: 0.75 });
    const lunch = session({ kind: 'break' });
    const entries = agendaEntries(summit({ accreditation, sessions: [talk, lunch] }), new Map());
    expect(entries.map((entry) => entry.credits)).toEqual([{ hours: '0.75 h', name: 'ECMEC®s' }, null]);
  });

  it('shows no credits at a summit that is not accredited', () => {
    const entries = agendaEntries(summit({ accreditation: null, sessions: [session({ credits: 1 })] }), new Map());
    expect(entries[0]?.credits).toBeNull();
  });
});
