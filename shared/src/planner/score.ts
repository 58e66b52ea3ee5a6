// The score of a start time for an audience: what it costs, in discomfort, to the people who follow it.

import { COMFORT_CLASSES, localSlot, type Comfort } from './comfort';

/**
 * Penalty of one class for one unit of weight (one institution, or one registrant of a zone).
 * Night costs ten times an early or late session: with the nine organisations of the network, a
 * night for one of them (10) outweighs early or late hours for all eight others (8), which is how
 * people weigh it ("an evening call is a nuisance, a 3 a.m. call is a lost night"). Working hours
 * cost nothing, so a slot that suits everyone scores 0.
 */
export const COMFORT_PENALTY: Record<Comfort, number> = { working: 0, acceptable: 1, night: 10 };

/** Those who follow a session from one place: an institution, or the registrants of one zone. */
export interface AudienceGroup {
  /** Unique within the audience: the institution's id, or `zone:<IANA zone>`. */
  key: string;
  institutionId: string | null;
  /** For people: "Asan", "Seoul". */
  label: string;
  timeZone: string;
  /** How many people this group counts for: 1 per institution, the headcount for a zone. */
  weight: number;
}

/** Factors on the penalties of institutions, by institution id, from rotation between editions. */
export type RotationWeights = ReadonlyMap<string, number>;

export interface GroupComfort {
  group: AudienceGroup;
  localStart: string;
  localEnd: string;
  weekday: number;
  comfort: Comfort;
  /** The group's weight × its rotation factor: what one unit of penalty costs for this group. */
  factor: number;
  /** factor × COMFORT_PENALTY[comfort]. */
  penalty: number;
}

export interface ScoredSlot {
  startsAt: number;
  endsAt: number;
  /** Sum of the groups' penalties: lower is better, 0 when every group is in working hours. */
  penalty: number;
  /** 0–100, higher is better: 100 when every group is in working hours, 0 when all are at night. */
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

/** The penalty of a slot from each group's class and factor: the one rule every ranking uses. */
export function slotPenalty(entries: readonly { comfort: Comfort; factor: number }[]): number {
  let penalty = 0;
  for (const entry of entries) penalty += entry.factor * COMFORT_PENALTY[entry.comfort];
  return penalty;
}

/**
 * The 0–100 reading of a penalty, linear so that it ranks slots exactly as the penalty does:
 * 100 − 100 × penalty / (the penalty if every group were at night), to one decimal.
 */
export function scoreOutOf100(penalty: number, totalFactor: number): number {
  if (totalFactor <= 0) return 100;
  const worst = totalFactor * COMFORT_PENALTY.night;
  return Math.round(1000 * (1 - Math.min(penalty, worst) / worst)) / 10;
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
    return { group, ...slot, factor, penalty: factor * COMFORT_PENALTY[slot.comfort] };
  });
  const penalty = slotPenalty(local);
  return {
    startsAt,
    endsAt: startsAt + durationMinutes * 60_000,
    penalty,
    score: scoreOutOf100(penalty, totalFactor),
    local,
  };
}

/** How many groups fall in each class (groups, not people: a zone of twenty registrants counts once). */
export function comfortCounts(local: readonly { comfort: Comfort }[]): Record<Comfort, number> {
  const counts: Record<Comfort, number> = { working: 0, acceptable: 0, night: 0 };
  for (const entry of local) counts[entry.comfort]++;
  return counts;
}

/** "Asan, Essen and Amgen". */
export function joinLabels(labels: readonly string[]): string {
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

const PHRASES: Record<Comfort, string> = {
  night: 'at night for',
  acceptable: 'early, late or on a weekend for',
  working: 'in working hours for',
};

/** "At night for Asan and Peter Mac; early, late or on a weekend for Amgen; in working hours for the 6 others." */
export function explainSlot(local: readonly GroupComfort[]): string {
  const counts = comfortCounts(local);
  if (counts.working === local.length) return 'In working hours for everyone.';
  const parts: string[] = [];
  for (const comfort of [...COMFORT_CLASSES].reverse()) {
    const labels = local.filter((entry) => entry.comfort === comfort).map((entry) => entry.group.label);
    if (labels.length === 0) continue;
    const who = comfort === 'working' && labels.length > 3 ? `the ${labels.length} others` : joinLabels(labels);
    parts.push(`${PHRASES[comfort]} ${who}`);
  }
  const sentence = parts.join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}
