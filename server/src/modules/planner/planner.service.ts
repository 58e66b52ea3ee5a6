import {
  candidateStarts,
  comfortCounts,
  emptyTally,
  explainPair,
  explainPlace,
  explainSlot,
  gradeCounts,
  isFollowedFromHome,
  isIsoDate,
  isValidTimeZone,
  nightBurden,
  rankRepeatPairs,
  rankSlots,
  rotationWeights,
  tallySessions,
  utcWindowMinutes,
  zoneCity,
  type AudienceGroup,
  type ComfortTally,
  type FairnessReport,
  type PlannedSlot,
  type PlannerRequest,
  type PlannerResponse,
  type RotationReport,
  type ScoredSlot,
  type SummitSummary,
  EDITION_DECAY,
  ROTATION_STRENGTH,
} from '@apoc/shared';
import { DomainError, InvalidInput } from '../../errors';
import type { SummitsService, Viewer } from '../summits/summits.service';
import type { PlannerInstitution, PlannerRepository } from './planner.repository';

/** The audience "registrants" asked for before anyone has registered (or before registrations exist). */
export class NoRegistrationsYet extends DomainError {
  readonly status = 400;
  readonly slug = 'no-registrations-yet';
  readonly title = 'No registrations yet';
}

/** Where a summit's registrants follow it from, grouped by their profile zone (the registrations provide it). */
export interface RegistrantZones {
  zonesOf(summitId: string): Promise<{ timeZone: string; headcount: number }[]>;
}

const NO_REGISTRATIONS: RegistrantZones = {
  async zonesOf() {
    return [];
  },
};

const DEFAULT_LIMIT = 20;
const DEFAULT_PAIRS = 3;

const round = (value: number): number => Math.round(value * 1000) / 1000;

function toPlannedSlot(slot: ScoredSlot): PlannedSlot {
  return {
    startsAt: new Date(slot.startsAt).toISOString(),
    endsAt: new Date(slot.endsAt).toISOString(),
    score: slot.score,
    deepNight: round(slot.deepNight),
    penalty: round(slot.penalty),
    counts: comfortCounts(slot.local),
    grades: gradeCounts(slot.local),
    explanation: explainSlot(slot.local),
    local: slot.local.map((entry) => ({
      institutionId: entry.group.institutionId,
      label: entry.group.label,
      timeZone: entry.group.timeZone,
      headcount: entry.group.weight,
      localStart: entry.localStart,
      localEnd: entry.localEnd,
      weekday: entry.weekday,
      comfort: entry.comfort,
      grade: entry.grade,
      gradeAt: entry.gradeAt,
      gradeWords: entry.gradeWords,
      explanation: explainPlace(entry),
      penalty: round(entry.penalty),
    })),
  };
}

const institutionGroup = (institution: PlannerInstitution): AudienceGroup => ({
  key: institution.id,
  institutionId: institution.id,
  label: institution.shortName,
  place: institution.city,
  timeZone: institution.timeZone,
  weight: 1,
});

export class PlannerService {
  constructor(
    private readonly repository: PlannerRepository,
    private readonly summits: SummitsService,
    private readonly registrants: RegistrantZones = NO_REGISTRATIONS,
  ) {}

  /** Ranked start times, repeat pairs and the rotation they were weighed with. */
  async suggest(request: PlannerRequest, viewer: Viewer): Promise<PlannerResponse> {
    const institutions = await this.repository.institutions();
    const byId = new Map(institutions.map((institution) => [institution.id, institution]));
    const unknown = (ids: readonly string[]) => ids.filter((id) => !byId.has(id));

    const invalidDates = request.dates.filter((date) => !isIsoDate(date));
    if (invalidDates.length > 0) throw new InvalidInput(`Not calendar dates: ${invalidDates.join(', ')}.`);
    const dates = [...new Set(request.dates)].sort();
    this.checkUtcWindow(request);

    const summits = await this.summits.list(viewer);
    let summit: SummitSummary | undefined;
    if (request.summitId) {
      summit = summits.find((candidate) => candidate.id === request.summitId);
      if (!summit) throw new InvalidInput(`No summit has the id "${request.summitId}".`);
    }
    const dayZone = request.timeZone ?? summit?.timeZone ?? 'UTC';
    if (!isValidTimeZone(dayZone)) throw new InvalidInput(`"${dayZone}" is not an IANA time zone.`);

    const mustAttendIds = request.mustAttend ?? [];
    const unknownMustAttend = unknown(mustAttendIds);
    if (unknownMustAttend.length > 0) throw new InvalidInput(`Unknown institutions: ${unknownMustAttend.join(', ')}.`);

    const audience = await this.audience(request, institutions, byId, summit);
    const rotation = await this.rotation(
      summits,
      institutions,
      viewer,
      summit?.startDate ?? (dates[0] as string),
      summit?.id,
    );
    const applied = request.rotation !== false;
    const weights = applied
      ? new Map(rotation.institutions.map((entry) => [entry.institutionId, entry.weight]))
      : undefined;

    const ranked = rankSlots({
      dates,
      durationMinutes: request.durationMinutes,
      audience,
      dayZone,
      mustAttend: mustAttendIds.map((id) => byId.get(id) as PlannerInstitution),
      mustAttendComfort: request.mustAttendComfort ?? 'acceptable',
      earliestUtc: request.earliestUtc,
      latestUtc: request.latestUtc,
      rotation: weights,
    });
    const pairs = rankRepeatPairs(ranked, request.pairs ?? DEFAULT_PAIRS);
    return {
      slots: ranked.slice(0, request.limit ?? DEFAULT_LIMIT).map(toPlannedSlot),
      pairs: pairs.map((pair) => ({
        first: toPlannedSlot(pair.first),
        second: toPlannedSlot(pair.second),
        coveragePenalty: round(pair.coveragePenalty),
        coverageDeepNight: round(pair.coverageDeepNight),
        everyoneHasWorkingOption: pair.everyoneHasWorkingOption,
        choices: pair.choices.map((choice) => ({
          institutionId: choice.group.institutionId,
          label: choice.group.label,
          run: choice.run,
          comfort: choice.comfort,
          grade: choice.grade,
        })),
        explanation: explainPair(pair),
      })),
      rotation: {
        ...rotation,
        applied,
        institutions: rotation.institutions.map((entry) => ({ ...entry, weight: applied ? entry.weight : 1 })),
      },
      timeZone: dayZone,
      durationMinutes: request.durationMinutes,
      candidates: candidateStarts(dates, dayZone).length,
      feasible: ranked.length,
    };
  }

  /** Night and out-of-hours sessions per institution in `summitId` and the editions before it. */
  async fairness(summitId: string, viewer: Viewer): Promise<FairnessReport> {
    const summit = await this.summits.agenda(summitId, viewer);
    const institutions = await this.repository.institutions();
    const previous = previousEditions(await this.summits.list(viewer), summit.startDate, summit.id);
    const editions = [
      { summary: summit, sessions: summit.sessions, current: true },
      ...(await Promise.all(
        previous.map(async (edition) => ({
          summary: edition,
          sessions: (await this.summits.agenda(edition.id, viewer)).sessions,
          current: false,
        })),
      )),
    ];
    const totals = new Map(institutions.map((institution) => [institution.id, emptyTally()]));
    const report = editions.map(({ summary, sessions, current }) => {
      const tallies = tallySessions(sessions, institutions);
      const followedFromHome = isFollowedFromHome(summary.format);
      if (followedFromHome) {
        for (const [id, tally] of tallies) {
          const total = totals.get(id) as ComfortTally;
          total.working += tally.working;
          total.acceptable += tally.acceptable;
          total.night += tally.night;
          total.deepNight += tally.deepNight;
        }
      }
      return {
        summitId: summary.id,
        title: summary.title,
        edition: summary.edition,
        format: summary.format,
        status: summary.status,
        startDate: summary.startDate,
        current,
        followedFromHome,
        sessionCount: sessions.filter((session) => session.status === 'scheduled' && session.kind !== 'break').length,
        institutions: institutions.map((institution) => ({
          institutionId: institution.id,
          label: institution.shortName,
          ...(tallies.get(institution.id) as ComfortTally),
        })),
      };
    });
    return {
      summitId: summit.id,
      editions: report,
      totals: institutions.map((institution) => ({
        institutionId: institution.id,
        label: institution.shortName,
        ...(totals.get(institution.id) as ComfortTally),
      })),
    };
  }

  private checkUtcWindow(request: PlannerRequest): void {
    if (request.earliestUtc === undefined && request.latestUtc === undefined) return;
    if (utcWindowMinutes(request.earliestUtc, request.latestUtc) < request.durationMinutes) {
      throw new InvalidInput(
        `A ${request.durationMinutes}-minute session does not fit between ${request.earliestUtc ?? '00:00'} and ${request.latestUtc ?? '24:00'} UTC.`,
      );
    }
  }

  private async audience(
    request: PlannerRequest,
    institutions: readonly PlannerInstitution[],
    byId: ReadonlyMap<string, PlannerInstitution>,
    summit: SummitSummary | undefined,
  ): Promise<AudienceGroup[]> {
    const audience = request.audience ?? { kind: 'institutions' as const };
    switch (audience.kind) {
      case 'institutions': {
        if (!audience.institutionIds) return institutions.map(institutionGroup);
        const missing = audience.institutionIds.filter((id) => !byId.has(id));
        if (missing.length > 0) throw new InvalidInput(`Unknown institutions: ${missing.join(', ')}.`);
        return [...new Set(audience.institutionIds)].map((id) => institutionGroup(byId.get(id) as PlannerInstitution));
      }
      case 'registrants': {
        if (!summit) throw new InvalidInput('Planning for the registrants needs the summitId of their summit.');
        const zones = await this.registrants.zonesOf(summit.id);
        if (zones.length === 0) {
          throw new NoRegistrationsYet(
            `Nobody has registered for "${summit.title}" yet: plan for the institutions, or for zones with headcounts.`,
          );
        }
        return this.zoneGroups(zones);
      }
      case 'zones':
        return this.zoneGroups(audience.zones);
    }
  }

  private zoneGroups(zones: readonly { timeZone: string; headcount: number; label?: string }[]): AudienceGroup[] {
    const invalid = zones.filter((zone) => !isValidTimeZone(zone.timeZone)).map((zone) => zone.timeZone);
    if (invalid.length > 0) throw new InvalidInput(`Not IANA time zones: ${invalid.join(', ')}.`);
    // The same zone twice is one group with both headcounts.
    const groups = new Map<string, AudienceGroup>();
    for (const zone of zones) {
      const key = `zone:${zone.timeZone}`;
      const group = groups.get(key);
      if (group) group.weight += zone.headcount;
      else {
        groups.set(key, {
          key,
          institutionId: null,
          label: zone.label ?? zoneCity(zone.timeZone),
          timeZone: zone.timeZone,
          weight: zone.headcount,
        });
      }
    }
    return [...groups.values()];
  }

  /**
   * Who carried the nights in the editions before the one being planned (those that start before it,
   * published, followed from home), and the weights that move the burden elsewhere this time.
   */
  private async rotation(
    summits: readonly SummitSummary[],
    institutions: readonly PlannerInstitution[],
    viewer: Viewer,
    before: string,
    excludeId: string | undefined,
  ): Promise<Omit<RotationReport, 'applied'>> {
    const editions = previousEditions(summits, before, excludeId).filter((edition) =>
      isFollowedFromHome(edition.format),
    );
    const nightsByEdition = await Promise.all(
      editions.map(async (edition) => {
        const { sessions } = await this.summits.agenda(edition.id, viewer);
        const tallies = tallySessions(sessions, institutions);
        return new Map([...tallies].map(([id, tally]) => [id, tally.night]));
      }),
    );
    const burden = nightBurden(nightsByEdition);
    const weights = rotationWeights(
      burden,
      institutions.map((institution) => institution.id),
    );
    return {
      strength: ROTATION_STRENGTH,
      decay: EDITION_DECAY,
      editions: editions.map((edition) => ({
        summitId: edition.id,
        title: edition.title,
        format: edition.format,
        startDate: edition.startDate,
      })),
      institutions: institutions.map((institution) => {
        const nights = nightsByEdition.map((edition) => edition.get(institution.id) ?? 0);
        return {
          institutionId: institution.id,
          label: institution.shortName,
          nightsLastEdition: nights[0] ?? 0,
          nightsEarlier: nights.slice(1).reduce((sum, count) => sum + count, 0),
          burden: round(burden.get(institution.id) ?? 0),
          weight: round(weights.get(institution.id) ?? 1),
        };
      }),
    };
  }
}

/** Published editions that started before `date`, newest first (drafts have no agenda anyone lived). */
function previousEditions(summits: readonly SummitSummary[], date: string, excludeId?: string): SummitSummary[] {
  return summits
    .filter((summit) => summit.status !== 'draft' && summit.id !== excludeId && summit.startDate < date)
    .sort((a, b) => b.startDate.localeCompare(a.startDate) || b.startsAt.localeCompare(a.startsAt));
}
