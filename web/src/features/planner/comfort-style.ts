// How each grade of burden is drawn: an icon and words beside the colour and pattern, never colour alone.
import type { BurdenGrade } from '@apoc/shared/planner';

export const GRADE_ICONS = {
  working: 'sun',
  fringe: 'sunrise',
  unsocial: 'moon',
  'deep-night': 'moon',
} as const satisfies Record<BurdenGrade, string>;

export const GRADE_HINTS: Record<BurdenGrade, string> = {
  working: '09:00–18:00 on a weekday',
  fringe: '07:00–09:00 or 18:00–22:00, or a weekend day',
  unsocial: '22:00–24:00 or 06:00–07:00',
  'deep-night': '00:00–06:00: avoided whenever a time spares everyone',
};

/** Short, lower-case words for a list: "working hours", "early, late or weekend", "late evening or early morning", "deep night". */
export const GRADE_WORDS: Record<BurdenGrade, string> = {
  working: 'working hours',
  fringe: 'early, late or weekend',
  unsocial: 'late evening or early morning',
  'deep-night': 'deep night',
};

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "Tue" for an ISO weekday (1 = Monday … 7 = Sunday). */
export const weekdayName = (weekday: number): string => WEEKDAYS[(weekday - 1) % 7] ?? '';
