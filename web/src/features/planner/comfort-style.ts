// How each comfort class is drawn: an icon and words beside the colour and pattern, never colour alone.
import type { Comfort } from '@apoc/shared/planner';

export const COMFORT_ICONS = { working: 'sun', acceptable: 'sunrise', night: 'moon' } as const satisfies Record<
  Comfort,
  string
>;

export const COMFORT_HINTS: Record<Comfort, string> = {
  working: '09:00–18:00 on a weekday',
  acceptable: '07:00–09:00 or 18:00–22:00, or a weekend day',
  night: '22:00–07:00',
};

/** Short, lower-case words for a cell or a list: "working hours", "early, late or weekend", "night". */
export const COMFORT_WORDS: Record<Comfort, string> = {
  working: 'working hours',
  acceptable: 'early, late or weekend',
  night: 'night',
};

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "Tue" for an ISO weekday (1 = Monday … 7 = Sunday). */
export const weekdayName = (weekday: number): string => WEEKDAYS[(weekday - 1) % 7] ?? '';
