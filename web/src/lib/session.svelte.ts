// Who is signed in, for every page and the header: asked once when the app starts (GET /api/auth/session,
// which answers a visitor with null rather than the 401 of GET /api/me that browsers log as an error),
// then kept in step by the pages that change it (sign-in, profile, sign-out) and by any 401 answer.
import type { Member } from '@apoc/shared';
import { ROLE_RANK, type MemberRole } from '@apoc/shared/domain';
import { m } from '../paraglide/messages.js';
import { ApiError, getSignedInMember, onUnauthenticated, signOut } from './api';

export type SessionState =
  /** Not known yet: the first question is on its way. */
  | { status: 'unknown' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; member: Member }
  /** The server could not say (unreachable, 5xx): neither signed in nor out. */
  | { status: 'error'; error: ApiError };

export interface SessionApi {
  /** The signed-in member, or null for a visitor. */
  getSignedInMember: () => Promise<Member | null>;
  signOut: () => Promise<void>;
  onUnauthenticated: (listener: (request: { path: string; method: string }) => void) => () => void;
}

const realApi: SessionApi = { getSignedInMember: () => getSignedInMember(), signOut, onUnauthenticated };

export class Session {
  state = $state.raw<SessionState>({ status: 'unknown' });
  #api: SessionApi;
  #loading: Promise<void> | null = null;
  /**
   * Counts what the pages told the store (signed in, signed out). An answer asked for before the last of
   * these is stale: the sign-in page may verify a link while the app's first question is still on its
   * way, and that question's "nobody" must not undo the sign-in.
   */
  #version = 0;

  constructor(api: SessionApi = realApi) {
    this.#api = api;
    // A 401 anywhere means the sign-in ended elsewhere: every page should know at once.
    api.onUnauthenticated(() => {
      if (this.state.status === 'signed-in') this.clear();
    });
  }

  get member(): Member | null {
    return this.state.status === 'signed-in' ? this.state.member : null;
  }

  /** Whether the member's role is `role` or above it (guest < member < organiser < admin). */
  hasRole(role: MemberRole): boolean {
    const member = this.member;
    return member !== null && ROLE_RANK[member.role] >= ROLE_RANK[role];
  }

  /** Asks the server who is signed in, once; later calls share the answer unless `force` asks again. */
  load(force = false): Promise<void> {
    if (this.#loading && !force) return this.#loading;
    if (force && this.state.status !== 'signed-in') this.state = { status: 'unknown' };
    const version = this.#version;
    this.#loading = this.#api.getSignedInMember().then(
      (member) => {
        if (version !== this.#version) return;
        this.state = member ? { status: 'signed-in', member } : { status: 'signed-out' };
      },
      (error: unknown) => {
        if (version !== this.#version) return;
        this.state = {
          status: 'error',
          error:
            error instanceof ApiError
              ? error
              : new ApiError({ type: 'about:blank', title: m.common_something_went_wrong(), status: 0 }),
        };
        // Forget the failure so that the next page asks again.
        this.#loading = null;
      },
    );
    return this.#loading;
  }

  /** After signing in, or after the member changed their profile. */
  setMember(member: Member): void {
    this.#version += 1;
    this.state = { status: 'signed-in', member };
    this.#loading = Promise.resolve();
  }

  /** The sign-in ended (signed out here or everywhere, or the server said 401). */
  clear(): void {
    this.#version += 1;
    this.state = { status: 'signed-out' };
    this.#loading = Promise.resolve();
  }

  /**
   * Ends this browser's sign-in. `beforeClearing` runs once the server agreed and before pages learn
   * it, so that the caller can leave a members-only page first instead of being sent to sign-in.
   */
  async signOut(beforeClearing?: () => void): Promise<void> {
    await this.#api.signOut();
    beforeClearing?.();
    this.clear();
  }
}

export const session = new Session();
