// Suggested start times: every quarter hour of the candidate dates, filtered by the organisers'
// constraints, ranked by score; and repeat pairs, the same session held twice so that everyone has a
// comfortable option.

import { dayBounds } from '../time/zones';
import { COMFORT_RANK, GRADE_RANK, localSlot, type BurdenGrade, type Comfort } from './comfort';
import {
  compareBurden,
  joinLabels,
  scoreSlot,
  slotBurden,
  type AudienceGroup,
  type GroupComfort,
  type RotationWeights,
  type ScoredSlot,
  type SlotBurden,
} from './score';

export const STEP_MINUTES = 15;

/** A place whose people must be able to attend: the speakers' institutions. */
export interface MustAttend {
  timeZone: string;
}

export interface SlotSearch {
  /** Calendar days (`YYYY-MM-DD`) in `dayZone`; every quarter hour of each is a candidate start. */
  dates: readonly string[];
  durationMinutes: number;
  audience: readonly AudienceGroup[];
  /** The zone whose calendar days `dates` are: the summit's, or UTC. */
  dayZone: string;
  /** Must not be at night (`acceptable`, the default) or must be in working hours (`working`). */
  mustAttend?: readonly MustAttend[];
  mustAttendComfort?: Exclude<Comfort, 'night'>;
  /** The whole session lies between these UTC times of day (`HH:mm`; `latestUtc` may be `24:00`). */
  earliestUtc?: string;
  latestUtc?: string;
  rotation?: RotationWeights;
}

const minutesOfDay = (time: string): number => {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};

/** Every `stepMinutes` from the start of each date in `zone` to its end (23 or 25 hours on change days). */
export function candidateStarts(dates: readonly string[], zone: string, stepMinutes = STEP_MINUTES): number[] {
  const starts = new Set<number>();
  for (const date of dates) {
    const { start, end } = dayBounds(date, zone);
    for (let instant = start.getTime(); instant < end.getTime(); instant += stepMinutes * 60_000) starts.add(instant);
  }
  return [...starts].sort((a, b) => a - b);
}

/** The UTC window of the day as [opens, closes) in minutes after 00:00; `closes` passes 1440 past midnight. */
function utcWindow(earliestUtc?: string, latestUtc?: string): { opens: number; closes: number } {
  const opens = earliestUtc === undefined ? 0 : minutesOfDay(earliestUtc);
  const latest = latestUtc === undefined ? 24 * 60 : minutesOfDay(latestUtc);
  return { opens, closes: latest > opens ? latest : latest + 24 * 60 };
}

/** How many minutes the UTC window lasts (a whole day without bounds). */
export function utcWindowMinutes(earliestUtc?: string, latestUtc?: string): number {
  const { opens, closes } = utcWindow(earliestUtc, latestUtc);
  return closes - opens;
}

/**
 * Whether a session lies inside the UTC window of the day [earliest, latest]. Without `earliestUtc`
 * the window opens at 00:00, without `latestUtc` it closes at 24:00; when `latestUtc` is not after
 * `earliestUtc` the window runs past midnight (22:00–06:00). Without either, every start is allowed.
 */
export function withinUtcWindow(
  startsAt: number,
  durationMinutes: number,
  earliestUtc?: string,
  latestUtc?: string,
): boolean {
  if (earliestUtc === undefined && latestUtc === undefined) return true;
  const { opens, closes } = utcWindow(earliestUtc, latestUtc);
  const day = 24 * 60;
  const start = ((Math.floor(startsAt / 60_000) % day) + day) % day;
  // The session may sit in the window that opened today, or in the one that opened yesterday.
  return [start, start + day].some((minute) => minute >= opens && minute + durationMinutes <= closes);
}

/** Every allowed start of the search, scored, best first: fewest woken in the deep night, then lowest penalty, then earliest start. */
export function rankSlots(search: SlotSearch): ScoredSlot[] {
  const worstAllowed = COMFORT_RANK[search.mustAttendComfort ?? 'acceptable'];
  const slots: ScoredSlot[] = [];
  for (const start of candidateStarts(search.dates, search.dayZone)) {
    if (!withinUtcWindow(start, search.durationMinutes, search.earliestUtc, search.latestUtc)) continue;
    const attendable = (search.mustAttend ?? []).every(
      (place) => COMFORT_RANK[localSlot(start, search.durationMinutes, place.timeZone).comfort] <= worstAllowed,
    );
    if (!attendable) continue;
    slots.push(scoreSlot(start, search.durationMinutes, search.audience, search.rotation));
  }
  return slots.sort(bySlotRank);
}

export function bySlotRank(a: ScoredSlot, b: ScoredSlot): number {
  return compareBurden(a, b) || a.startsAt - b.startsAt;
}

/** The run that suits a group better: the second only if its grade is better. */
const betterRun = (first: GroupComfort, second: GroupComfort): GroupComfort =>
  GRADE_RANK[second.grade] < GRADE_RANK[first.grade] ? second : first;

export interface RepeatChoice {
  group: AudienceGroup;
  /** Which run suits the group better (the first on a tie). */
  run: 'first' | 'second';
  comfort: Comfort;
  grade: BurdenGrade;
  penalty: number;
}

export interface ScoredPair {
  /** The earlier run. */
  first: ScoredSlot;
  second: ScoredSlot;
  /** Sum over the groups of the better of their two penalties: 0 when everyone has a working-hours run. */
  coveragePenalty: number;
  /** Sum of the factors of the groups for which both runs are in the deep night. */
  coverageDeepNight: number;
  everyoneHasWorkingOption: boolean;
  choices: RepeatChoice[];
}

/**
 * The best repeat pairs among `slots` (which must all be scored for the same audience), best first:
 * 1. lowest coverage burden — every group counts only its better run, so a pair in which everyone has
 *    a working-hours option comes first (compared as slots are: first who is left only deep-night runs,
 *    then the penalty);
 * 2. then the lowest burden of both runs together — kinder to those who attend both (speakers, chairs);
 * 3. then the earliest first run, then the earliest second run.
 * The second run starts once the first has ended. Slots with the same grades for every group are
 * interchangeable for the ranking, so only the earliest of each is paired, which keeps the search
 * small and the list varied.
 */
export function rankRepeatPairs(slots: readonly ScoredSlot[], limit = 3): ScoredPair[] {
  if (limit <= 0 || slots.length < 2) return [];
  const byStart = [...slots].sort((a, b) => a.startsAt - b.startsAt);
  const families = new Map<string, ScoredSlot[]>();
  for (const slot of byStart) {
    const signature = slot.local.map((entry) => GRADE_RANK[entry.grade]).join('');
    const family = families.get(signature);
    if (family) family.push(slot);
    else families.set(signature, [slot]);
  }
  const members = [...families.values()];
  const locals = members.map((family) => (family[0] as ScoredSlot).local);

  interface Candidate {
    first: ScoredSlot;
    second: ScoredSlot;
    coverage: SlotBurden;
    total: SlotBurden;
  }
  const compare = (a: Candidate, b: Candidate): number =>
    compareBurden(a.coverage, b.coverage) ||
    compareBurden(a.total, b.total) ||
    a.first.startsAt - b.first.startsAt ||
    a.second.startsAt - b.second.startsAt;
  // Only the best `limit` are kept: with many zones there can be a million combinations.
  const best: Candidate[] = [];
  for (let i = 0; i < members.length; i++) {
    const first = (members[i] as ScoredSlot[])[0] as ScoredSlot;
    const firstLocal = locals[i] as GroupComfort[];
    for (let j = 0; j < members.length; j++) {
      const second = (members[j] as ScoredSlot[]).find((slot) => slot.startsAt >= first.endsAt);
      if (!second) continue;
      const secondLocal = locals[j] as GroupComfort[];
      const coverage = slotBurden(firstLocal.map((entry, g) => betterRun(entry, secondLocal[g] as GroupComfort)));
      const total = {
        deepNight: first.deepNight + second.deepNight,
        penalty: first.penalty + second.penalty,
      };
      const candidate = { first, second, coverage, total };
      if (best.length === limit && compare(candidate, best[limit - 1] as Candidate) >= 0) continue;
      const at = best.findIndex((kept) => compare(candidate, kept) < 0);
      best.splice(at === -1 ? best.length : at, 0, candidate);
      if (best.length > limit) best.pop();
    }
  }
  return best.map(({ first, second, coverage }) => {
    const choices = first.local.map((entry, index): RepeatChoice => {
      const better = betterRun(entry, second.local[index] as GroupComfort);
      const { group, comfort, grade, penalty } = better;
      return { group, run: better === entry ? 'first' : 'second', comfort, grade, penalty };
    });
    return {
      first,
      second,
      coveragePenalty: coverage.penalty,
      coverageDeepNight: coverage.deepNight,
      everyoneHasWorkingOption: choices.every((choice) => choice.comfort === 'working'),
      choices,
    };
  });
}

/** "First run for Asan, Peter Mac and Amgen (in working hours); second run for … (1 of them outside working hours)." */
export function explainPair(pair: ScoredPair): string {
  const parts = (['first', 'second'] as const).flatMap((run) => {
    const chosen = pair.choices.filter((choice) => choice.run === run);
    if (chosen.length === 0) return [];
    const labels = chosen.map((choice) => choice.group.label);
    const outside = chosen.filter((choice) => choice.comfort !== 'working').length;
    const how = outside === 0 ? 'in working hours' : `${outside} of them outside working hours`;
    return [`${run} run for ${joinLabels(labels)} (${how})`];
  });
  const sentence = parts.join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}
