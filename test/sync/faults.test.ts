import { eq, sql } from 'drizzle-orm';
import t from 'tap';
import { fracties, syncState } from '../../server/db/schema/index.ts';
import { parseRetryAfter } from '../../server/sync/client.ts';
import { testDatabase } from '../helpers/databases.ts';
import { startFakeFeed } from './helpers/feed-server.ts';
import { count, syncOnce } from './helpers/run.ts';
import { fractie, guid } from './helpers/sample.ts';

const only = { run: { categories: ['Fractie'] } };

async function setup(t: { teardown(fn: () => unknown): void }) {
  const { db } = await testDatabase(t);
  const feed = await startFakeFeed({ pageSize: 2 });
  t.teardown(() => feed.close());
  feed.push('Fractie', fractie(1, 'SP'), fractie(2, 'VVD'), fractie(3, 'D66'), fractie(4, 'CDA'));
  return { db, feed };
}

t.test('5xx is retried with exponential back-off and jitter', async (t) => {
  const { db, feed } = await setup(t);
  let failures = 3;
  feed.fault = (r) => (r.skiptoken === null && failures-- > 0 ? { status: 502 } : undefined);
  const run = await syncOnce(db, feed.url, { ...only, client: { random: () => 0.5, retry: { attempts: 5, baseDelayMs: 1000, maxDelayMs: 3000 } } });
  t.error(run.error);
  t.same(run.sleeps, [500, 1000, 1500], 'half of 1 s, 2 s, then the 3 s cap');
  t.equal(await count(db, 'fracties'), 4);
});

t.test('429 honours Retry-After exactly; too long a Retry-After ends the run', async (t) => {
  const { db, feed } = await setup(t);
  let once = true;
  feed.fault = (r) => (r.skiptoken === null && once ? ((once = false), { status: 429, headers: { 'retry-after': '7' } }) : undefined);
  const run = await syncOnce(db, feed.url, only);
  t.error(run.error);
  t.same(run.sleeps, [7000]);

  const before = feed.requests.length;
  feed.fault = () => ({ status: 429, headers: { 'retry-after': '3600' } });
  feed.push('Fractie', fractie(5, 'BBB'));
  const second = await syncOnce(db, feed.url, only);
  t.match(String(second.error), /rate-limited: HTTP 429/);
  t.equal(feed.requests.length - before, 1, 'no request after a Retry-After beyond the limit');
  t.same(second.sleeps, []);
  t.equal(parseRetryAfter('Wed, 21 Oct 2026 07:28:05 GMT', new Date('2026-10-21T07:28:00Z')), 5000, 'HTTP-date form');
  t.equal(parseRetryAfter('soon', new Date()), undefined);
});

t.test('a stalled response times out and is retried', async (t) => {
  const { db, feed } = await setup(t);
  let stalls = 1;
  feed.fault = (r) => (r.skiptoken === null && stalls-- > 0 ? { kind: 'stall' } : undefined);
  const run = await syncOnce(db, feed.url, { ...only, client: { headersTimeoutMs: 150, bodyTimeoutMs: 150 } });
  t.error(run.error);
  t.equal(run.sleeps.length, 1);
  t.equal(await count(db, 'fracties'), 4);
});

t.test('truncated page, connection reset and malformed XML are retried', async (t) => {
  const { db, feed } = await setup(t);
  const faults = [{ kind: 'truncate', at: 600 }, { kind: 'reset' }, { kind: 'body', body: '<html><body>Onderhoud</body></html>' }, { kind: 'body', body: '<feed xmlns="http://www.w3.org/2005/Atom"><entry>' }] as const;
  let i = 0;
  feed.fault = (r) => (r.skiptoken === null && i < faults.length ? faults[i++] : undefined);
  const run = await syncOnce(db, feed.url, { ...only, client: { retry: { attempts: 5 } } });
  t.error(run.error);
  t.equal(run.sleeps.length, 4);
  t.equal(await count(db, 'fracties'), 4);
});

t.test('a page that keeps failing: the run fails cleanly, earlier pages stay, the next run resumes', async (t) => {
  const { db, feed } = await setup(t);
  feed.fault = (r) => (r.skiptoken !== null ? { kind: 'truncate', at: 900 } : undefined);
  const run = await syncOnce(db, feed.url, only);
  t.match(String(run.error), /Fractie: (parse|network): /);
  t.equal(await count(db, 'fracties'), 2, 'first page applied, nothing of the broken one');
  const [state] = await db.select().from(syncState).where(eq(syncState.category, 'Fractie'));
  t.equal(state!.skiptoken, '4200034');
  t.match(state!.lastError, /parse|network/);
  t.equal(state!.lastSuccessAt, null);
  const failed = run.log.lines.find((l) => l.msg === 'category sync failed');
  t.same([failed?.obj.category, failed?.obj.skiptoken], ['Fractie', '4200034'], 'category and skiptoken in the log');

  feed.fault = undefined;
  const before = feed.requests.length;
  const next = await syncOnce(db, feed.url, only);
  t.error(next.error);
  t.equal(feed.requests[before]!.skiptoken, '4200034', 'resumes from the last committed page');
  t.equal(await count(db, 'fracties'), 4);
  const [after] = await db.select().from(syncState).where(eq(syncState.category, 'Fractie'));
  t.equal(after!.lastError, null);
  t.ok(after!.lastSuccessAt);
});

t.test('a page whose commit fails takes the page applied behind it down too: no gap before a stored position', async (t) => {
  const { db, feed } = await setup(t);
  feed.push('Fractie', fractie(5, 'GL'), fractie(6, 'PvdD'));
  // Fails at COMMIT (a deferred trigger), after the page's statements went through, so the next
  // page is already being applied when it fails.
  await db.execute(sql.raw(`
    create function fail_fractie_3() returns trigger language plpgsql as $$
    begin
      if new.id = '${guid(3)}' then raise exception 'commit refused for fractie 3'; end if;
      return new;
    end $$`));
  await db.execute(sql.raw(`
    create constraint trigger fail_fractie_3 after insert on fracties deferrable initially deferred
      for each row execute function fail_fractie_3();`));
  const run = await syncOnce(db, feed.url, only);
  t.match(String(run.error), /Fractie: apply: .*commit refused/);
  t.same((await db.select({ afkorting: fracties.afkorting }).from(fracties).orderBy(fracties.afkorting)).map((r) => r.afkorting), ['SP', 'VVD'], 'only the first page');
  const [state] = await db.select().from(syncState).where(eq(syncState.category, 'Fractie'));
  t.equal(state!.skiptoken, '4200034', 'the position of the first page');
  t.equal(state!.pagesTotal, 1);

  await db.execute(sql`drop trigger fail_fractie_3 on fracties`);
  t.error((await syncOnce(db, feed.url, only)).error);
  t.equal(await count(db, 'fracties'), 6, 'the next run resumes there');
});

t.test('other 4xx is not retried; an unreachable host stops the run', async (t) => {
  const { db, feed } = await setup(t);
  feed.fault = () => ({ status: 400 });
  const run = await syncOnce(db, feed.url, only);
  t.match(String(run.error), /http: HTTP 400/);
  t.equal(feed.requests.length, 1);
  feed.fault = () => ({ status: 404 });
  const missing = await syncOnce(db, feed.url, only);
  t.match(String(missing.error), /HTTP 404: no such feed page; is TK_FEED_URL the SyncFeed base/, 'a 404 says what is most likely wrong');
  t.equal(feed.requests.length, 2, 'and is not retried');

  await feed.close();
  const down = await syncOnce(db, feed.url, { client: { retry: { attempts: 2 } } });
  t.match(String(down.error), /Fractie: network/);
  t.equal(down.results, undefined);
  const states = await db.select().from(syncState);
  t.equal(states.length, 1, 'stopped after the first category instead of waiting out every other');
});
