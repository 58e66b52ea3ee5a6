/**
 * A fixed-window counter per key, in memory. @fastify/rate-limit runs one limiter per request, and the
 * sign-in route needs two (per IP and per address), so the per-address one lives here.
 */
export class AttemptCounter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    /** Bounds memory under a flood of distinct keys; the oldest windows go first. */
    private readonly maxKeys = 50_000,
  ) {}

  /** Counts one attempt; returns 0 when allowed, else the seconds until the next attempt is. */
  hit(key: string, now = Date.now()): number {
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= this.windowMs) {
      this.windows.delete(key);
      if (this.windows.size >= this.maxKeys) {
        const oldest = this.windows.keys().next().value;
        if (oldest !== undefined) this.windows.delete(oldest);
      }
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= this.max) return 0;
    return Math.max(1, Math.ceil((window.startedAt + this.windowMs - now) / 1000));
  }
}
