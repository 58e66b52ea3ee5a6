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
  active: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

const unauthenticated = () => new ApiError({ type: 'about:blank', title: 'Unauthorized', status: 401 });

/** A fake API whose answers the test controls, and a way to play a 401 from any request. */
function fakeApi(getMe: () => Promise<Member>) {
  let listener: ((request: { path: string; method: string }) => void) | undefined;
  const api: SessionApi & { signOut: ReturnType<typeof vi.fn> } = {
    getMe: vi.fn(getMe),
    signOut: vi.fn(() => Promise.resolve()),
    onUnauthenticated: (next) => {
      listener = next;
      return () => (listener = undefined);
    },
  };
  return { api, answer401: (path: string, method = 'GET') => listener?.({ path, method }) };
}

describe('the session store', () => {
  it('starts unknown, then holds the member that GET /api/me returns', async () => {
    const { api } = fakeApi(() => Promise.resolve(member()));
    const session = new Session(api);
    expect(session.state.status).toBe('unknown');
    await session.load();
    expect(session.member?.name).toBe('Emily Carter');
  });

  it('is signed out when GET /api/me answers 401', async () => {
    const session = new Session(fakeApi(() => Promise.reject(unauthenticated())).api);
    await session.load();
    expect(session.state.status).toBe('signed-out');
    expect(session.member).toBeNull();
  });

  it('asks the server once, however many pages ask', async () => {
    const { api } = fakeApi(() => Promise.resolve(member()));
    const session = new Session(api);
    await Promise.all([session.load(), session.load(), session.load()]);
    await session.load();
    expect(api.getMe).toHaveBeenCalledTimes(1);
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
    const session = new Session(fakeApi(() => Promise.reject(unauthenticated())).api);
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

  it('does not let the 401 of a question asked before signing in undo the sign-in', async () => {
    let reject: (error: unknown) => void = () => {};
    const { api, answer401 } = fakeApi(() => new Promise<Member>((_resolve, fail) => (reject = fail)));
    const session = new Session(api);
    const loading = session.load();
    session.setMember(member());
    answer401('/api/me');
    reject(unauthenticated());
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
