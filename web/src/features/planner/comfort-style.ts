// How each grade of burden is drawn: an icon and words beside the colour and pattern, never colour alone.
import type { Institution, PlannedSlot } from '@apoc/shared';
import { GRADE_RANK, type BurdenGrade } from '@apoc/shared/planner';
import { formatLocale } from '../../lib/language';
import { m } from '../../paraglide/messages.js';

export const GRADE_ICONS = {
  working: 'sun',
  fringe: 'sunrise',
  unsocial: 'moon',
  'deep-night': 'moon',
} as const satisfies Record<BurdenGrade, string>;

/** The grades' names, as the key to the heat map shows them: "Working hours", "Deep night"… */
export const GRADE_NAMES: Record<BurdenGrade, string> = {
  working: m.planner_grade_working(),
  fringe: m.planner_grade_fringe(),
  unsocial: m.planner_grade_unsocial(),
  'deep-night': m.planner_grade_deep_night(),
};

export const GRADE_HINTS: Record<BurdenGrade, string> = {
  working: m.planner_grade_working_hint(),
  fringe: m.planner_grade_fringe_hint(),
  unsocial: m.planner_grade_unsocial_hint(),
  'deep-night': m.planner_grade_deep_night_hint(),
};

/** Short, lower-case words for a list: "working hours", "early, late or weekend", "late evening or early morning", "deep night". */
export const GRADE_WORDS: Record<BurdenGrade, string> = {
  working: m.planner_grade_working_words(),
  fringe: m.planner_grade_fringe_words(),
  unsocial: m.planner_grade_unsocial_words(),
  'deep-night': m.planner_grade_deep_night_words(),
};

/** How many places a slot puts in a grade: "2 deep night", "6 working hours". */
export function gradeCount(grade: BurdenGrade, count: number): string {
  switch (grade) {
    case 'working':
      return m.planner_count_working({ count });
    case 'fringe':
      return m.planner_count_fringe({ count });
    case 'unsocial':
      return m.planner_count_unsocial({ count });
    case 'deep-night':
      return m.planner_count_deep_night({ count });
  }
}

/**
 * The words for an hour where someone is, which the shared rules (and the server) write in English:
 * "deep night", "late evening", "early morning", "early", "late", "weekend", "working hours".
 */
export function hourWords(words: string): string {
  switch (words) {
    case 'deep night':
      return m.planner_words_deep_night();
    case 'late evening':
      return m.planner_words_late_evening();
    case 'early morning':
      return m.planner_words_early_morning();
    case 'early':
      return m.planner_words_early();
    case 'late':
      return m.planner_words_late();
    case 'weekend':
      return m.planner_words_weekend();
    case 'working hours':
      return m.planner_words_working_hours();
    default:
      return words;
  }
}

const weekdayFormat = new Intl.DateTimeFormat(formatLocale, { weekday: 'short', timeZone: 'UTC' });

/** "Tue" for an ISO weekday (1 = Monday … 7 = Sunday), in the page's language. */
export const weekdayName = (weekday: number): string =>
  Number.isInteger(weekday) && weekday >= 1 ? weekdayFormat.format(Date.UTC(2024, 0, ((weekday - 1) % 7) + 1)) : '';

/** "Asan, Essen and Amgen". */
function joinPlaces(places: readonly string[]): string {
  if (places.length <= 1) return places.join('');
  return m.planner_places_and({ places: places.slice(0, -1).join(', '), last: places.at(-1) ?? '' });
}

/**
 * Why a suggestion ranks where it does, in the page's language: the places it burdens, worst first, each with
 * its local time and grade in words, then the rest ("Seoul at 00:00: deep night; Thousand Oaks at 07:00:
 * early; working hours in the 6 other places."). The server writes the same sentence in English, from the
 * same local times; a place is the institution's city, else the group's label.
 */
export function explainSlot(slot: Pick<PlannedSlot, 'local'>, institutions: readonly Institution[]): string {
  const placeOf = (local: PlannedSlot['local'][number]): string =>
    (local.institutionId === null
      ? undefined
      : institutions.find((institution) => institution.id === local.institutionId)?.city) ?? local.label;
  const burdened = slot.local
    .filter((local) => local.grade !== 'working')
    .sort((a, b) => GRADE_RANK[b.grade] - GRADE_RANK[a.grade] || b.penalty - a.penalty);
  if (burdened.length === 0) return m.planner_explain_everyone_working();
  const parts = [
    ...new Set(
      burdened.map((local) => {
        const time = local.localStart.slice(11, 16);
        const place = placeOf(local);
        const words = hourWords(local.gradeWords);
        return local.gradeAt === time
          ? m.planner_explain_place({ place, time, words })
          : m.planner_explain_place_from({ place, time, words, from: local.gradeAt });
      }),
    ),
  ];
  const working = [...new Set(slot.local.filter((local) => local.grade === 'working').map(placeOf))];
  if (working.length > 0) {
    parts.push(
      working.length > 3
        ? m.planner_explain_working_others({ count: working.length })
        : m.planner_explain_working_in({ places: joinPlaces(working) }),
    );
  }
  return m.planner_explain_sentence({ parts: parts.join(m.planner_explain_separator()) });
}
