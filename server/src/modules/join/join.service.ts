import {
  ROLE_RANK,
  attendanceOf,
  liveRole,
  settledIntervals,
  type AttendanceReport,
  type Attendee,
  type JoinInfo,
  type LiveRole,
} from '@apoc/shared';
import { Forbidden, JoinWindowClosed, NotFound, SessionNotOnline } from '../../errors';
import type { AgendaRepository, SessionRow } from '../agenda/agenda.repository';
import type { RegistrationsRepository } from '../registrations/registrations.repository';
import type { SummitRow } from '../summits/summits.repository';
import type { SummitsService, Viewer } from '../summits/summits.service';
import type { AttendeeTrace, JoinRepository } from './join.repository';

/**
 * Joining virtual sessions at the right moment: the join URL (the session's own, or the summit's stream)
 * is revealed only to those entitled (registered online, speakers, chairs, organisers) and only from
 * the summit's join window before the start until the end. A session is attended by those who click Join
 * in that window or are in its live room while it runs (the live module keeps their intervals of presence);
 * opening its page, or its live room only weeks before, is not attending.
 */
export class JoinService {
  constructor(
    private readonly join: JoinRepository,
    private readonly agenda: AgendaRepository,
    private readonly registrations: RegistrationsRepository,
    private readonly summits: SummitsService,
    private readonly clock: () => Date,
  ) {}

  private async entitled(session: SessionRow, summit: SummitRow, viewer: Viewer | null): Promise<boolean> {
    if (!viewer) return false;
    if (ROLE_RANK[viewer.role] >= ROLE_RANK.organiser) return true;
    if ((await this.agenda.people(session.id)).some((person) => person.memberId === viewer.id)) return true;
    const registration = await this.registrations.findFor(summit.id, viewer.id);
    return registration?.status === 'confirmed' && registration.mode === 'virtual';
  }

  /**
   * The caller's place in the session's live Q&A (the rule the live connection applies), null when none.
   * `cancelled` is what the caller sees: members see the published session, organisers the work in progress.
   */
  async liveRole(session: SessionRow, viewer: Viewer, cancelled: boolean): Promise<LiveRole | null> {
    return liveRole({
      role: viewer.role,
      sessionRoles: (await this.agenda.people(session.id))
        .filter((person) => person.memberId === viewer.id)
        .map((person) => person.role),
      registration: (await this.registrations.findFor(session.summitId, viewer.id))?.status,
      cancelled,
    });
  }

  /** The join window and the caller's standing; undefined for in-person summits and unscheduled sessions. */
  async info(
    session: SessionRow,
    summit: SummitRow,
    viewer: Viewer | null,
  ): Promise<(JoinInfo & { joinUrl: string | null; recordingUrl: string | null }) | undefined> {
    if (summit.format === 'in_person' || !session.startsAt || !session.endsAt) return undefined;
    const now = this.clock().getTime();
    const opensAt = session.startsAt.getTime() - summit.joinWindowMinutes * 60_000;
    const closesAt = session.endsAt.getTime();
    const entitled = await this.entitled(session, summit, viewer);
    const url = session.joinUrl ?? summit.streamUrl;
    const open = entitled && session.status === 'scheduled' && url !== null && now >= opensAt && now < closesAt;
    const ended = now >= closesAt;
    return {
      opensAt: new Date(opensAt).toISOString(),
      closesAt: new Date(closesAt).toISOString(),
      entitled,
      open,
      hasRecording: session.recordingUrl !== null,
      joinUrl: open ? url : null,
      recordingUrl: entitled && ended ? session.recordingUrl : null,
    };
  }

  /** Records the Join click and returns where to go; refused outside the window or to those not entitled. */
  async joinSession(viewer: Viewer, sessionId: string): Promise<{ joinUrl: string }> {
    const session = await this.agenda.session(sessionId);
    if (!session) throw new NotFound('session', sessionId);
    const summit = await this.summits.repository.find(session.summitId);
    const published = await this.summits.publishedSession(session.summitId, sessionId);
    if (!summit || (!published && ROLE_RANK[viewer.role] < ROLE_RANK.organiser))
      throw new NotFound('session', sessionId);
    const info = await this.info(session, summit, viewer);
    if (!info) throw new SessionNotOnline('This session is not online.');
    if (!info.entitled) throw new Forbidden('Joining online needs an online registration for this summit.');
    if (!info.joinUrl) {
      throw new JoinWindowClosed(`The session can be joined from ${info.opensAt} until ${info.closesAt}.`);
    }
    await this.join.recordJoin(sessionId, viewer.id, this.clock());
    return { joinUrl: info.joinUrl };
  }

  async report(summitId: string): Promise<AttendanceReport> {
    const draft = await this.summits.draft(summitId);
    const joinWindowMs = ((await this.summits.repository.find(summitId))?.joinWindowMinutes ?? 0) * 60_000;
    const now = this.clock().getTime();
    const traces = new Map<string, AttendeeTrace[]>();
    for (const trace of await this.join.traces(summitId)) {
      traces.set(trace.sessionId, [...(traces.get(trace.sessionId) ?? []), trace]);
    }
    return {
      summitId,
      sessions: draft.sessions
        .filter((session) => session.kind !== 'break')
        .map((session) => {
          const startsAt = session.startsAt ? Date.parse(session.startsAt) : null;
          const endsAt = session.endsAt ? Date.parse(session.endsAt) : null;
          const times =
            startsAt !== null && endsAt !== null ? { opensAt: startsAt - joinWindowMs, startsAt, endsAt } : null;
          const people = times
            ? (traces.get(session.id) ?? [])
                .flatMap((trace) => attendeeOf(trace, times, now))
                .sort((a, b) => a.name.localeCompare(b.name))
            : [];
          const byInstitution: Record<string, number> = {};
          for (const person of people) {
            const key = person.institutionId ?? 'guests';
            byInstitution[key] = (byInstitution[key] ?? 0) + 1;
          }
          return {
            sessionId: session.id,
            title: session.title,
            startsAt: session.startsAt,
            endsAt: session.endsAt,
            attendees: people.length,
            byInstitution,
            people,
          };
        }),
    };
  }
}

/** The member as an attendee of the session, or nothing when what they did is not attending it. */
function attendeeOf(
  trace: AttendeeTrace,
  session: { opensAt: number; startsAt: number; endsAt: number },
  now: number,
): Attendee[] {
  const attendance = attendanceOf(trace.joins, settledIntervals(trace.intervals, now), session, now);
  if (!attendance) return [];
  return [{ memberId: trace.memberId, name: trace.name, institutionId: trace.institutionId, ...attendance }];
}
