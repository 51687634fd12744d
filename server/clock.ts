// The one source of time for domain logic. Jobs get `--now`, the server gets `NOW`; tests pass
// their own. SQL `now()` is never used for domain timestamps.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at.getTime()) };
}

/** A fixed clock that can be moved on: the timeline of `npm run demo` (jobs/demo.ts). */
export interface SettableClock extends Clock {
  set(at: Date): void;
}

export function settableClock(at: Date): SettableClock {
  let ms = at.getTime();
  return { now: () => new Date(ms), set: (next) => void (ms = next.getTime()) };
}
