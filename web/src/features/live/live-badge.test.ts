import { describe, expect, it } from 'vitest';
import { liveBadge, nextBadgeChange } from './live-badge';

// A session from 14:00 to 15:00 in Paris on Tuesday 9 March 2027, seen from Seoul (22:00 to 23:00 there).
const session = { status: 'scheduled' as const, startsAt: '2027-03-09T13:00:00Z', endsAt: '2027-03-09T14:00:00Z' };
const at = (iso: string) => Date.parse(iso);

describe('the live panel’s badge', () => {
  it('says when the session starts, in the viewer’s time, and that questions may be asked ahead', () => {
    expect(liveBadge(session, true, at('2027-03-01T09:00:00Z'), 'Asia/Seoul', 'en-GB')).toEqual({
      phase: 'before',
      text: 'Starts Tue 9 Mar 2027, 22:00 your time (Seoul) — you can ask questions now',
    });
    expect(liveBadge(session, false, at('2027-03-01T09:00:00Z'), 'Europe/Paris', 'en-GB')?.text).toBe(
      'Starts Tue 9 Mar 2027, 14:00 your time (Paris) — questions open when the moderators open Q&A',
    );
  });

  it('says "today" on the day itself, and only the start until the connection says whether Q&A is open', () => {
    expect(liveBadge(session, null, at('2027-03-09T12:50:00Z'), 'Europe/Paris', 'en-GB')?.text).toBe(
      'Starts today, 14:00 your time (Paris)',
    );
  });

  it('says "Live" only from the start to the end, then "Ended"', () => {
    expect(liveBadge(session, true, at('2027-03-09T12:59:59Z'), 'UTC')?.phase).toBe('before');
    expect(liveBadge(session, true, at('2027-03-09T13:00:00Z'), 'UTC')).toEqual({ phase: 'live', text: 'Live' });
    expect(liveBadge(session, true, at('2027-03-09T13:59:59Z'), 'UTC')?.text).toBe('Live');
    expect(liveBadge(session, true, at('2027-03-09T14:00:00Z'), 'UTC')).toEqual({ phase: 'ended', text: 'Ended' });
  });

  it('has no badge for a cancelled session or one without a time', () => {
    expect(liveBadge({ ...session, status: 'cancelled' }, true, at('2027-03-01T00:00:00Z'), 'UTC')).toBeNull();
    expect(liveBadge({ ...session, startsAt: null, endsAt: null }, true, at('2027-03-01T00:00:00Z'), 'UTC')).toBeNull();
  });

  it('changes next at the start, then at the end, then never', () => {
    expect(nextBadgeChange(session, at('2027-03-01T00:00:00Z'))).toBe(at('2027-03-09T13:00:00Z'));
    expect(nextBadgeChange(session, at('2027-03-09T13:30:00Z'))).toBe(at('2027-03-09T14:00:00Z'));
    expect(nextBadgeChange(session, at('2027-03-09T14:00:00Z'))).toBeNull();
  });
});
