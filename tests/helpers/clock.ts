/** A clock that tests move by hand: offers expire and reminders fall due without waiting. */
export class TestClock {
  private instant: number;

  constructor(start: Date | number = Date.now()) {
    this.instant = typeof start === 'number' ? start : start.getTime();
  }

  readonly now = (): Date => new Date(this.instant);

  advance(ms: number): void {
    this.instant += ms;
  }

  set(instant: Date): void {
    this.instant = instant.getTime();
  }
}

export const HOURS = 3_600_000;
export const DAYS = 24 * HOURS;
