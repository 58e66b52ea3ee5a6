import { describe, expect, it } from 'vitest';
import { needsSignIn, resolveRoute } from '../../routes';

// The addresses of the session page, the changelog and my agenda (PAGES.md), beside the pages they open.
describe('the routes of sessions, changes and my agenda', () => {
  it('opens a session page by its id, decoded', () => {
    expect(resolveRoute('/sessions/s-2027-virtual-05')).toEqual({ name: 'session', sessionId: 's-2027-virtual-05' });
    expect(resolveRoute('/sessions/a%20b')).toEqual({ name: 'session', sessionId: 'a b' });
    expect(resolveRoute('/sessions')).toEqual({ name: 'not-found' });
  });

  it('tells the changelog from the summit page', () => {
    expect(resolveRoute('/summits/s-2027-essen/changes')).toEqual({
      name: 'summit-changes',
      summitId: 's-2027-essen',
    });
    expect(resolveRoute('/summits/s-2027-essen')).toEqual({ name: 'summit', summitId: 's-2027-essen' });
  });

  it('keeps my agenda for signed-in members and the other two public', () => {
    expect(resolveRoute('/me/agenda')).toEqual({ name: 'my-agenda' });
    expect(resolveRoute('/me')).toEqual({ name: 'me' });
    expect(needsSignIn({ name: 'my-agenda' })).toBe(true);
    expect(needsSignIn({ name: 'session', sessionId: 'x' })).toBe(false);
    expect(needsSignIn({ name: 'summit-changes', summitId: 'x' })).toBe(false);
  });

  it('opens the moderator console and the projector of a session, both for signed-in members only', () => {
    expect(resolveRoute('/sessions/s-2027-virtual-05/moderate')).toEqual({
      name: 'session-moderate',
      sessionId: 's-2027-virtual-05',
    });
    expect(resolveRoute('/sessions/a%20b/projector')).toEqual({ name: 'session-projector', sessionId: 'a b' });
    expect(resolveRoute('/sessions/x/present')).toEqual({ name: 'not-found' });
    expect(needsSignIn({ name: 'session-moderate', sessionId: 'x' })).toBe(true);
    expect(needsSignIn({ name: 'session-projector', sessionId: 'x' })).toBe(true);
  });

  it("opens the live tab of a summit's organiser pages", () => {
    expect(resolveRoute('/organise/summits/s-2027-essen/live')).toEqual({
      name: 'organise-summit',
      summitId: 's-2027-essen',
      tab: 'live',
    });
    expect(resolveRoute('/organise/summits/s-2027-essen/announcements')).toEqual({
      name: 'organise-summit',
      summitId: 's-2027-essen',
      tab: 'announcements',
    });
  });
});
