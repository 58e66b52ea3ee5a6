import { isStarrable, SESSION_KIND_LABELS } from '@apoc/shared';
import { NotStarrable } from '../../errors';
import type { SessionsService } from '../sessions/sessions.service';
import type { Viewer } from '../summits/summits.service';
import type { StarsRepository } from './stars.repository';

/** A member's own agenda: the sessions they starred among those they may see. */
export class StarsService {
  constructor(
    private readonly stars: StarsRepository,
    private readonly sessions: SessionsService,
    private readonly clock: () => Date,
  ) {}

  async star(viewer: Viewer, sessionId: string): Promise<void> {
    const session = await this.sessions.detail(sessionId, viewer);
    if (!isStarrable(session.kind)) {
      throw new NotStarrable(
        `"${session.title}" is a ${SESSION_KIND_LABELS[session.kind].toLowerCase()}: it is part of everyone's day at ${session.summit.title}, so it is not added to personal agendas.`,
      );
    }
    await this.stars.star(viewer.id, sessionId, this.clock());
  }

  async unstar(memberId: string, sessionId: string): Promise<void> {
    await this.stars.unstar(memberId, sessionId);
  }

  async starred(memberId: string): Promise<string[]> {
    return this.stars.starred(memberId);
  }
}
