import type { Database } from '@apoc/db';
import {
  addDays,
  dayBounds,
  diffAgendas,
  localDate,
  sessionSpan,
  zonedInstant,
  type AgendaSession,
  type Language,
  type SessionChange,
} from '@apoc/shared';
import type { Config } from '../../config';
import { languageOf } from '../../i18n/locale';
import type { CalendarService } from '../calendar/calendar.service';
import type { Outbox } from '../outbox/outbox.plugin';
import type { Attachment, NewMessage } from '../outbox/outbox.repository';
import type { PublishedAgenda, PublishedState, SummitsService } from '../summits/summits.service';
import { announceable, audience, cancels, peopleOf } from './reminders.changes';
import * as messages from './reminders.messages';
import type { Attendee, JobRow, RemindersRepository } from './reminders.repository';

const MINUTE = 60_000;
/** Reminders are planned this far ahead; each pass also moves pending ones whose session moved. */
const HORIZON_MS = 3 * 24 * 60 * MINUTE;
const SESSION_LEAD_MS = 15 * MINUTE;
const CHANGE_BATCH = 'agenda-changes';
/**
 * How long a change notice waits, from the first publication of a burst, for the organiser's further
 * edits. It never waits longer: edits after it went out start the next notice.
 */
const CHANGE_WINDOW_MS = 5 * MINUTE;

interface SessionJob {
  summitId: string;
  sessionId: string;
  memberId: string;
}
interface SummitJob {
  summitId: string;
  memberId: string;
}
/** The summit's next change notice: what changed since the version members were last told of. */
interface ChangeBatchJob {
  summitId: string;
  announcedVersion: number;
}

/** What a run did with a job: 'left' pending for the next pass, or finished by another run first. */
export type Outcome = 'done' | 'skipped' | 'left';

/** Runs a due job of one kind: it claims the job with `finish`, in the unit of work that does it. */
export type JobHandler = (job: JobRow, now: Date) => Promise<Outcome>;

/**
 * Reminders in each member's own time: the day before a summit (at 09:00 their time), and 15 minutes
 * before each virtual session they starred (or every session, by their choice). Jobs live in the
 * database: they survive restarts, each is done once, and one missed while the server was down is sent
 * on start only while still useful (never after the session started). Also tells members what changed
 * in the agenda: one e-mail each per burst of publications, in their own zone, with calendar updates.
 */
export class RemindersService {
  constructor(
    private readonly db: Database,
    private readonly reminders: RemindersRepository,
    private readonly summits: SummitsService,
    private readonly calendar: CalendarService,
    private readonly outbox: Outbox,
    private readonly config: Config,
    private readonly clock: () => Date,
  ) {}

  /** How each kind of job runs: the reminders' own, and those other features hand in (see `handle`). */
  private readonly handlers = new Map<string, JobHandler>([
    ['summit-day-before', (job, now) => this.remind(job, now)],
    ['session-soon', (job, now) => this.remind(job, now)],
    [CHANGE_BATCH, (job, now) => this.announce(job, now)],
  ]);

  /** Runs the due jobs of `kind` with `handler` on this scheduler's passes (another feature's jobs). */
  handle(kind: string, handler: JobHandler): void {
    if (this.handlers.has(kind)) throw new Error(`Jobs of kind ${kind} have a handler already`);
    this.handlers.set(kind, handler);
  }

  /**
   * Schedules another feature's job once per key: a pending one moves to its new time, one done is never scheduled
   * again. Joins the caller's unit of work.
   */
  async schedule(job: {
    kind: string;
    key: string;
    runAt: Date;
    staleAt: Date | null;
    payload: object;
  }): Promise<void> {
    await this.reminders.upsert(job, this.clock());
  }

  /** Marks a pending job finished; false when another run already did (so it is never done twice). */
  async finish(id: string, status: 'done' | 'skipped', now: Date): Promise<boolean> {
    return this.reminders.finish(id, status, now);
  }

  /** How long the longest-waiting due job has waited, in seconds (0 when none is due): for /metrics. */
  async lagSeconds(): Promise<number> {
    const now = this.clock();
    const oldest = await this.reminders.oldestDue(now);
    return oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0;
  }

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
      const attendees = await this.reminders.attendees(summary.id);
      const starred = await this.reminders.starsOf(attendees.map((a) => a.memberId));
      const scheduled = state.agenda.sessions.filter((s) => s.status === 'scheduled' && s.startsAt);
      const first = scheduled[0]?.startsAt ? new Date(scheduled[0].startsAt) : new Date(start);
      await this.db.unit(async () => {
        for (const attendee of attendees) {
          // 09:00 on the day before the summit's first session, in the member's own zone.
          const theirDay = localDate(first, attendee.timeZone);
          const runAt = zonedInstant(addDays(theirDay, -1), '09:00', attendee.timeZone);
          await this.reminders.upsert(
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
            await this.reminders.upsert(
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

  /** Runs due jobs: each sends its e-mails and is marked done in one transaction, exactly once. */
  async runDue(): Promise<{ done: number; skipped: number }> {
    const now = this.clock();
    let done = 0;
    let skipped = 0;
    for (const job of await this.reminders.due(now)) {
      const handler = this.handlers.get(job.kind);
      // A kind no feature runs any more is finished as skipped, not left to count as lag for ever.
      const outcome = handler
        ? await handler(job, now)
        : (await this.reminders.finish(job.id, 'skipped', now))
          ? 'skipped'
          : 'left';
      if (outcome === 'done') done++;
      else if (outcome === 'skipped') skipped++;
    }
    if (done > 0) this.outbox.kick();
    return { done, skipped };
  }

  private async remind(job: JobRow, now: Date): Promise<Outcome> {
    const message = await this.messageFor(job, now);
    // Past the moment it was useful for (the session started), or nothing to say any more: skip.
    if (!message || (job.staleAt && job.staleAt <= now)) {
      return (await this.reminders.finish(job.id, 'skipped', now)) ? 'skipped' : 'left';
    }
    return this.db.unit(async () => {
      if (!(await this.reminders.finish(job.id, 'done', now))) return 'left';
      await this.outbox.repository.enqueue(message);
      return 'done';
    });
  }

  private async attendee(summitId: string, memberId: string): Promise<Attendee | undefined> {
    return (await this.reminders.attendees(summitId)).find((a) => a.memberId === memberId);
  }

  private async messageFor(job: JobRow, now: Date) {
    const payload = JSON.parse(job.payload) as Partial<SessionJob>;
    if (!payload.summitId || !payload.memberId) return null;
    const state = await this.summits.published(payload.summitId);
    const attendee = await this.attendee(payload.summitId, payload.memberId);
    if (!state || !attendee) return null;
    const summit = { title: state.summit.title, timeZone: state.summit.timeZone };
    if (job.kind === 'session-soon') {
      const session = state.agenda.sessions.find((s) => s.id === payload.sessionId);
      if (!session || session.status !== 'scheduled' || !session.startsAt) return null;
      return messages.sessionReminder(attendee, session, summit, this.url(`/sessions/${session.id}`));
    }
    const starred = (await this.reminders.starsOf([attendee.memberId])).get(attendee.memberId) ?? new Set<string>();
    const scheduled = state.agenda.sessions.filter((s) => s.status === 'scheduled' && s.startsAt);
    const mine: AgendaSession[] = starred.size > 0 ? scheduled.filter((s) => starred.has(s.id)) : scheduled;
    const span = sessionSpan(state.agenda.sessions);
    const first = span ? new Date(span.startsAt) : null;
    const summitDays = { ...summit, startDate: state.summit.startDate };
    return messages.dayBefore(attendee, summitDays, first, mine, this.url(`/summits/${state.summit.id}`), now);
  }

  /**
   * Inside the publishing transaction: opens the summit's next change notice, due a few minutes after
   * this publication, unless one is pending already (this publication joins it, and its time stays).
   */
  async scheduleChangeNotice(state: PublishedState, changes: SessionChange[]): Promise<void> {
    // Version 1 is the agenda itself, not a change to it.
    if (state.version.number === 1 || announceable(changes).length === 0) return;
    if (await this.reminders.pendingFor(CHANGE_BATCH, state.summit.id)) return;
    await this.reminders.upsert(
      {
        kind: CHANGE_BATCH,
        key: `${CHANGE_BATCH}:${state.summit.id}:${state.version.number}`,
        runAt: new Date(state.version.publishedAt.getTime() + CHANGE_WINDOW_MS),
        // Once the summit is over, its changes are news to nobody.
        staleAt: dayBounds(state.summit.endDate, state.summit.timeZone).end,
        payload: { summitId: state.summit.id, announcedVersion: state.version.number - 1 } satisfies ChangeBatchJob,
      },
      this.clock(),
    );
  }

  /**
   * Tells members what changed between the version they were last told of and the latest one: edits
   * that undo each other say nothing, a session moved twice goes from its first time to its last.
   */
  private async announce(job: JobRow, now: Date): Promise<Outcome> {
    const payload = JSON.parse(job.payload) as Partial<ChangeBatchJob>;
    const state = payload.summitId ? await this.summits.published(payload.summitId) : null;
    const announced =
      state && payload.announcedVersion !== undefined
        ? await this.reminders.versionAgenda(state.summit.id, payload.announcedVersion)
        : undefined;
    if (!state || announced === undefined || (job.staleAt && job.staleAt <= now)) {
      return (await this.reminders.finish(job.id, 'skipped', now)) ? 'skipped' : 'left';
    }
    const notices = await this.changeNotices(state, JSON.parse(announced) as PublishedAgenda);
    return this.db.unit(async () => {
      // A publication since the agenda was read joined this notice: it is read again on the next pass.
      if ((await this.summits.latestVersionOf(state.summit.id))?.id !== state.version.id) return 'left';
      if (!(await this.reminders.finish(job.id, notices.length > 0 ? 'done' : 'skipped', now))) return 'left';
      for (const notice of notices) await this.outbox.repository.enqueue(notice);
      return notices.length > 0 ? 'done' : 'skipped';
    });
  }

  /** One e-mail per member concerned, listing the changes that concern them, with calendar updates. */
  private async changeNotices(state: PublishedState, announced: PublishedAgenda): Promise<NewMessage[]> {
    const changes = announceable(diffAgendas(announced.sessions, state.agenda.sessions));
    if (changes.length === 0) return [];
    const changed = changes.map((change) => change.sessionId);
    const ids = new Set(changed);
    const told = audience(changed, await this.reminders.seatHolders(state.summit.id), [
      ...(await this.reminders.starsOn(changed)),
      // Speakers and chairs before the change as well as after: one taken off a session hears of it.
      ...peopleOf(announced.sessions, ids),
      ...peopleOf(state.agenda.sessions, ids),
    ]);
    const rooms = new Map([...announced.rooms, ...state.agenda.rooms].map((room) => [room.id, room.name]));
    const summit = { title: state.summit.title, timeZone: state.summit.timeZone };
    const url = this.url(`/summits/${state.summit.id}/changes`);
    // Most recipients hold a seat and get the same calendars: build each set of sessions' once per language.
    const calendars = new Map<string, Attachment[]>();
    const mail = [];
    for (const recipient of await this.reminders.recipients([...told.keys()])) {
      const theirs = changes.filter((change) => told.get(recipient.memberId)?.has(change.sessionId));
      const language = languageOf(recipient.language);
      const key = `${language} ${theirs.map((change) => change.sessionId).join(' ')}`;
      const attachments = calendars.get(key) ?? (await this.calendarUpdates(state, announced, theirs, language));
      calendars.set(key, attachments);
      mail.push(messages.agendaChanged(recipient, summit, theirs, rooms, url, attachments));
    }
    return mail;
  }

  /**
   * The sessions changed in calendars that follow the agenda (`changes.ics`, the same UIDs as the feeds
   * and the new SEQUENCE), and those cancelled in a file of their own (`cancelled.ics`): an iCalendar
   * object has one METHOD, and a cancellation is `METHOD:CANCEL`. The words they add are in `language`.
   */
  private async calendarUpdates(
    state: PublishedState,
    announced: PublishedAgenda,
    changes: SessionChange[],
    language: Language,
  ): Promise<Attachment[]> {
    const attachments: Attachment[] = [];
    const updated = new Set(changes.filter((change) => !cancels(change)).map((change) => change.sessionId));
    if (updated.size > 0) {
      attachments.push({
        filename: 'changes.ics',
        contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
        content: Buffer.from(
          await this.calendar.sessionsCalendar(state, updated, state.summit.title, language),
        ).toString('base64'),
      });
    }
    const current = new Map(state.agenda.sessions.map((session) => [session.id, session]));
    const previous = new Map(announced.sessions.map((session) => [session.id, session]));
    const cancelled = changes
      .filter(cancels)
      .map((change) => current.get(change.sessionId) ?? previous.get(change.sessionId))
      .filter((session) => session !== undefined);
    if (cancelled.length > 0) {
      const ics = await this.calendar.cancellationsCalendar(state, cancelled, state.summit.title, language);
      attachments.push({
        filename: 'cancelled.ics',
        contentType: 'text/calendar; charset=utf-8; method=CANCEL',
        content: Buffer.from(ics).toString('base64'),
      });
    }
    return attachments;
  }
}
