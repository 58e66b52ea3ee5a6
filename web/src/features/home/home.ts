// Which summits the home page puts where: the one happening now or coming next first, then the
// other upcoming ones (soonest first), then past ones (most recent first).
import type { SummitSummary } from '@apoc/shared';
import { summitTiming } from '../summits/summit-dates';

export interface HomeSummits {
  featured: SummitSummary | null;
  upcoming: SummitSummary[];
  past: SummitSummary[];
}

export function arrangeSummits(summits: readonly SummitSummary[], now: number): HomeSummits {
  const byStart = [...summits].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const notOver = byStart.filter((summit) => summitTiming(summit, now) !== 'past');
  const past = byStart.filter((summit) => summitTiming(summit, now) === 'past').reverse();
  const [featured = null, ...upcoming] = notOver;
  return { featured, upcoming, past };
}
