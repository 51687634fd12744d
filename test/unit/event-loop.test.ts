// mapYielding (server/event-loop.ts): a long loop gives the event loop a turn once its time slice
// is used up, so a request waiting meanwhile is served; the result is items.map(fn).
import t from 'tap';
import { mapYielding } from '../../server/event-loop.ts';

t.test('gives the event loop a turn once each slice is used up', async (t) => {
  let clock = 0;
  const order: string[] = [];
  // Each item takes 4 ms on the injected clock: with 10 ms slices, a turn after every third item.
  const work = (n: number) => {
    clock += 4;
    order.push(`item ${n}`);
    return n * 2;
  };
  setImmediate(() => order.push('waiting request'));
  const out = await mapYielding([1, 2, 3, 4, 5, 6, 7], work, { sliceMs: 10, now: () => clock });
  t.same(out, [2, 4, 6, 8, 10, 12, 14]);
  t.same(order.slice(0, 5), ['item 1', 'item 2', 'item 3', 'waiting request', 'item 4']);
});

t.test('a loop within its slice runs without a break', async (t) => {
  const order: string[] = [];
  setImmediate(() => order.push('waiting request'));
  await mapYielding(['a', 'b', 'c'], (x) => order.push(x), { sliceMs: 10, now: () => 0 });
  order.push('done');
  t.same(order, ['a', 'b', 'c', 'done']);
  t.same(await mapYielding([], (x: number) => x), []);
});
