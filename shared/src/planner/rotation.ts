// Rotation between editions: who carried the night sessions before, and how much more their
// discomfort counts this time, so that the nights move around the network instead of falling on the
// same institutions summit after summit.

import type { SessionKind, SessionStatus, SummitFormat } from '../domain';
import { localSlot, type Comfort } from './comfort';

/**
 * How far rotation moves an institution's penalties: an institution that carried the most nights
 * weighs up to 1 + ROTATION_STRENGTH, one that carried none down to 1 − ROTATION_STRENGTH.
 * At 0.5, rotation can turn a choice between two nights (a night for a fresh institution costs 5
 * instead of 10; for the most burdened, up to 15) but never makes a night cheaper than early or late
 * hours for the whole rest of the network.
 */
export const ROTATION_STRENGTH = 0.5;

/** Each edition further back counts half as much as the one after it: the last edition weighs most. */
export const EDITION_DECAY = 0.5;

/** A session of an edition, as the agenda gives it. */
export interface EditionSession {
  kind: SessionKind;
  status: SessionStatus;
  startsAt: string | null;
  endsAt: string | null;
}

/** Breaks are not followed from afar, cancelled sessions did not happen, unscheduled ones have no time. */
export function isFollowedSession(session: EditionSession): session is EditionSession & {
  startsAt: string;
  endsAt: string;
} {
  return session.status === 'scheduled' && session.kind !== 'break' && !!session.startsAt && !!session.endsAt;
}

/**
 * Only editions that people follow from home put their home's night on them: at an in-person
 * edition everyone travelled to the venue, and its agenda follows the venue's day.
 */
export function isFollowedFromHome(format: SummitFormat): boolean {
  return format !== 'in_person';
}

export interface Place {
  id: string;
  timeZone: string;
}

/** Sessions per class, and of the night ones, how many reached the deep night (00:00–06:00). */
export type ComfortTally = Record<Comfort, number> & { deepNight: number };

export const emptyTally = (): ComfortTally => ({ working: 0, acceptable: 0, night: 0, deepNight: 0 });

/** For each place, how many of the followed sessions fell in each class at its local time. */
export function tallySessions(
  sessions: readonly EditionSession[],
  places: readonly Place[],
): Map<string, ComfortTally> {
  const tallies = new Map<string, ComfortTally>(places.map((place) => [place.id, emptyTally()]));
  for (const session of sessions) {
    if (!isFollowedSession(session)) continue;
    const start = Date.parse(session.startsAt);
    const minutes = Math.max(1, Math.round((Date.parse(session.endsAt) - start) / 60_000));
    for (const place of places) {
      const tally = tallies.get(place.id);
      if (!tally) continue;
      const slot = localSlot(start, minutes, place.timeZone);
      tally[slot.comfort]++;
      if (slot.grade === 'deep-night') tally.deepNight++;
    }
  }
  return tallies;
}

/**
 * The night burden of each institution: its night sessions in the last edition, plus half those of
 * the one before, a quarter of the one before that… (`nightsByEdition` newest first).
 */
export function nightBurden(nightsByEdition: readonly ReadonlyMap<string, number>[]): Map<string, number> {
  const burden = new Map<string, number>();
  nightsByEdition.forEach((nights, index) => {
    const weight = EDITION_DECAY ** index;
    for (const [id, count] of nights) burden.set(id, (burden.get(id) ?? 0) + weight * count);
  });
  return burden;
}

/**
 * The factor on each institution's penalties: 1 + ROTATION_STRENGTH × (burden − mean) / max burden.
 * Those who carried more nights than the average weigh up (their nights cost more, so suggestions
 * spare them), those who carried fewer weigh down; with equal burdens, or none, every factor is 1.
 * The factors average to 1, so rotation moves discomfort around without changing the overall scale.
 */
export function rotationWeights(
  burden: ReadonlyMap<string, number>,
  institutionIds: readonly string[],
): Map<string, number> {
  const values = institutionIds.map((id) => burden.get(id) ?? 0);
  const max = Math.max(0, ...values);
  const mean = values.length > 0 ? values.reduce((sum, value) => sum + value, 0) / values.length : 0;
  return new Map(
    institutionIds.map((id, index) => [
      id,
      max > 0 ? 1 + (ROTATION_STRENGTH * ((values[index] ?? 0) - mean)) / max : 1,
    ]),
  );
}
