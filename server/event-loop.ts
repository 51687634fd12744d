// Long loops of JavaScript in the server process (JOBS=on runs the jobs there, a first import
// included) hold every page until they end: the topic lens over a derivation chunk of 5,000 sets
// with their texts ran for seconds without a break. This lets requests in between.
import { setImmediate as nextTurn } from 'node:timers/promises';

export interface YieldOptions {
  /** At most this long between two turns of the event loop, in milliseconds. */
  sliceMs?: number;
  /** Milliseconds now; injectable for tests. */
  now?: () => number;
}

/** `items.map(fn)`, giving the event loop a turn whenever `sliceMs` has passed since the last. */
export async function mapYielding<T, R>(items: readonly T[], fn: (item: T) => R, options: YieldOptions = {}): Promise<R[]> {
  const { sliceMs = 10, now = () => performance.now() } = options;
  const out: R[] = [];
  let since = now();
  for (const item of items) {
    if (now() - since >= sliceMs) {
      await nextTurn();
      since = now();
    }
    out.push(fn(item));
  }
  return out;
}
