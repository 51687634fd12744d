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

t.test('reuses the result for the TTL, then serves it while one fresh load runs', async (t) => {
  let now = 0;
  const c = counter();
  const get = memoize(30_000, c.load, () => now);
  t.equal(await get(), 1);
  now = 29_999;
  t.equal(await get(), 1, 'still held just before the TTL');
  now = 30_000;
  const [a, b] = await Promise.all([get(), get()]);
  t.same([a, b], [1, 1], 'at the TTL the held value is served at once');
  t.equal(c.loads(), 2, 'and one fresh load started behind it');
  t.equal(await get(), 2, 'the next caller gets the fresh value');
  now = 59_999;
  t.equal(await get(), 2, 'held for the TTL from when its load started');
  t.equal(c.loads(), 2);
});

t.test('a failed refresh keeps the held value; the next call tries again', async (t) => {
  let now = 0;
  const c = counter();
  const get = memoize(1000, c.load, () => now);
  t.equal(await get(), 1);
  now = 1000;
  c.failNext(true);
  t.equal(await get(), 1, 'served while the refresh fails');
  await Promise.resolve();
  t.equal(await get(), 1, 'still served after the failure');
  t.equal(c.loads(), 3, 'each call after the failure tries again');
  c.failNext(false);
  await get();
  t.equal(await get(), 4, 'a refresh that succeeds replaces it');
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
