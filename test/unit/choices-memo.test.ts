import t from 'tap';
import { memoize } from '../../server/question-list/choices-memo.ts';

function counter() {
  let loads = 0;
  let fail = false;
  return {
    load: async () => {
      loads += 1;
      if (fail) throw new Error('database down');
      return loads;
    },
    loads: () => loads,
    failNext: (value: boolean) => (fail = value),
  };
}

t.test('reuses the result for the TTL, then loads again', async (t) => {
  let now = 0;
  const c = counter();
  const get = memoize(30_000, c.load, () => now);
  t.equal(await get(), 1);
  now = 29_999;
  t.equal(await get(), 1, 'still held just before the TTL');
  now = 30_000;
  t.equal(await get(), 2, 'loaded again at the TTL');
  t.equal(c.loads(), 2);
});

t.test('callers arriving during a load share it', async (t) => {
  const c = counter();
  const get = memoize(1000, c.load, () => 0);
  const [a, b] = await Promise.all([get(), get()]);
  t.same([a, b], [1, 1]);
  t.equal(c.loads(), 1);
});

t.test('a failed load is not kept', async (t) => {
  const c = counter();
  const get = memoize(1000, c.load, () => 0);
  c.failNext(true);
  await t.rejects(get(), /database down/);
  c.failNext(false);
  t.equal(await get(), 2, 'the next call loads again');
});

t.test('a TTL of 0 keeps nothing (PAGE_CACHE_SECONDS=0)', async (t) => {
  const c = counter();
  const get = memoize(0, c.load, () => 0);
  await get();
  await get();
  t.equal(c.loads(), 2);
});
