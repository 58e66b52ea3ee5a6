import type { MyCredits } from '@apoc/shared';
import { describe, expect, it } from 'vitest';
import { creditSession, myCredits } from '../../testing/fixtures';
import { certificateOutlook, minutesNeeded, offeredHours, sessionStanding, sumHours } from './credits';

// A two-day summit in London (UTC in March): a keynote on 9 March, a panel on 10 March.
const keynote = creditSession();
const panel = creditSession({
  sessionId: 'panel',
  title: 'Panel',
  startsAt: '2027-03-10T14:00:00.000Z',
  endsAt: '2027-03-10T14:45:00.000Z',
  credits: 0.75,
  minutesPresent: null,
  earned: false,
});

function credits(overrides: Partial<MyCredits> = {}): MyCredits {
  return myCredits({ sessions: [keynote, panel], earnedCredits: 1, availableAt: panel.endsAt, ...overrides });
}

const at = (instant: string): number => Date.parse(instant);
const AFTER = at('2027-03-11T09:00:00Z');

describe('where a session stands for the member', () => {
  it('says how a session was earned: checked in at the venue, minutes online, or as the server says', () => {
    expect(sessionStanding({ ...keynote, checkedIn: true }, 80, AFTER)).toEqual({ kind: 'earned-desk' });
    expect(sessionStanding(keynote, 80, AFTER)).toEqual({ kind: 'earned-online', minutesPresent: 55 });
    expect(sessionStanding({ ...keynote, minutesPresent: null }, 80, AFTER)).toEqual({ kind: 'earned' });
  });

  it('tells a session not started or running from one missed', () => {
    expect(sessionStanding(panel, 80, at('2027-03-10T13:00:00Z'))).toEqual({ kind: 'upcoming' });
    expect(sessionStanding(panel, 80, at('2027-03-10T14:10:00Z'))).toEqual({ kind: 'running' });
    expect(sessionStanding(panel, 80, AFTER)).toEqual({ kind: 'missed' });
  });

  it('says how many minutes were short of the rule', () => {
    expect(sessionStanding({ ...panel, minutesPresent: 20 }, 80, AFTER)).toEqual({
      kind: 'short',
      minutesPresent: 20,
      minutesNeeded: 36,
    });
  });

  it('rounds the minutes a rule asks for up, as the server does', () => {
    // 80 % of 45 minutes is 36; 75 % of 50 minutes is 37.5, so 38.
    expect(minutesNeeded(panel, 80)).toBe(36);
    expect(minutesNeeded({ startsAt: panel.startsAt, endsAt: '2027-03-10T14:50:00.000Z' }, 75)).toBe(38);
  });
});

describe('what the certificate waits for', () => {
  it('asks for the evaluation first when it is required and not sent, even once the summit is over', () => {
    const outlook = certificateOutlook(credits(), AFTER);
    expect(outlook.evaluationNeeded).toBe(true);
    expect(outlook.offers).toEqual([{ day: null, hours: 1, availableAt: at(panel.endsAt), code: null, ready: false }]);
  });

  it('offers the summit’s certificate once the last accredited session has ended and the evaluation is in', () => {
    const sent = credits({ evaluation: { required: true, submitted: true } });
    expect(certificateOutlook(sent, at('2027-03-10T14:30:00Z')).offers[0]?.ready).toBe(false);
    expect(certificateOutlook(sent, AFTER).offers[0]?.ready).toBe(true);
    expect(certificateOutlook(credits({ evaluation: { required: false, submitted: false } }), AFTER)).toMatchObject({
      evaluationNeeded: false,
      offers: [{ ready: true }],
    });
  });

  it('shows the code of a certificate already issued', () => {
    const issued = credits({
      evaluation: { required: true, submitted: true },
      certificates: [{ code: 'APOC-7K2M-Q9XW', day: null, hours: 1, issuedAt: '2027-03-11T08:00:00.000Z' }],
    });
    expect(certificateOutlook(issued, AFTER).offers).toEqual([
      { day: null, hours: 1, availableAt: at(panel.endsAt), code: 'APOC-7K2M-Q9XW', ready: true },
    ]);
  });

  it('offers one certificate per day with credits earned when the summit issues them daily', () => {
    const daily = credits({
      issue: 'daily',
      evaluation: { required: false, submitted: false },
      days: [
        { day: '2027-03-09', earnedCredits: 1, availableAt: keynote.endsAt },
        { day: '2027-03-10', earnedCredits: 0, availableAt: panel.endsAt },
      ],
    });
    expect(certificateOutlook(daily, at('2027-03-09T12:00:00Z')).offers).toEqual([
      { day: '2027-03-09', hours: 1, availableAt: at(keynote.endsAt), code: null, ready: true },
    ]);
  });

  it('has no certificate to offer before any credit is earned, and says whether more can be', () => {
    const none = credits({ earnedCredits: 0, sessions: [{ ...keynote, earned: false }, panel] });
    expect(certificateOutlook(none, at('2027-03-09T12:00:00Z'))).toMatchObject({ earned: false, over: false });
    expect(certificateOutlook(none, AFTER)).toMatchObject({ earned: false, over: true, offers: [] });
  });
});

describe('credit hours', () => {
  it('add up exactly', () => {
    expect(sumHours([0.1, 0.2])).toBe(0.3);
    expect(offeredHours(credits())).toBe(1.75);
  });
});
