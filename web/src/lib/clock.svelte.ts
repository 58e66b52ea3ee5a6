// "Now", as reactive state that ticks on the minute while something on screen reads it.
// Countdowns and the network's local times only change at minute granularity.
import { createSubscriber } from 'svelte/reactivity';

export class MinuteClock {
  #now = Date.now();
  #subscribe: () => void;

  constructor() {
    this.#subscribe = createSubscriber((update) => {
      let timer: ReturnType<typeof setTimeout>;
      const schedule = (): void => {
        // A little after the minute turns, so that the displayed minute has really changed.
        timer = setTimeout(tick, 60_000 - (Date.now() % 60_000) + 50);
      };
      const tick = (): void => {
        this.#now = Date.now();
        update();
        schedule();
      };
      this.#now = Date.now();
      schedule();
      return () => clearTimeout(timer);
    });
  }

  get now(): number {
    this.#subscribe();
    return this.#now;
  }
}

export const minuteClock = new MinuteClock();
