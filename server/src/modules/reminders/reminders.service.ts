import type { Db } from '@apoc/db';
import { addDays, localDate, zonedInstant, type AgendaSession, type SessionChange } from '@apoc/shared';
import type { Config } from '../../config';
import type { CalendarService } from '../calendar/calendar.service';
import type { Outbox } from '../outbox/outbox.plugin';
import type { PublishedState, SummitsService } from '../summits/summits.service';
import * as messages from './reminders.messages';
import type { Attendee, JobRow, RemindersRepository } from './reminders.repository';

const MINUTE = 60_000;
/** Reminders are planned this far ahead; each pass also moves pending ones whose session moved. */
const HORIZON_MS = 3 * 24 * 60 * MINUTE;
const SESSION_LEAD_MS = 15 * MINUTE;

interface SessionJob {
  summitId: string;
  sessionId: string;
  memberId: string;
}
interface SummitJob {
  summitId: string;
  memberId: string;
}

/**
 * Reminders in each member's own time: the day before a summit (at 09:00 their time), and 15 minutes
 * before each virtual session they starred (or every session, by their choice). Jobs live in the
 * database: they survive restarts, each is done once, and one missed while the server was down is sent
 * on start only while still useful (never after the session started). Also tells registered members,
 * in one e-mail each, what a new agenda version changed.
 */
export class RemindersService {
  constructor(
    private readonly db: Db,
    private readonly reminders: RemindersRepository,
    private readonly summits: SummitsService,
    private readonly calendar: CalendarService,
    private readonly outbox: Outbox,
    private readonly config: Config,
    private readonly clock: () => Date,
  ) {}

  private url(path: string): string {
    return new URL(path, this.config.publicUrl).toString();
  }

  /** Plans the jobs for summits and sessions starting within the horizon. */
  async plan(): Promise<void> {
    const now = this.clock();
    const summaries = await this.summits.list(null);
    for (const summary of summaries) {
      const start = Date.parse(summary.startsAt);
      if (Date.parse(summary.endsAt) < now.getTime() || start > now.getTime() + HORIZON_MS + 24 * 60 * MINUTE) continue;
      const state = await this.summits.published(summary.id);
      if (!state) continue;
      const attendees = this.reminders.attendees(summary.id);
      const starred = this.reminders.starsOf(attendees.map((a) => a.memberId));
      const scheduled = state.agenda.sessions.filter((s) => s.status === 'scheduled' && s.startsAt);
      const first = scheduled[0]?.startsAt ? new Date(scheduled[0].startsAt) : new Date(start);
      this.db.transaction(() => {
        for (const attendee of attendees) {
          // 09:00 on the day before the summit's first session, in the member's own zone.
          const theirDay = localDate(first, attendee.timeZone);
          const runAt = zonedInstant(addDays(theirDay, -1), '09:00', attendee.timeZone);
          this.reminders.upsert(
            {
              kind: 'summit-day-before',
              key: `summit:${summary.id}:${attendee.memberId}`,
              runAt: runAt < first ? runAt : new Date(first.getTime() - 12 * 60 * MINUTE),
              staleAt: first,
              payload: { summitId: summary.id, memberId: attendee.memberId } satisfies SummitJob,
            },
            now,
          );
          if (state.summit.format === 'in_person' || attendee.mode !== 'virtual' || attendee.reminders === 'off')
            continue;
          for (const session of scheduled) {
            const startsAt = new Date(session.startsAt ?? 0);
            if (startsAt.getTime() > now.getTime() + HORIZON_MS || session.kind === 'break') continue;
            if (attendee.reminders === 'starred' && !starred.get(attendee.memberId)?.has(session.id)) continue;
            this.reminders.upsert(
              {
                kind: 'session-soon',
                key: `session:${session.id}:${attendee.memberId}`,
                runAt: new Date(startsAt.getTime() - SESSION_LEAD_MS),
                staleAt: startsAt,
                payload: {
                  summitId: summary.id,
                  sessionId: session.id,
                  memberId: attendee.memberId,
                } satisfies SessionJob,
              },
              now,
            );
          }
        }
      });
    }
  }

  /** Runs due jobs: each sends its e-mail and is marked done in one transaction, exactly once. */
  async runDue(): Promise<{ done: number; skipped: number }> {
    const now = this.clock();
    let done = 0;
    let skipped = 0;
    for (const job of this.reminders.due(now)) {
      const message = await this.messageFor(job);
      // Past the moment it was useful for (the session started), or nothing to say any more: skip.
      if (!message || (job.staleAt && job.staleAt <= now)) {
        if (this.reminders.finish(job.id, 'skipped', now)) skipped++;
        continue;
      }
      const sent = this.db.transaction(() => {
        if (!this.reminders.finish(job.id, 'done', now)) return false;
        this.outbox.repository.enqueue(message);
        return true;
      });
      if (sent) done++;
    }
    if (done > 0) this.outbox.kick();
    return { done, skipped };
  }

  private attendee(summitId: string, memberId: string): Attendee | undefined {
    return this.reminders.attendees(summitId).find((a) => a.memberId === memberId);
  }

  private async messageFor(job: JobRow) {
    const payload = JSON.parse(job.payload) as Partial<SessionJob>;
    if (!payload.summitId || !payload.memberId) return null;
    const state = await this.summits.published(payload.summitId);
    const attendee = this.attendee(payload.summitId, payload.memberId);
    if (!state || !attendee) return null;
    const summit = { title: state.summit.title, timeZone: state.summit.timeZone };
    if (job.kind === 'session-soon') {
      const session = state.agenda.sessions.find((s) => s.id === payload.sessionId);
      if (!session || session.status !== 'scheduled' || !session.startsAt) return null;
      return messages.sessionReminder(attendee, session, summit, this.url(`/sessions/${session.id}`));
    }
    const starred = this.reminders.starsOf([attendee.memberId]).get(attendee.memberId) ?? new Set<string>();
    const scheduled = state.agenda.sessions.filter((s) => s.status === 'scheduled' && s.startsAt);
    const mine: AgendaSession[] = starred.size > 0 ? scheduled.filter((s) => starred.has(s.id)) : scheduled;
    return messages.dayBefore(attendee, summit, mine, this.url(`/summits/${state.summit.id}`));
  }

  /** Inside the publishing transaction: one e-mail per registered member listing what changed. */
  notifyChanges(state: PublishedState, changes: SessionChange[]): void {
    const relevant = changes.filter((change) => change.changes.some((kind) => kind !== 'details'));
    if (relevant.length === 0 || state.version.number === 1) return;
    const ids = new Set(relevant.filter((c) => !c.changes.includes('removed')).map((c) => c.sessionId));
    const ics = this.calendar.sessionsCalendar(state, ids, state.summit.title);
    const attachment = {
      filename: 'changes.ics',
      contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
      content: Buffer.from(ics).toString('base64'),
    };
    const summit = { title: state.summit.title, timeZone: state.summit.timeZone };
    for (const attendee of this.reminders.attendees(state.summit.id)) {
      this.outbox.repository.enqueue(
        messages.agendaChanged(attendee, summit, relevant, this.url(`/summits/${state.summit.id}/changes`), attachment),
      );
    }
  }
}
