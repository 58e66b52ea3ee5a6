// Whether it is a good moment to reach someone in a member city: the same three words the
// planner uses (working, acceptable, night), from the wall clock in that city.
import { wallClock } from '@apoc/shared/time';
import { m } from '../../paraglide/messages.js';

export type Comfort = 'working' | 'acceptable' | 'night';

/** The comfort in words: "Working hours", "Outside working hours", "Night". */
export function comfortLabel(comfort: Comfort): string {
  switch (comfort) {
    case 'working':
      return m.home_comfort_working();
    case 'acceptable':
      return m.home_comfort_acceptable();
    case 'night':
      return m.home_comfort_night();
  }
}

/** Working: 09:00–18:00 on a weekday. Night: 22:00–07:00 any day. Anything else is acceptable. */
export function comfortAt(instant: Date | number, zone: string): Comfort {
  const clock = wallClock(instant, zone);
  if (clock.hour >= 22 || clock.hour < 7) return 'night';
  if (clock.weekday <= 5 && clock.hour >= 9 && clock.hour < 18) return 'working';
  return 'acceptable';
}
