// The score of a start time for an audience: what it costs, in discomfort, to the people who follow it.

import { BURDEN_GRADES, GRADE_RANK, localSlot, type BurdenGrade, type Comfort, type LocalSlot } from './comfort';

/**
 * Penalty of one grade for one unit of weight (one institution, or one registrant of a zone). Working
 * hours cost nothing, so a slot that suits everyone scores 0; late evening and early morning cost three
 * times an early or late session ("an evening call is a nuisance"). Deep night costs 10, but that is not
 * what keeps people out of it: slots are first ranked by who they wake (see `compareBurden`).
 */
export const GRADE_PENALTY: Record<BurdenGrade, number> = { working: 0, fringe: 1, unsocial: 3, 'deep-night': 10 };

/** Those who follow a session from one place: an institution, or the registrants of one zone. */
export interface AudienceGroup {
  /** Unique within the audience: the institution's id, or `zone:<IANA zone>`. */
  key: string;
  institutionId: string | null;
  /** For people: "Asan", "Seoul". */
  label: string;
  /** Where it is, for explanations ("Melbourne at 02:00: deep night"); the label when absent. */
  place?: string;
  timeZone: string;
  /** How many people this group counts for: 1 per institution, the headcount for a zone. */
  weight: number;
}

/** Factors on the penalties of institutions, by institution id, from rotation between editions. */
export type RotationWeights = ReadonlyMap<string, number>;

export interface GroupComfort extends LocalSlot {
  group: AudienceGroup;
  /** The group's weight × its rotation factor: what one unit of penalty costs for this group. */
  factor: number;
  /** factor × GRADE_PENALTY[grade]. */
  penalty: number;
}

/** What a slot costs its audience, compared in this order (see `compareBurden`). */
export interface SlotBurden {
  /** Sum of the factors of the groups it puts in the deep night (00:00–06:00). */
  deepNight: number;
  /** Sum of every group's penalty. */
  penalty: number;
}

export interface ScoredSlot extends SlotBurden {
  startsAt: number;
  endsAt: number;
  /**
   * 0–100, higher is better: 100 when every group is in working hours, 50 or more when nobody is in the
   * deep night, below 50 when someone is, 0 when everyone is.
   */
  score: number;
  local: GroupComfort[];
}

/** Comparisons of penalties tolerate the rounding of sums of fractional rotation factors. */
export const PENALTY_EPSILON = 1e-9;

/** What one unit of penalty costs for `group`: its weight, times its rotation factor if it is an institution. */
export function groupFactor(group: AudienceGroup, rotation?: RotationWeights): number {
  const rotationFactor = group.institutionId ? (rotation?.get(group.institutionId) ?? 1) : 1;
  return group.weight * rotationFactor;
}

/** The burden of a slot from each group's grade and factor: the one rule every ranking uses. */
export function slotBurden(entries: readonly { grade: BurdenGrade; factor: number }[]): SlotBurden {
  let deepNight = 0;
  let penalty = 0;
  for (const entry of entries) {
    if (entry.grade === 'deep-night') deepNight += entry.factor;
    penalty += entry.factor * GRADE_PENALTY[entry.grade];
  }
  return { deepNight, penalty };
}

/**
 * Lexicographic: first who is woken in the deep night (less is better), then the sum of the penalties.
 * So one centre at 02:00 weighs more than any number of centres, or people, at 23:00.
 */
export function compareBurden(a: SlotBurden, b: SlotBurden): number {
  const woken = a.deepNight - b.deepNight;
  if (Math.abs(woken) > PENALTY_EPSILON) return woken;
  const penalty = a.penalty - b.penalty;
  return Math.abs(penalty) > PENALTY_EPSILON ? penalty : 0;
}

/** One decimal, rounded down: a reading never looks better than the slot is. */
const tenths = (value: number): number => Math.floor(value * 10 + 1e-9) / 10;

/**
 * The 0–100 reading of a burden, in the order `compareBurden` ranks: a slot that wakes nobody in the
 * deep night reads 50–100, linear in its penalty (100 when everyone is in working hours, 50 when everyone
 * is in the late evening or early morning); one that wakes someone reads below 50, linear in the share
 * woken (0 when everyone is).
 */
export function scoreOutOf100(burden: SlotBurden, totalFactor: number): number {
  if (totalFactor <= 0) return 100;
  if (burden.deepNight > PENALTY_EPSILON) {
    return Math.min(49.9, tenths(50 * (1 - Math.min(burden.deepNight, totalFactor) / totalFactor)));
  }
  const worstAwake = totalFactor * GRADE_PENALTY.unsocial;
  return tenths(50 + 50 * (1 - Math.min(burden.penalty, worstAwake) / worstAwake));
}

/** Scores a session of `durationMinutes` starting at `startsAt` for `audience`. */
export function scoreSlot(
  startsAt: number,
  durationMinutes: number,
  audience: readonly AudienceGroup[],
  rotation?: RotationWeights,
): ScoredSlot {
  let totalFactor = 0;
  const local = audience.map((group): GroupComfort => {
    const slot = localSlot(startsAt, durationMinutes, group.timeZone);
    const factor = groupFactor(group, rotation);
    totalFactor += factor;
    return { group, ...slot, factor, penalty: factor * GRADE_PENALTY[slot.grade] };
  });
  const burden = slotBurden(local);
  return {
    startsAt,
    endsAt: startsAt + durationMinutes * 60_000,
    ...burden,
    score: scoreOutOf100(burden, totalFactor),
    local,
  };
}

/** How many groups fall in each class (groups, not people: a zone of twenty registrants counts once). */
export function comfortCounts(local: readonly { comfort: Comfort }[]): Record<Comfort, number> {
  const counts: Record<Comfort, number> = { working: 0, acceptable: 0, night: 0 };
  for (const entry of local) counts[entry.comfort]++;
  return counts;
}

/** How many groups fall in each grade. */
export function gradeCounts(local: readonly { grade: BurdenGrade }[]): Record<BurdenGrade, number> {
  const counts = Object.fromEntries(BURDEN_GRADES.map((grade) => [grade, 0])) as Record<BurdenGrade, number>;
  for (const entry of local) counts[entry.grade]++;
  return counts;
}

/** "Asan, Essen and Amgen". */
export function joinLabels(labels: readonly string[]): string {
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

/**
 * "Melbourne at 02:00: deep night", or where the session reaches its grade later than it starts,
 * "Essen at 23:00: deep night from 00:00".
 */
export function explainPlace(entry: Pick<GroupComfort, 'group' | 'localStart' | 'gradeAt' | 'gradeWords'>): string {
  const start = entry.localStart.slice(11, 16);
  const from = entry.gradeAt === start ? '' : ` from ${entry.gradeAt}`;
  return `${entry.group.place ?? entry.group.label} at ${start}: ${entry.gradeWords}${from}`;
}

/**
 * The places a slot burdens, worst first, each with its local time and grade in words, then the rest:
 * "Seoul at 00:00: deep night; Melbourne at 02:00: deep night; Thousand Oaks at 07:00: early; working
 * hours in the 6 other places."
 */
export function explainSlot(local: readonly GroupComfort[]): string {
  const burdened = local
    .filter((entry) => entry.grade !== 'working')
    .sort((a, b) => GRADE_RANK[b.grade] - GRADE_RANK[a.grade] || b.penalty - a.penalty);
  if (burdened.length === 0) return 'Working hours for everyone.';
  const parts = [...new Set(burdened.map(explainPlace))];
  const working = [
    ...new Set(
      local.filter((entry) => entry.grade === 'working').map((entry) => entry.group.place ?? entry.group.label),
    ),
  ];
  if (working.length > 0) {
    parts.push(
      working.length > 3
        ? `working hours in the ${working.length} other places`
        : `working hours in ${joinLabels(working)}`,
    );
  }
  return `${parts.join('; ')}.`;
}
