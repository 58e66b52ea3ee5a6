import type { Member } from '@apoc/shared';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './api';
import { Session, type SessionApi } from './session.svelte';

const member = (overrides: Partial<Member> = {}): Member => ({
  id: 'm-organiser',
  email: 'organiser@demo.apoc.test',
  name: 'Emily Carter',
  role: 'organiser',
  institutionId: 'amgen',
  timeZone: null,
  effectiveTimeZone: 'America/Los_Angeles',
  reminders: 'starred',
  language: null,
  active: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

/** A fake API whose answers the test controls, and a way to play a 401 from any request. */
function fakeApi(getSignedInMember: () => Promise<Member | null>) {
  let listener: ((request: { path: string; method: string }) => void) | undefined;
  const api: SessionApi & { signOut: ReturnType<typeof vi.fn> } = {
    getSignedInMember: vi.fn(getSignedInMember),
    signOut: vi.fn(() => Promise.resolve()),
    onUnauthenticated: (next) => {
      listener = next;
      return () => (listener = undefined);
    },
  };
  return { api, answer401: (path: string, method = 'GET') => listener?.({ path, method }) };
}

describe('the session store', () => {
  it('starts unknown, then holds the member that the server names', async () => {
    const { api } = fakeApi(() => Promise.resolve(member()));
    const session = new Session(api);
    expect(session.state.status).toBe('unknown');
    await session.load();
    expect(session.member?.name).toBe('Emily Carter');
  });

  it('is signed out when the server says nobody is signed in', async () => {
    const session = new Session(fakeApi(() => Promise.resolve(null)).api);
    await session.load();
    expect(session.state.status).toBe('signed-out');
    expect(session.member).toBeNull();
  });

  it('asks the server once, however many pages ask', async () => {
    const { api } = fakeApi(() => Promise.resolve(member()));
    const session = new Session(api);
    await Promise.all([session.load(), session.load(), session.load()]);
    await session.load();
    expect(api.getSignedInMember).toHaveBeenCalledTimes(1);
  });

  it('remembers a failure to ask as an error, and asks again next time', async () => {
    const failure = new ApiError({ type: 'about:blank', title: 'The server could not be reached', status: 0 });
    let calls = 0;
    const { api } = fakeApi(() => (++calls === 1 ? Promise.reject(failure) : Promise.resolve(member())));
    const session = new Session(api);
    await session.load();
    expect(session.state).toEqual({ status: 'error', error: failure });
    await session.load();
    expect(session.state.status).toBe('signed-in');
  });

  it('compares roles by rank: an admin is also an organiser and a member, an organiser is not an admin', () => {
    const session = new Session(fakeApi(() => Promise.resolve(null)).api);
    expect(session.hasRole('guest')).toBe(false);
    session.setMember(member({ role: 'organiser' }));
    expect([session.hasRole('member'), session.hasRole('organiser'), session.hasRole('admin')]).toEqual([
      true,
      true,
      false,
    ]);
    session.setMember(member({ role: 'admin' }));
    expect(session.hasRole('organiser')).toBe(true);
  });

  it('does not let the "nobody" of a question asked before signing in undo the sign-in', async () => {
    let answer: (member: Member | null) => void = () => {};
    const { api } = fakeApi(() => new Promise<Member | null>((resolve) => (answer = resolve)));
    const session = new Session(api);
    const loading = session.load();
    session.setMember(member());
    answer(null);
    await loading;
    expect(session.member?.name).toBe('Emily Carter');
  });

  it('forgets the member when any other request answers 401 (signed out elsewhere)', () => {
    const { api, answer401 } = fakeApi(() => Promise.resolve(member()));
    const session = new Session(api);
    session.setMember(member());
    answer401('/api/me/sign-ins');
    expect(session.state.status).toBe('signed-out');
  });

  it('signs out through the API, letting the caller leave the page before pages learn it', async () => {
    const { api } = fakeApi(() => Promise.resolve(member()));
    const session = new Session(api);
    session.setMember(member());
    const seen: string[] = [];
    await session.signOut(() => seen.push(session.state.status));
    expect(api.signOut).toHaveBeenCalledOnce();
    expect(seen).toEqual(['signed-in']);
    expect(session.state.status).toBe('signed-out');
  });

  it('stays signed in when the server refuses to sign out', async () => {
    const { api } = fakeApi(() => Promise.resolve(member()));
    api.signOut.mockRejectedValueOnce(new ApiError({ type: 'about:blank', title: 'Forbidden', status: 403 }));
    const session = new Session(api);
    session.setMember(member());
    await expect(session.signOut()).rejects.toMatchObject({ status: 403 });
    expect(session.member).not.toBeNull();
  });
});
