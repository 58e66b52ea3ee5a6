import type { JoinInfo, SessionDetail } from '@apoc/shared';
import { describe, expect, it } from 'vitest';
import { joinState, nextRefresh, RETRY_MS } from './join-state';

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
