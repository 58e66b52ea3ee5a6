import { PRESENCE_STALE_MS } from '@apoc/shared';
import type { LivePresenceRepository } from './live.presence.repository';
import type { LiveAccess } from './live.service';
import { presenceKey } from './live.views';

/** Who is in which live room on this server, as intervals of presence kept in the database for attendance. */
export class LivePresence {
  /** The open interval of presence of each member in each session, on this server. */
  private readonly presence = new Map<string, string>();

  constructor(
    private readonly live: LivePresenceRepository,
    private readonly clock: () => Date,
  ) {}

  /**
   * A member opened their first connection to the session here: their interval of presence starts. Whether
   * that is attending is decided when attendance is reported, against the session's times (being here
   * weeks before, to ask ahead, is not).
   */
  async arrived(access: LiveAccess): Promise<void> {
    const key = presenceKey(access);
    if (this.presence.has(key)) return;
    this.presence.set(key, await this.live.openPresence(access.sessionId, access.memberId, this.clock()));
  }

  /** A member's last connection to the session here closed: their interval ends. */
  async departed(access: LiveAccess): Promise<void> {
    const key = presenceKey(access);
    const id = this.presence.get(key);
    if (id === undefined) return;
    this.presence.delete(key);
    await this.live.closePresence(id, this.clock());
  }

  /** Marks the members still here as seen now (each heartbeat), so that a crash loses at most a beat. */
  async seen(): Promise<void> {
    await this.live.presenceSeen([...this.presence.values()], this.clock());
  }

  /**
   * At start-up: ends the intervals left open by a server that stopped without closing them, where their
   * members were last seen. Those refreshed lately belong to a server still running (several may share
   * the database) and are left alone.
   */
  async closeAbandoned(): Promise<void> {
    await this.live.closeAbandonedPresence(new Date(this.clock().getTime() - PRESENCE_STALE_MS));
  }

  /** On stopping: everyone still here leaves now. */
  async departAll(): Promise<void> {
    const now = this.clock();
    for (const id of this.presence.values()) await this.live.closePresence(id, now);
    this.presence.clear();
  }
}
