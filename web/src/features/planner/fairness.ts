// The fairness report as the chart shows it: per institution, the night and out-of-hours sessions of
// this edition beside those of the previous editions followed from home (an in-person edition's local
// times fall on travellers, not on people at home, so it does not count towards the burden).
import type { FairnessReport } from '@apoc/shared';

export interface FairnessBurden {
  night: number;
  /** Of the night sessions, those reaching 00:00–06:00. */
  deepNight: number;
  /** Early, late or weekend: the "acceptable" class. */
  outOfHours: number;
}

export interface FairnessRow {
  institutionId: string;
  label: string;
  current: FairnessBurden;
  previous: FairnessBurden;
}

export interface FairnessChart {
  current: FairnessReport['editions'][number] | null;
  previous: FairnessReport['editions'];
  rows: FairnessRow[];
  /** The longest bar's length (at least 1), the chart's scale. */
  max: number;
}

export function fairnessChart(report: FairnessReport): FairnessChart {
  const current = report.editions.find((edition) => edition.current) ?? null;
  const previous = report.editions.filter((edition) => !edition.current && edition.followedFromHome);
  const labels = new Map<string, string>();
  for (const edition of report.editions) {
    for (const entry of edition.institutions) labels.set(entry.institutionId, entry.label);
  }
  const rows = [...labels].map(([institutionId, label]): FairnessRow => {
    const now = current?.institutions.find((entry) => entry.institutionId === institutionId);
    const before = previous
      .flatMap((edition) => edition.institutions)
      .filter((entry) => entry.institutionId === institutionId);
    return {
      institutionId,
      label,
      current: { night: now?.night ?? 0, deepNight: now?.deepNight ?? 0, outOfHours: now?.acceptable ?? 0 },
      previous: {
        night: before.reduce((sum, entry) => sum + entry.night, 0),
        deepNight: before.reduce((sum, entry) => sum + entry.deepNight, 0),
        outOfHours: before.reduce((sum, entry) => sum + entry.acceptable, 0),
      },
    };
  });
  const max = Math.max(1, ...rows.flatMap((row) => [row.current, row.previous].map((b) => b.night + b.outOfHours)));
  return { current, previous, rows, max };
}
