import type { SessionDetail } from '@apoc/shared';
import { NotFound } from '../../errors';
import { summitOfSession } from '../agenda/agenda.mapper';
import type { AgendaService } from '../agenda/agenda.service';
import type { JoinService } from '../join/join.service';
import { isOrganiser, type SummitsService, type Viewer } from '../summits/summits.service';

/** A session's own page: what it is, when and where, and the caller's way into it (join window, live room). */
export class SessionsService {
  constructor(
    private readonly agenda: AgendaService,
    private readonly summits: SummitsService,
    private readonly join: JoinService,
  ) {}

  /** A session as the caller may see it: the published version for members, the work in progress for organisers. */
  async detail(id: string, viewer: Viewer | null): Promise<SessionDetail> {
    const row = await this.agenda.repository.session(id);
    if (!row) throw new NotFound('session', id);
    await this.summits.assertGuestMaySee(viewer, row.summitId);
    const summit = await this.summits.repository.find(row.summitId);
    if (!summit) throw new NotFound('summit', row.summitId);
    const join = await this.join.info(row, summit, viewer);
    const joining = join
      ? {
          join: {
            opensAt: join.opensAt,
            closesAt: join.closesAt,
            entitled: join.entitled,
            open: join.open,
            hasRecording: join.hasRecording,
          },
          ...(join.recordingUrl ? { recordingUrl: join.recordingUrl } : {}),
        }
      : {};
    if (viewer && isOrganiser(viewer)) {
      const live = { live: await this.join.liveRole(row, viewer, row.status === 'cancelled') };
      return { ...(await this.agenda.detail(row)), ...joining, ...live, recordingUrl: row.recordingUrl };
    }
    const published = await this.summits.publishedSession(row.summitId, id);
    if (!published) throw new NotFound('session', id);
    // As the live connection decides it: by the session members see, not the one being edited.
    const live = viewer
      ? { live: await this.join.liveRole(row, viewer, published.session.status === 'cancelled') }
      : {};
    return {
      ...published.session,
      track: published.track,
      room: published.room,
      summit: summitOfSession(summit),
      sequence: row.sequence,
      ...joining,
      ...live,
      // Only inside the join window, only for those entitled; never cached by anyone else.
      ...(join?.joinUrl ? { joinUrl: join.joinUrl } : {}),
    };
  }
}
