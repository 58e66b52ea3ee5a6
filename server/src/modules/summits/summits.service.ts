import type { Database } from '@apoc/db';
import {
  addDays,
  diffAgendas,
  hasBlockingConflicts,
  ROLE_RANK,
  type AgendaSession,
  type Changelog,
  type CreateSummit,
  type DraftAgenda,
  type MemberRole,
  type NextEdition,
  type Room,
  type SessionChange,
  type SummitDetail,
  type SummitFormat,
  type SummitStatus,
  type SummitSummary,
  type Track,
  type UpdateSummit,
} from '@apoc/shared';
import { answerOf, AnswerCache, type Answer } from '../../answers';
import { Forbidden, InvalidInput, NotFound, PublishBlocked } from '../../errors';
import { newId } from '../../ids';
import {
  checkSummit,
  conflictsOf,
  editionTimes,
  EMPTY_AGENDA,
  groupBy,
  publishable,
  spanOf,
  toDetail,
  toSummary,
  workInProgress,
} from './summits.agenda';
import { accreditationAfter } from './summits.accreditation';
import type { SummitRow, SummitsRepository, VersionRef } from './summits.repository';
import { cleanSummitTranslations, nextEditionTranslations } from './summits.translations';

export interface PublishedState {
  summit: SummitRow;
  version: VersionRef;
  agenda: PublishedAgenda;
  lastChanged: Map<string, Date>;
}

export interface Viewer {
  id: string;
  role: MemberRole;
}

/** An agenda as members see it: frozen in a published version. */
export interface PublishedAgenda {
  tracks: Track[];
  rooms: Room[];
  sessions: AgendaSession[];
}

/** Organisers and admins see the work in progress; everyone else what was published. */
export const isOrganiser = (viewer: Viewer | null) => viewer !== null && ROLE_RANK[viewer.role] >= ROLE_RANK.organiser;
const visibleStatuses = (viewer: Viewer | null): readonly SummitStatus[] =>
  isOrganiser(viewer) ? ['draft', 'published', 'archived'] : ['published', 'archived'];

/** Called inside the publishing transaction, so what listeners write commits with the version. */
export type PublishListener = (event: { state: PublishedState; changes: SessionChange[] }) => Promise<unknown>;

export class SummitsService {
  private readonly publishListeners: PublishListener[] = [];

  /** Subscribes to publications (e.g. to notify the people a change affects). */
  onPublished(listener: PublishListener): void {
    this.publishListeners.push(listener);
  }

  private readonly capacityListeners: ((summitId: string) => Promise<unknown>)[] = [];

  /** Subscribes to capacity changes (the waitlist takes seats that a larger capacity frees). */
  onCapacityChanged(listener: (summitId: string) => Promise<unknown>): void {
    this.capacityListeners.push(listener);
  }

  /** The published catalogue's answers (the list, each published summit), serialised once per change. */
  private readonly answers = new AnswerCache();
  private readonly staleListeners: ((summitId: string | null) => void)[] = [];

  /** Hears that what was built from a summit (null: from any summit) is out of date. */
  onStale(listener: (summitId: string | null) => void): void {
    this.staleListeners.push(listener);
  }

  /**
   * A summit was created, changed or published, here or on another instance (null: perhaps any, while this
   * instance could not hear of changes): the answers and feeds built from it are forgotten.
   */
  stale(summitId: string | null): void {
    this.repository.forget(summitId);
    this.answers.clear();
    for (const listener of this.staleListeners) listener(summitId);
  }

  // A published version never changes: its parsed agenda is kept for as long as the process runs.
  private readonly publishedAgendas = new Map<string, PublishedAgenda>();
  private readonly lastChanged = new Map<string, Map<string, Date>>();

  constructor(
    private readonly db: Database,
    readonly repository: SummitsRepository,
    private readonly clock: () => Date,
  ) {}

  private async publishedAgenda(versionId: string): Promise<PublishedAgenda> {
    let agenda = this.publishedAgendas.get(versionId);
    if (!agenda) {
      const json = await this.repository.versionAgenda(versionId);
      agenda = json ? (JSON.parse(json) as PublishedAgenda) : EMPTY_AGENDA;
      this.publishedAgendas.set(versionId, agenda);
    }
    return agenda;
  }

  private async wip(id: string): Promise<{ summit: SummitRow; agenda: PublishedAgenda }> {
    const rows = await this.repository.findAgenda(id, ['draft', 'published', 'archived']);
    if (!rows) throw new NotFound('summit', id);
    return { summit: rows.summit, agenda: workInProgress(rows) };
  }

  /**
   * Guests come from outside the network: they see, and may register for, only the summits they are invited
   * to or speak at. True for anyone else.
   */
  async guestMaySee(viewer: Viewer | null, summitId: string): Promise<boolean> {
    return viewer?.role !== 'guest' || (await this.repository.guestSummitIds(viewer.id)).has(summitId);
  }

  /** Refuses a guest a summit they are not invited to (403: it exists, but is not for them). */
  async assertGuestMaySee(viewer: Viewer | null, summitId: string): Promise<void> {
    if (!(await this.guestMaySee(viewer, summitId))) {
      throw new Forbidden('This summit is open to invited guests only: ask its organisers for an invitation.');
    }
  }

  async list(viewer: Viewer | null = null): Promise<SummitSummary[]> {
    const listed = await this.repository.list(visibleStatuses(viewer));
    const guestSees = viewer?.role === 'guest' ? await this.repository.guestSummitIds(viewer.id) : null;
    const summits = guestSees ? listed.summits.filter((summit) => guestSees.has(summit.id)) : listed.summits;
    const { tracks } = listed;
    const versions = new Map((await this.repository.latestVersions()).map((version) => [version.summitId, version]));
    const tracksBySummit = groupBy(tracks, (track) => track.summitId);
    const summaries: SummitSummary[] = [];
    for (const summit of summits) {
      const version = versions.get(summit.id);
      if (version) {
        summaries.push(toSummary(summit, await this.publishedAgenda(version.id)));
        continue;
      }
      // A draft has no published agenda yet: organisers see its work in progress counted.
      summaries.push({
        ...toSummary(summit, { tracks: tracksBySummit.get(summit.id) ?? [], sessions: [] }),
        sessionCount: summit.sessionCount,
      });
    }
    return summaries;
  }

  /**
   * GET /api/summits, serialised by `serialise`: built once per change for everyone who sees the published
   * summits; organisers (who also see drafts at work) and guests (who see their own) get theirs built for them.
   */
  async listAnswer(viewer: Viewer | null, serialise: (list: SummitSummary[]) => string): Promise<Answer> {
    if (viewer?.role === 'guest' || isOrganiser(viewer)) return answerOf(serialise(await this.list(viewer)));
    return this.answers.get('list', async () => serialise(await this.list(null)));
  }

  /** GET /api/summits/:id, serialised: a published summit's answer is the same for all who may see it. */
  async agendaAnswer(id: string, viewer: Viewer | null, serialise: (detail: SummitDetail) => string): Promise<Answer> {
    // Only published summits' answers are kept, and everyone but a guest may see those: no query needed.
    const kept = viewer?.role === 'guest' ? undefined : this.answers.peek(`summit:${id}`);
    if (kept) return kept;
    const summit = await this.repository.find(id);
    if (!summit || !visibleStatuses(viewer).includes(summit.status)) throw new NotFound('summit', id);
    await this.assertGuestMaySee(viewer, id);
    if (summit.status === 'draft') return answerOf(serialise(await this.agenda(id, viewer)));
    return this.answers.get(`summit:${id}`, async () => serialise(await this.agenda(id, null)));
  }

  /** The agenda members see: the latest published version (organisers also see drafts' work in progress). */
  async agenda(id: string, viewer: Viewer | null = null): Promise<SummitDetail> {
    const summit = await this.repository.find(id);
    if (!summit || !visibleStatuses(viewer).includes(summit.status)) throw new NotFound('summit', id);
    await this.assertGuestMaySee(viewer, id);
    const version = await this.repository.latestVersion(id);
    const agenda = version ? await this.publishedAgenda(version.id) : (await this.wip(id)).agenda;
    return toDetail(summit, agenda);
  }

  /**
   * What calendar feeds need of a published summit: its latest version, that version's agenda, and when
   * each session last changed in a publication (LAST-MODIFIED). Cached per version, which never changes.
   */
  async published(summitId: string): Promise<PublishedState | null> {
    const summit = await this.repository.find(summitId);
    if (!summit || !['published', 'archived'].includes(summit.status)) return null;
    const version = await this.repository.latestVersion(summitId);
    if (!version) return null;
    let lastChanged = this.lastChanged.get(version.id);
    if (!lastChanged) {
      lastChanged = new Map<string, Date>();
      for (const older of [...(await this.repository.versions(summitId))].reverse()) {
        const changes = JSON.parse(older.changes) as SessionChange[];
        for (const session of older.number === 1 ? (await this.publishedAgenda(older.id)).sessions : []) {
          lastChanged.set(session.id, older.publishedAt);
        }
        for (const change of changes) lastChanged.set(change.sessionId, older.publishedAt);
      }
      this.lastChanged.set(version.id, lastChanged);
    }
    return { summit, version, agenda: await this.publishedAgenda(version.id), lastChanged };
  }

  /**
   * The latest published agenda of a summit members can see, without the history `published` reads:
   * for what must be drawn at once, such as a confirmation's invitation when the mail is sent. Given the summit's
   * row (a caller that has just read it), it is not read again.
   */
  async publishedAgendaOf(
    summitOrId: SummitRow | string,
  ): Promise<{ summit: SummitRow; version: VersionRef; agenda: PublishedAgenda } | null> {
    const summit = typeof summitOrId === 'string' ? await this.repository.find(summitOrId) : summitOrId;
    if (!summit || !['published', 'archived'].includes(summit.status)) return null;
    const version = await this.repository.latestVersion(summit.id);
    if (!version) return null;
    return { summit, version, agenda: await this.publishedAgenda(version.id) };
  }

  /** When the summit's published agenda starts: its first scheduled session's start; null before any. */
  async firstSessionStart(summit: SummitRow): Promise<Date | null> {
    const span = spanOf((await this.publishedAgendaOf(summit))?.agenda.sessions ?? []);
    return span ? new Date(span.startsAt) : null;
  }

  async summitOfSession(sessionId: string): Promise<string | undefined> {
    return this.repository.summitOfSession(sessionId);
  }

  /**
   * What a summit's exports depend on: its latest published version and when its own fields (title, venue,
   * seats) last changed, which they may without a new publication. Null before the first publication.
   */
  async revisionOf(summitId: string): Promise<string | null> {
    const summit = await this.repository.find(summitId);
    const version = await this.repository.latestVersion(summitId);
    return summit && version ? `${version.id}-${summit.updatedAt.getTime().toString(36)}` : null;
  }

  /** The latest version of each of these summits: cheap, for ETags. */
  async latestVersionOf(summitId: string): Promise<VersionRef | undefined> {
    return this.repository.latestVersion(summitId);
  }

  /** A session as published in the latest version, with its track and room, if members can see it. */
  async publishedSession(summitId: string, sessionId: string) {
    const summit = await this.repository.find(summitId);
    if (!summit || !['published', 'archived'].includes(summit.status)) return null;
    const version = await this.repository.latestVersion(summitId);
    if (!version) return null;
    const agenda = await this.publishedAgenda(version.id);
    const session = agenda.sessions.find((candidate) => candidate.id === sessionId);
    if (!session) return null;
    return {
      session,
      track: agenda.tracks.find((track) => track.id === session.trackId) ?? null,
      room: agenda.rooms.find((room) => room.id === session.roomId) ?? null,
    };
  }

  /** The organisers' view: work in progress, conflicts, and what publishing would change. */
  async draft(id: string): Promise<DraftAgenda> {
    const { summit, agenda } = await this.wip(id);
    const version = await this.repository.latestVersion(id);
    const previous = version ? (await this.publishedAgenda(version.id)).sessions : [];
    return {
      ...toDetail(summit, agenda),
      conflicts: conflictsOf(summit, agenda),
      publishedVersion: version?.number ?? null,
      pendingChanges: version ? diffAgendas(previous, publishable(agenda).sessions) : [],
    };
  }

  async create(input: CreateSummit): Promise<SummitDetail> {
    const row = {
      id: newId(),
      title: input.title.trim(),
      edition: input.edition ?? null,
      format: input.format,
      status: 'draft' as const,
      timeZone: input.timeZone,
      startDate: input.startDate,
      endDate: input.endDate,
      description: input.description ?? '',
      translations: cleanSummitTranslations(input.translations ?? {}),
      venueName: input.venue?.name ?? null,
      venueAddress: input.venue?.address ?? null,
      venueCity: input.venue?.city ?? null,
      hostInstitutionId: input.hostInstitutionId ?? null,
      seatsInPerson: input.seats?.inPerson ?? null,
      seatsVirtual: input.seats?.virtual ?? null,
      registrationOpensAt: input.registrationOpensAt ? new Date(input.registrationOpensAt) : null,
      registrationClosesAt: input.registrationClosesAt ? new Date(input.registrationClosesAt) : null,
      requiresApproval: input.requiresApproval ?? false,
      offerWindowHours: input.offerWindowHours ?? 48,
      joinWindowMinutes: input.joinWindowMinutes ?? 15,
      streamUrl: input.streamUrl ?? null,
      quotaReleaseAt: null,
      accreditation: null,
    };
    checkSummit(row);
    await this.repository.create(row, this.clock());
    return this.agenda(row.id, { id: '', role: 'organiser' });
  }

  async update(id: string, patch: UpdateSummit): Promise<SummitDetail> {
    const summit = await this.repository.find(id);
    if (!summit) throw new NotFound('summit', id);
    const next = {
      title: patch.title?.trim() ?? summit.title,
      edition: patch.edition === undefined ? summit.edition : patch.edition,
      format: patch.format ?? summit.format,
      status: patch.status ?? summit.status,
      timeZone: patch.timeZone ?? summit.timeZone,
      startDate: patch.startDate ?? summit.startDate,
      endDate: patch.endDate ?? summit.endDate,
      description: patch.description ?? summit.description,
      translations: patch.translations ? cleanSummitTranslations(patch.translations) : summit.translations,
      venueName: patch.venue === undefined ? summit.venueName : (patch.venue?.name ?? null),
      venueAddress: patch.venue === undefined ? summit.venueAddress : (patch.venue?.address ?? null),
      venueCity: patch.venue === undefined ? summit.venueCity : (patch.venue?.city ?? null),
      hostInstitutionId: patch.hostInstitutionId === undefined ? summit.hostInstitutionId : patch.hostInstitutionId,
      seatsInPerson: patch.seats?.inPerson === undefined ? summit.seatsInPerson : patch.seats.inPerson,
      seatsVirtual: patch.seats?.virtual === undefined ? summit.seatsVirtual : patch.seats.virtual,
      registrationOpensAt:
        patch.registrationOpensAt === undefined
          ? summit.registrationOpensAt
          : patch.registrationOpensAt
            ? new Date(patch.registrationOpensAt)
            : null,
      registrationClosesAt:
        patch.registrationClosesAt === undefined
          ? summit.registrationClosesAt
          : patch.registrationClosesAt
            ? new Date(patch.registrationClosesAt)
            : null,
    };
    Object.assign(next, {
      requiresApproval: patch.requiresApproval ?? summit.requiresApproval,
      offerWindowHours: patch.offerWindowHours ?? summit.offerWindowHours,
      joinWindowMinutes: patch.joinWindowMinutes ?? summit.joinWindowMinutes,
      streamUrl: patch.streamUrl === undefined ? summit.streamUrl : patch.streamUrl,
      accreditation: accreditationAfter(summit.accreditation, patch.accreditation),
    });
    checkSummit(next);
    if (next.status === 'published' && summit.status === 'draft') {
      throw new InvalidInput('Publish a draft with POST /api/summits/{id}/publish, which checks its agenda first.');
    }
    await this.repository.update(id, next, this.clock());
    if (next.seatsInPerson !== summit.seatsInPerson || next.seatsVirtual !== summit.seatsVirtual) {
      for (const listener of this.capacityListeners) await listener(id);
    }
    return this.agenda(id, { id: '', role: 'organiser' });
  }

  /**
   * Freezes the work in progress as the next numbered version, unless a blocking conflict remains.
   * Publishing a draft summit's first version makes the summit visible to members.
   */
  async publish(
    id: string,
    comment: string,
    publishedBy: string | null,
  ): Promise<{ version: number; changes: SessionChange[] }> {
    const { summit, agenda } = await this.wip(id);
    const conflicts = conflictsOf(summit, agenda);
    if (hasBlockingConflicts(conflicts)) throw new PublishBlocked(conflicts.filter((c) => c.severity === 'error'));
    const snapshot = publishable(agenda);
    const now = this.clock();
    const result = await this.db.unit(async () => {
      const previous = await this.repository.latestVersion(id);
      const changes = previous
        ? diffAgendas((await this.publishedAgenda(previous.id)).sessions, snapshot.sessions)
        : [];
      const number = (previous?.number ?? 0) + 1;
      const versionId = newId();
      await this.repository.insertVersion({
        id: versionId,
        summitId: id,
        number,
        comment,
        agenda: JSON.stringify(snapshot),
        changes: JSON.stringify(changes),
        publishedAt: now,
        publishedBy,
      });
      await this.repository.bumpSequences(
        changes.filter((change) => !change.changes.includes('removed')).map((change) => change.sessionId),
        now,
      );
      if (summit.status === 'draft') await this.repository.update(id, { status: 'published', publishedAt: now }, now);
      // Listeners (e.g. change notices) write in this same transaction: nothing is told that did not happen.
      const state: PublishedState = {
        summit: { ...summit, status: 'published' },
        version: { id: versionId, summitId: id, number, publishedAt: now },
        agenda: snapshot,
        lastChanged: new Map(changes.map((change) => [change.sessionId, now])),
      };
      for (const listener of this.publishListeners) await listener({ state, changes });
      return { version: number, changes };
    });
    return result;
  }

  /** Every published version, newest first, with what changed in each. */
  async changelog(id: string, viewer: Viewer | null = null): Promise<Changelog> {
    const summit = await this.repository.find(id);
    if (!summit || !visibleStatuses(viewer).includes(summit.status)) throw new NotFound('summit', id);
    await this.assertGuestMaySee(viewer, id);
    const versions = await this.repository.versions(id);
    const latest = versions[0];
    return {
      summitId: id,
      timeZone: summit.timeZone,
      rooms: latest ? (await this.publishedAgenda(latest.id)).rooms : [],
      versions: versions.map((version) => ({
        number: version.number,
        comment: version.comment,
        publishedAt: version.publishedAt.toISOString(),
        changes: JSON.parse(version.changes) as SessionChange[],
      })),
    };
  }

  /**
   * "Plan the next edition": a draft with the same tracks, rooms (unless it goes virtual) and sessions,
   * moved to new dates at the same local times of day, in the alternate format unless told otherwise.
   */
  async nextEdition(id: string, input: NextEdition): Promise<SummitDetail> {
    const summit = await this.repository.find(id);
    if (!summit) throw new NotFound('summit', id);
    const alternate: Record<SummitFormat, SummitFormat> = {
      in_person: 'virtual',
      virtual: 'in_person',
      hybrid: 'hybrid',
    };
    const format = input.format ?? alternate[summit.format];
    const timeZone = input.timeZone ?? summit.timeZone;
    const length = Math.round((Date.parse(summit.endDate) - Date.parse(summit.startDate)) / 86_400_000);
    const fromDays = Math.round((Date.parse(input.startDate) - Date.parse(summit.startDate)) / 86_400_000);
    const row = {
      id: newId(),
      title: input.title ?? summit.title,
      edition: input.edition === undefined ? null : input.edition,
      format,
      status: 'draft' as const,
      timeZone,
      startDate: input.startDate,
      endDate: addDays(input.startDate, length),
      description: summit.description,
      translations: nextEditionTranslations(summit.translations, input.title !== undefined),
      venueName: format === 'virtual' ? null : summit.venueName,
      venueAddress: format === 'virtual' ? null : summit.venueAddress,
      venueCity: format === 'virtual' ? null : summit.venueCity,
      hostInstitutionId: format === 'virtual' ? null : summit.hostInstitutionId,
      seatsInPerson: format === 'virtual' ? null : summit.seatsInPerson,
      seatsVirtual: format === 'in_person' ? null : summit.seatsVirtual,
      registrationOpensAt: null,
      registrationClosesAt: null,
      requiresApproval: summit.requiresApproval,
      offerWindowHours: summit.offerWindowHours,
      quotaReleaseAt: null,
      accreditation: summit.accreditation,
    };
    if (format !== 'virtual' && !row.venueName) row.venueName = 'Venue to be announced';
    checkSummit(row);
    const shift = editionTimes(summit.timeZone, timeZone, fromDays);
    const now = this.clock();
    await this.db.unit(async () => {
      await this.repository.create(row, now);
      await this.repository.copySkeleton(id, row.id, { withRooms: format !== 'virtual', shift, newId }, now);
    });
    return this.agenda(row.id, { id: '', role: 'organiser' });
  }

  /**
   * Gives every published summit without a version (a fresh demo seed, or data from before versions
   * existed) its first version from the current agenda, so that members always read a frozen version.
   */
  async publishInitialVersions(): Promise<number> {
    const versioned = new Set((await this.repository.latestVersions()).map((version) => version.summitId));
    const { summits } = await this.repository.list(['published', 'archived']);
    let created = 0;
    for (const summit of summits) {
      if (versioned.has(summit.id)) continue;
      const { agenda } = await this.wip(summit.id);
      await this.repository.insertVersion({
        id: newId(),
        summitId: summit.id,
        number: 1,
        comment: 'First published agenda',
        agenda: JSON.stringify(publishable(agenda)),
        changes: '[]',
        publishedAt: summit.publishedAt ?? this.clock(),
        publishedBy: null,
      });
      created++;
    }
    return created;
  }
}
