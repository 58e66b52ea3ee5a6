// The planner's heat map: one row per institution, one column per hour of a summit day (in the summit's
// zone, as the builder's grid), each cell the burden of that hour where the institution is (its grade:
// working, early or late, late evening or early morning, deep night), worked out in the browser with the
// same rules the server ranks with (@apoc/shared/planner).
//
// Columns are elapsed hours from the day's midnight, not wall-clock readings: a day on which the summit's
// clocks spring forward has 23 columns and one on which they fall back has 25, as the builder has rows.
import type { AgendaSession, Institution, PlannedSlot, PlannerRequest, UpdateSession } from '@apoc/shared';
import { localSlot, type BurdenGrade, type Comfort } from '@apoc/shared/planner';
import { dayBounds, localDate, localTime, zoneOffsetMinutes } from '@apoc/shared/time';

const MS_PER_HOUR = 3_600_000;

/** The default length of a session without a time, when asking where to put it. */
export const DEFAULT_PLANNED_MINUTES = 60;

export interface HeatHour {
  /** The instant the hour starts. */
  start: number;
  /** "02:00" on the summit's wall clock (missing or repeated on a clock-change day, as in the city). */
  label: string;
}

export interface HeatCell {
  start: number;
  comfort: Comfort;
  grade: BurdenGrade;
  /** The hour's burden in words there: "deep night", "late evening", "early morning", "early", "late"… */
  words: string;
  /** "03:00" on the institution's wall clock. */
  localTime: string;
  /** The institution's date against the summit's: -1 the day before, 1 the day after. */
  dayShift: -1 | 0 | 1;
}

export interface HeatRow {
  institution: Institution;
  cells: HeatCell[];
}

/** The hours of `date` in `zone`: 24, or 23 and 25 on the days the clocks change. */
export function heatMapHours(date: string, zone: string): HeatHour[] {
  const { start, end } = dayBounds(date, zone);
  const count = Math.round((end.getTime() - start.getTime()) / MS_PER_HOUR);
  return Array.from({ length: count }, (_, index) => {
    const instant = start.getTime() + index * MS_PER_HOUR;
    return { start: instant, label: localTime(instant, zone) };
  });
}

/** Every institution across the hours, west to east (by offset at the first hour), each hour graded as lived there. */
export function heatMapRows(
  institutions: readonly Institution[],
  hours: readonly HeatHour[],
  summitZone: string,
): HeatRow[] {
  const first = hours[0]?.start ?? 0;
  return [...institutions]
    .sort(
      (a, b) =>
        zoneOffsetMinutes(first, a.timeZone) - zoneOffsetMinutes(first, b.timeZone) ||
        a.shortName.localeCompare(b.shortName),
    )
    .map((institution) => ({
      institution,
      cells: hours.map(({ start }): HeatCell => {
        const summitDate = localDate(start, summitZone);
        const date = localDate(start, institution.timeZone);
        const hour = localSlot(start, 60, institution.timeZone);
        return {
          start,
          comfort: hour.comfort,
          grade: hour.grade,
          words: hour.gradeWords,
          localTime: localTime(start, institution.timeZone),
          dayShift: date === summitDate ? 0 : date > summitDate ? 1 : -1,
        };
      }),
    }));
}

export interface Band {
  /** Columns from the left edge, fractional: 9.5 is half past the tenth hour's start. */
  from: number;
  to: number;
}

/** Where an interval falls across the hours, clipped to the day; null when it is not on this day. */
export function bandOf(hours: readonly HeatHour[], interval: { start: number; end: number }): Band | null {
  const first = hours[0];
  if (!first) return null;
  const from = Math.max(0, (interval.start - first.start) / MS_PER_HOUR);
  const to = Math.min(hours.length, (interval.end - first.start) / MS_PER_HOUR);
  return to > from ? { from, to } : null;
}

/** The session's length in minutes, as the planner accepts it (15–480, a multiple of 5). */
export function plannedMinutes(session: Pick<AgendaSession, 'startsAt' | 'endsAt'>): number {
  if (!session.startsAt || !session.endsAt) return DEFAULT_PLANNED_MINUTES;
  const minutes = (Date.parse(session.endsAt) - Date.parse(session.startsAt)) / 60_000;
  return Math.min(480, Math.max(15, Math.round(minutes / 5) * 5));
}

/** The institutions of the session's speakers, each once: they must be able to attend. */
export function speakerInstitutions(session: Pick<AgendaSession, 'people'>): string[] {
  const ids = session.people
    .filter((person) => person.role === 'speaker' && person.institutionId !== null)
    .map((person) => person.institutionId as string);
  return [...new Set(ids)];
}

/** What to ask the server: every quarter hour of the day, for every institution, speakers' ones protected. */
export function plannerRequestFor(
  session: Pick<AgendaSession, 'startsAt' | 'endsAt' | 'people' | 'summitId'>,
  date: string,
  protectSpeakers: boolean,
): PlannerRequest {
  const mustAttend = protectSpeakers ? speakerInstitutions(session) : [];
  return {
    dates: [date],
    durationMinutes: plannedMinutes(session),
    summitId: session.summitId,
    audience: { kind: 'institutions' },
    ...(mustAttend.length > 0 ? { mustAttend } : {}),
    limit: 5,
    pairs: 1,
  };
}

/** "Place here": the session moves to the suggestion's start and end, and keeps its room and track. */
export function placementPatch(slot: Pick<PlannedSlot, 'startsAt' | 'endsAt'>): UpdateSession {
  return { startsAt: slot.startsAt, endsAt: slot.endsAt };
}
