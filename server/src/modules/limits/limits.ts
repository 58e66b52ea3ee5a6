import type { LimitsRepository } from './limits.repository';

/** Fixed-window counters: `hit` counts one attempt and answers 0 when it is allowed, else the seconds to wait. */
export interface RateWindows {
  hit(key: string, max: number, windowMs: number): Promise<number>;
}

const waitSeconds = (startedAt: number, windowMs: number, now: number) =>
  Math.max(1, Math.ceil((startedAt + windowMs - now) / 1000));

/** One instance (SQLite): in memory, bounded in keys, the oldest windows forgotten first. */
export class MemoryRateWindows implements RateWindows {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly clock: () => number = Date.now,
    private readonly maxKeys = 50_000,
  ) {}

  async hit(key: string, max: number, windowMs: number): Promise<number> {
    const now = this.clock();
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= windowMs) {
      this.windows.delete(key);
      if (this.windows.size >= this.maxKeys) {
        const oldest = this.windows.keys().next().value;
        if (oldest !== undefined) this.windows.delete(oldest);
      }
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return window.count <= max ? 0 : waitSeconds(window.startedAt, windowMs, now);
  }
}

/** Several instances (PostgreSQL): the windows are rows every instance counts on. */
export class SharedRateWindows implements RateWindows {
  constructor(
    private readonly limits: LimitsRepository,
    private readonly clock: () => number = Date.now,
  ) {}

  async hit(key: string, max: number, windowMs: number): Promise<number> {
    const now = this.clock();
    const { hits, startedAt } = await this.limits.hit(key, windowMs, new Date(now));
    return hits <= max ? 0 : waitSeconds(startedAt.getTime(), windowMs, now);
  }
}

/**
 * @fastify/rate-limit's store interface over shared windows: one store per route (its method and pattern prefix the
 * key), so that the limits of two routes never count together.
 */
export function sharedRateLimitStore(windows: () => LimitsRepository) {
  return class SharedRateLimitStore {
    private route = '';

    child(params: object) {
      const route = (params as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo;
      const store = new SharedRateLimitStore();
      store.route = `${[route?.method ?? ''].flat().join(',')} ${route?.url ?? ''}`;
      return store;
    }

    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ) {
      const now = Date.now();
      windows()
        .hit(`${this.route}\n${key}`, timeWindow, new Date(now))
        .then(({ hits, startedAt }) =>
          callback(null, { current: hits, ttl: Math.max(0, startedAt.getTime() + timeWindow - now) }),
        )
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    }
  };
}
