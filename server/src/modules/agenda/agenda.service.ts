import type { Database } from '@apoc/db';
import {
  SESSION_KIND_LABELS,
  SESSION_KINDS,
  addDays,
  earnsCredits,
  hundredthsOf,
  zonedInstant,
  zonedInstantKeeping,
  type SessionImportReport,
  type CreateRoom,
  type CreateSession,
  type CreateTrack,
  type Room,
  type SessionDetail,
  type SessionKind,
  type Track,
  type UpdateRoom,
  type UpdateSession,
  type UpdateTrack,
} from '@apoc/shared';
import { InvalidInput, NotFound, SessionPublished } from '../../errors';
import { newId } from '../../ids';
import { readCsv } from '../../spreadsheet';
import type { SummitsService } from '../summits/summits.service';
import type { MembersRepository } from '../members/members.repository';
import { summitOfSession, toAgendaSession } from './agenda.mapper';
import type { AgendaRepository, SessionRow } from './agenda.repository';

const toTrack = ({ id, name, color }: Track): Track => ({ id, name, color });
const toRoom = ({ id, name, capacity }: Room): Room => ({ id, name, capacity });

/**
 * An imported session's end: on its day; past midnight when it is earlier than the start, as the export writes a
 * session across midnight (23:30 to 00:30), but only within 12 hours of the start (an end 23 hours on is more
 * likely a start and end swapped than a session through the night); null for an end before the start.
 */
function importedEnd(date: string, end: string, zone: string, startsAt: Date): Date | null {
  const sameDay = zonedInstant(date, end, zone);
  if (sameDay > startsAt) return sameDay;
  // The night the clocks go back, 01:40 to 01:10 is half an hour later, in the repeated hour.
  const repeated = zonedInstant(date, end, zone, 'later');
  if (repeated > startsAt) return repeated;
  const nextDay = zonedInstant(addDays(date, 1), end, zone);
  return nextDay.getTime() - startsAt.getTime() <= 12 * 3_600_000 ? nextDay : null;
}

/** Credit hours as stored: hundredths of an hour, so that totals add up exactly. */
const toHundredths = (hours: number | null): number | null => (hours === null ? null : hundredthsOf(hours));

/** Refuses (400) credits on a break or a networking event, whichever of the two changed. */
function checkCredits(kind: SessionKind, hundredths: number | null): void {
  if (hundredths !== null && !earnsCredits(kind)) {
    throw new InvalidInput(
      'Breaks and networking events earn no credits: give this session none (credits: null), or another kind.',
    );
  }
}

/** Editing the work in progress: tracks, rooms, sessions and their people. */
export class AgendaService {
  constructor(
    private readonly db: Database,
    readonly repository: AgendaRepository,
    private readonly summits: SummitsService,
    private readonly members: MembersRepository,
    private readonly clock: () => Date,
  ) {}

  private async summit(id: string) {
    const summit = await this.summits.repository.find(id);
    if (!summit) throw new NotFound('summit', id);
    return summit;
  }

  async createTrack(summitId: string, input: CreateTrack): Promise<Track> {
    await this.summit(summitId);
    const row = { id: newId(), summitId, name: input.name.trim(), color: input.color, position: input.position ?? 0 };
    await this.repository.insertTrack(row);
    return toTrack(row);
  }

  async updateTrack(id: string, patch: UpdateTrack): Promise<Track> {
    if (!(await this.repository.track(id))) throw new NotFound('track', id);
    await this.repository.updateTrack(id, { ...patch, ...(patch.name ? { name: patch.name.trim() } : {}) });
    return toTrack((await this.repository.track(id)) as Track);
  }

  async deleteTrack(id: string): Promise<void> {
    if (!(await this.repository.track(id))) throw new NotFound('track', id);
    await this.repository.deleteTrack(id);
  }

  async createRoom(summitId: string, input: CreateRoom): Promise<Room> {
    const summit = await this.summit(summitId);
    if (summit.format === 'virtual')
      throw new InvalidInput('A virtual summit has no rooms; use tracks to organise it.');
    const row = {
      id: newId(),
      summitId,
      name: input.name.trim(),
      capacity: input.capacity ?? null,
      position: input.position ?? 0,
    };
    await this.repository.insertRoom(row);
    return toRoom(row);
  }

  async updateRoom(id: string, patch: UpdateRoom): Promise<Room> {
    if (!(await this.repository.room(id))) throw new NotFound('room', id);
    await this.repository.updateRoom(id, { ...patch, ...(patch.name ? { name: patch.name.trim() } : {}) });
    return toRoom((await this.repository.room(id)) as Room);
  }

  async deleteRoom(id: string): Promise<void> {
    if (!(await this.repository.room(id))) throw new NotFound('room', id);
    await this.repository.deleteRoom(id);
  }

  /** Checks references against the session's summit; times and conflicts are the conflict rules' business. */
  private async check(summitId: string, fields: Partial<CreateSession>): Promise<void> {
    const summit = await this.summit(summitId);
    if (fields.roomId && (await this.repository.room(fields.roomId))?.summitId !== summitId) {
      throw new InvalidInput(`The room "${fields.roomId}" is not one of this summit's rooms.`);
    }
    if (fields.trackId && (await this.repository.track(fields.trackId))?.summitId !== summitId) {
      throw new InvalidInput(`The track "${fields.trackId}" is not one of this summit's tracks.`);
    }
    if (fields.joinUrl && summit.format === 'in_person') {
      throw new InvalidInput('An in-person summit has no join URLs.');
    }
    if (fields.people) {
      const ids = [...new Set(fields.people.map((person) => person.memberId))];
      const known = await this.repository.activeMembers(ids);
      const unknown = ids.filter((id) => !known.has(id));
      if (unknown.length > 0)
        throw new InvalidInput(`No active member has the id ${unknown.map((id) => `"${id}"`).join(', ')}.`);
    }
  }

  private times(startsAt: string | null | undefined, endsAt: string | null | undefined) {
    const start = startsAt ? new Date(startsAt) : null;
    const end = endsAt ? new Date(endsAt) : null;
    if ((start === null) !== (end === null)) {
      throw new InvalidInput('Give both a start and an end, or neither (an unscheduled session).');
    }
    return { startsAt: start, endsAt: end };
  }

  async createSession(summitId: string, input: CreateSession): Promise<SessionDetail> {
    await this.check(summitId, input);
    const credits = toHundredths(input.credits ?? null);
    checkCredits(input.kind, credits);
    const now = this.clock();
    const id = newId();
    await this.db.unit(async () => {
      await this.repository.insertSession({
        id,
        summitId,
        title: input.title.trim(),
        abstract: input.abstract ?? '',
        kind: input.kind,
        status: 'scheduled',
        ...this.times(input.startsAt, input.endsAt),
        roomId: input.roomId ?? null,
        trackId: input.trackId ?? null,
        seatLimit: input.seatLimit ?? null,
        joinUrl: input.joinUrl ?? null,
        creditHundredths: credits,
        createdAt: now,
        updatedAt: now,
      });
      if (input.people) await this.repository.replacePeople(id, input.people);
    });
    return this.detail((await this.repository.session(id)) as SessionRow);
  }

  async updateSession(id: string, patch: UpdateSession): Promise<SessionDetail> {
    const session = await this.repository.session(id);
    if (!session) throw new NotFound('session', id);
    await this.check(session.summitId, patch);
    const { people, startsAt, endsAt, credits: hours, ...fields } = patch;
    const credits = hours === undefined ? session.creditHundredths : toHundredths(hours);
    checkCredits(fields.kind ?? session.kind, credits);
    const times =
      startsAt === undefined && endsAt === undefined
        ? {}
        : this.times(
            startsAt === undefined ? session.startsAt?.toISOString() : startsAt,
            endsAt === undefined ? session.endsAt?.toISOString() : endsAt,
          );
    await this.db.unit(async () => {
      await this.repository.updateSession(id, {
        ...fields,
        ...(fields.title ? { title: fields.title.trim() } : {}),
        ...times,
        creditHundredths: credits,
        updatedAt: this.clock(),
      });
      if (people) await this.repository.replacePeople(id, people);
    });
    return this.detail((await this.repository.session(id)) as SessionRow);
  }

  /** Only a session members never saw can be deleted; a published one is cancelled instead, and stays visible. */
  async deleteSession(id: string): Promise<void> {
    const session = await this.repository.session(id);
    if (!session) throw new NotFound('session', id);
    const published = await this.summits.publishedSession(session.summitId, id);
    if (published)
      throw new SessionPublished(
        'This session has been published: cancel it instead, so that members see it cancelled.',
      );
    await this.repository.deleteSession(id);
  }

  /** A session as its organisers see it while editing: the work in progress, with its join URL. */
  async detail(session: SessionRow): Promise<SessionDetail> {
    const summit = await this.summit(session.summitId);
    const track = session.trackId ? await this.repository.track(session.trackId) : undefined;
    const room = session.roomId ? await this.repository.room(session.roomId) : undefined;
    return {
      ...toAgendaSession(session, await this.repository.people(session.id)),
      track: track ? toTrack(track) : null,
      room: room ? toRoom(room) : null,
      summit: summitOfSession(summit),
      sequence: session.sequence,
      joinUrl: session.joinUrl,
    };
  }

  /** Creates sessions from CSV (times in the summit's zone), all in one transaction, with a report per row. */
  async importSessions(summitId: string, csv: string, dryRun: boolean): Promise<SessionImportReport> {
    const summit = await this.summit(summitId);
    const records = readCsv(csv);
    if (!records[0] || !('title' in records[0]) || !('kind' in records[0])) {
      throw new InvalidInput('The CSV needs a header row with at least the columns title and kind.');
    }
    if (records.length > 2000) throw new InvalidInput('At most 2000 sessions per import.');

    const { tracks, rooms } = await this.summits.draft(summitId);
    const byName = <T extends { name: string }>(items: T[], name: string) =>
      items.find((item) => item.name.toLowerCase() === name.toLowerCase());
    const kindOf = (text: string) =>
      SESSION_KINDS.find(
        (kind) => kind === text.toLowerCase() || SESSION_KIND_LABELS[kind].toLowerCase() === text.toLowerCase(),
      );

    const rows: SessionImportReport['rows'] = [];
    const now = this.clock();
    const importOne = async (record: (typeof records)[number], index: number) => {
      const line = index + 2;
      const title = (record.title ?? '').trim();
      const reject = (reason: string) => rows.push({ line, title, outcome: 'rejected', reason });
      if (!title) return reject('The title is empty.');
      const kind = kindOf(record.kind ?? '');
      if (!kind) return reject(`Unknown kind "${record.kind ?? ''}": use ${SESSION_KINDS.join(', ')}.`);
      const [date, start, end] = [record.date ?? '', record.start ?? '', record.end ?? ''];
      let startsAt: Date | null = null;
      let endsAt: Date | null = null;
      if (date || start || end) {
        try {
          // The export's "starts at (UTC)" says which pass of a repeated hour the start is, while it agrees.
          startsAt = zonedInstantKeeping(date, start, summit.timeZone, record['starts at (utc)'] || null);
          endsAt = importedEnd(date, end, summit.timeZone, startsAt);
        } catch {
          return reject('Give date (YYYY-MM-DD), start and end (HH:mm), or none of them for an unscheduled session.');
        }
        if (!endsAt) return reject('The session ends before it starts.');
      }
      const track = record.track ? byName(tracks, record.track) : undefined;
      if (record.track && !track) return reject(`Unknown track "${record.track}".`);
      const room = record.room ? byName(rooms, record.room) : undefined;
      if (record.room && !room) return reject(`Unknown room "${record.room}".`);
      const people: { memberId: string; role: 'speaker' | 'chair' }[] = [];
      for (const role of ['speaker', 'chair'] as const) {
        for (const email of (record[`${role}s`] ?? '')
          .split(';')
          .map((e) => e.trim())
          .filter(Boolean)) {
          const person = await this.members.findByEmail(email);
          if (!person?.active) return reject(`No active member has the address given among the ${role}s (${email}).`);
          people.push({ memberId: person.id, role });
        }
      }
      const id = newId();
      if (!dryRun) {
        await this.repository.insertSession({
          id,
          summitId,
          title,
          abstract: record.abstract ?? '',
          kind,
          status: 'scheduled',
          startsAt,
          endsAt,
          roomId: room?.id ?? null,
          trackId: track?.id ?? null,
          seatLimit: null,
          joinUrl: null,
          createdAt: now,
          updatedAt: now,
        });
        await this.repository.replacePeople(id, people);
      }
      return rows.push({ line, title, outcome: 'created', ...(dryRun ? {} : { sessionId: id }) });
    };
    const apply = async () => {
      for (const [index, record] of records.entries()) await importOne(record, index);
    };
    if (dryRun) await apply();
    else await this.db.unit(apply);
    return {
      dryRun,
      created: rows.filter((row) => row.outcome === 'created').length,
      rejected: rows.filter((row) => row.outcome === 'rejected').length,
      rows,
    };
  }
}
