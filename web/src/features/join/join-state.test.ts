import type { JoinInfo, SessionDetail } from '@apoc/shared';
import { describe, expect, it } from 'vitest';
import { inWords, joinState, nextRefresh, RETRY_MS } from './join-state';

// A virtual session from 14:00 to 15:00 UTC whose join window opens 15 minutes before the start.
const START = Date.parse('2027-03-09T14:00:00Z');
const OPENS = START - 15 * 60_000;
const END = Date.parse('2027-03-09T15:00:00Z');
const minutes = (n: number): number => n * 60_000;

type View = Pick<SessionDetail, 'status' | 'startsAt' | 'join' | 'recordingUrl'>;

function view(join: Partial<JoinInfo> | null, overrides: Partial<View> = {}): View {
  return {
    status: 'scheduled',
    startsAt: new Date(START).toISOString(),
    recordingUrl: null,
    join:
      join === null
        ? undefined
        : {
            opensAt: new Date(OPENS).toISOString(),
            closesAt: new Date(END).toISOString(),
            entitled: true,
            open: false,
            hasRecording: false,
            ...join,
          },
    ...overrides,
  };
}

describe('joinState', () => {
  it('shows no box for a session of an in-person summit (no join information)', () => {
    expect(joinState(view(null), true, OPENS)).toEqual({ kind: 'none' });
  });

  it('counts down to the opening of the window for a member registered online', () => {
    expect(joinState(view({}), true, OPENS - minutes(10))).toEqual({ kind: 'before', opensAt: OPENS, startsAt: START });
  });

  it('shows the Join button inside the window when the server says it is open', () => {
    expect(joinState(view({ open: true }), true, START - minutes(10))).toEqual({ kind: 'open', closesAt: END });
  });

  it('trusts the server over a browser clock that is a little behind', () => {
    expect(joinState(view({ open: true }), true, OPENS - 30_000).kind).toBe('open');
  });

  it('says the link is not shared yet when the window is open but the server has no link', () => {
    expect(joinState(view({ open: false }), true, START).kind).toBe('no-link');
  });

  it('explains the online registration to a member registered in person only, even inside the window', () => {
    expect(joinState(view({ entitled: false }), true, START - minutes(10))).toEqual({ kind: 'not-entitled' });
  });

  it('asks a visitor to sign in', () => {
    expect(joinState(view({ entitled: false }), false, START - minutes(10))).toEqual({ kind: 'signed-out' });
  });

  it('offers the recording after the end to those entitled', () => {
    const ended = view({ hasRecording: true }, { recordingUrl: 'https://video.example.org/rec' });
    expect(joinState(ended, true, END)).toEqual({
      kind: 'ended',
      recordingUrl: 'https://video.example.org/rec',
      hasRecording: true,
    });
    expect(joinState(view({ hasRecording: false }), true, END + minutes(5))).toEqual({
      kind: 'ended',
      recordingUrl: null,
      hasRecording: false,
    });
  });

  it('says a cancelled session has nothing to join', () => {
    expect(joinState(view({ open: true }, { status: 'cancelled' }), true, START).kind).toBe('cancelled');
  });
});

describe('nextRefresh', () => {
  it('reads the session again just after the window opens, so that the button appears without a reload', () => {
    expect(nextRefresh(view({}), true, OPENS - minutes(10))).toBe(OPENS + 1_000);
  });

  it('reads it again after the end, for the recording', () => {
    expect(nextRefresh(view({ open: true }), true, START)).toBe(END + 1_000);
  });

  it('asks again soon when the window should be open but the server has not opened it', () => {
    expect(nextRefresh(view({}), true, START)).toBe(START + RETRY_MS);
  });

  it('never waits more than a day in one timer', () => {
    const now = OPENS - minutes(60 * 24 * 40);
    expect(nextRefresh(view({}), true, now)).toBe(now + minutes(60 * 24));
  });

  it('does nothing for those who cannot join, and after the end', () => {
    expect(nextRefresh(view({ entitled: false }), true, OPENS - minutes(5))).toBeNull();
    expect(nextRefresh(view({}), false, OPENS - minutes(5))).toBeNull();
    expect(nextRefresh(view({}), true, END)).toBeNull();
  });
});

describe('inWords', () => {
  const paris = 'Europe/Paris';

  it('says minutes, then hours, never "in 0 minutes"', () => {
    expect(inWords(START, START - 10_000, paris)).toBe('in 1 minute');
    expect(inWords(START, START - minutes(12), paris)).toBe('in 12 minutes');
    expect(inWords(START, START - minutes(60 * 13), paris)).toBe('in 13 hours');
  });

  it('says "in 3 days" from Monday 20:00 to Thursday 09:00, though that is 61 hours', () => {
    expect(inWords(Date.parse('2027-03-11T08:00:00Z'), Date.parse('2027-03-08T19:00:00Z'), paris)).toBe('in 3 days');
  });

  it('counts the days in the zone it is given', () => {
    // Tuesday 00:30 in Paris is still Monday 15:30 in Los Angeles; the start is Thursday there at 00:00.
    const at = Date.parse('2027-03-11T08:00:00Z');
    const now = Date.parse('2027-03-08T23:30:00Z');
    expect(inWords(at, now, paris)).toBe('in 2 days');
    expect(inWords(at, now, 'America/Los_Angeles')).toBe('in 3 days');
  });

  it('counts a day with a clock change as one day', () => {
    // Paris springs forward on Sunday 28 March 2027: Friday 09:00 to Monday 09:00 is 71 hours.
    expect(inWords(Date.parse('2027-03-29T07:00:00Z'), Date.parse('2027-03-26T08:00:00Z'), paris)).toBe('in 3 days');
    // New York falls back on Sunday 1 November 2026: Saturday 00:30 to Sunday 23:45 is 48¼ hours, the next date.
    expect(inWords(Date.parse('2026-11-02T04:45:00Z'), Date.parse('2026-10-31T04:30:00Z'), 'America/New_York')).toBe(
      'tomorrow',
    );
  });
});
