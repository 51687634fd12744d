// The one source of time for domain logic. Jobs get `--now`, the server gets `NOW`; tests pass
// their own. SQL `now()` is never used for domain timestamps.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at.getTime()) };
}
