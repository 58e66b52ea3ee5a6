/**
 * A rate limit of `capacity` actions at once, then one more every `everyMs` (a token bucket, written as the
 * generic cell rate algorithm): one number of state, whole milliseconds, no drift, so that thousands of
 * connections can each hold a few.
 */
export class RateLimit {
  /** When the bucket will be full again if nothing else happens ("theoretical arrival time"). */
  private fullAt: number;

  constructor(
    readonly capacity: number,
    readonly everyMs: number,
    now: number = Date.now(),
  ) {
    this.fullAt = now;
  }

  /** Takes one action: 0 when allowed, else how many milliseconds until one will be. */
  take(now: number = Date.now()): number {
    const next = Math.max(this.fullAt, now) + this.everyMs;
    const excess = next - now - this.capacity * this.everyMs;
    if (excess > 0) return excess;
    this.fullAt = next;
    return 0;
  }
}
