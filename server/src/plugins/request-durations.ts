import type { Metric } from 'prom-client';

/** One series: how many requests fell in each bucket (not cumulative), their total duration and their number. */
interface Series {
  labels: { method: string; route: string; status: string };
  buckets: number[];
  sum: number;
  count: number;
}

/**
 * The request-duration histogram, kept by hand for prom-client's registry: observing a request is a map lookup and
 * two additions. prom-client's own Histogram validates and hashes the labels on every observation, which costs
 * more than the rest of a cached answer's hooks together.
 */
export class RequestDurations {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  /** Series by method and route, then by status code. */
  private readonly series = new Map<string, Map<number, Series>>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly upperBounds: readonly number[],
  ) {}

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${route}`;
    let byStatus = this.series.get(key);
    if (!byStatus) {
      byStatus = new Map();
      this.series.set(key, byStatus);
    }
    let series = byStatus.get(status);
    if (!series) {
      series = {
        labels: { method, route, status: String(status) },
        buckets: Array.from({ length: this.upperBounds.length + 1 }, () => 0),
        sum: 0,
        count: 0,
      };
      byStatus.set(status, series);
    }
    let bucket = 0;
    while (bucket < this.upperBounds.length && seconds > (this.upperBounds[bucket] ?? Infinity)) bucket++;
    series.buckets[bucket] = (series.buckets[bucket] ?? 0) + 1;
    series.sum += seconds;
    series.count += 1;
  }

  /** What the registry prints: cumulative buckets up to +Inf, the sum and the count of each series. */
  get(): Promise<{
    name: string;
    help: string;
    type: 'histogram';
    aggregator: 'sum';
    values: { metricName: string; labels: Record<string, string | number>; value: number }[];
  }> {
    const values: { metricName: string; labels: Record<string, string | number>; value: number }[] = [];
    for (const byStatus of this.series.values()) {
      for (const { labels, buckets, sum, count } of byStatus.values()) {
        let cumulative = 0;
        for (const [i, bound] of [...this.upperBounds, '+Inf' as const].entries()) {
          cumulative += buckets[i] ?? 0;
          values.push({ metricName: `${this.name}_bucket`, labels: { ...labels, le: bound }, value: cumulative });
        }
        values.push({ metricName: `${this.name}_sum`, labels, value: sum });
        values.push({ metricName: `${this.name}_count`, labels, value: count });
      }
    }
    return Promise.resolve({ name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values });
  }

  reset(): void {
    this.series.clear();
  }

  /** As prom-client's registry takes it. */
  asMetric(): Metric {
    return this as unknown as Metric;
  }
}
