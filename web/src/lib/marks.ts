// What people wait for in the agenda, as performance measures: the time from an action to the page showing its
// result (the frame after the one that painted it). `pnpm bench` reads them in Chromium; anyone can see them in the
// browser's performance panel.

/** Measures `name` from `start` (a performance.now() or an event's timeStamp) to after the next paint. */
export function measureUntilPainted(name: string, start: number = performance.now()): void {
  if (typeof requestAnimationFrame !== 'function' || typeof performance.measure !== 'function') return;
  requestAnimationFrame(() => {
    setTimeout(() => performance.measure(name, { start, end: performance.now() }), 0);
  });
}
