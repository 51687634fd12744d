// One bad entry no longer blocks its category: it is set aside with its XML and the reason, the
// rest of its page is applied, the position moves on, /health counts it, staff see it, and the
// next run tries it again.
import { eq, sql } from 'drizzle-orm';
import t from 'tap';
import { fracties, syncQuarantine, syncState } from '../../server/db/schema/index.ts';
import { addUser } from '../../server/staff/accounts.ts';
import { CLI_ACTOR } from '../../server/staff/audit.ts';
import { createSession } from '../../server/staff/sessions.ts';
import { parseFeedPage } from '../../server/sync/parser.ts';
import { buildApp } from '../helpers/app.ts';
import { testDatabase } from '../helpers/databases.ts';
import { startFakeFeed, tokenAt } from './helpers/feed-server.ts';
import { count, syncOnce } from './helpers/run.ts';
import { fractie, guid } from './helpers/sample.ts';

const only = { run: { categories: ['Fractie'] } };
const MALFORMED = '0208097D-EF04-438A-8C29-EEBB8495620Z';

t.test('a malformed GUID: set aside with its XML, the rest applied, shown on /health and to staff', async (t) => {
  const database = await testDatabase(t);
  const { db } = database;
  const feed = await startFakeFeed({ pageSize: 2 });
  t.teardown(() => feed.close());
  feed.push('Fractie', fractie(1, 'SP'), { ...fractie(2, 'VVD'), id: MALFORMED }, fractie(3, 'D66'), fractie(4, 'CDA'), fractie(5, 'GL'));

  // In the page worker, as a long sync parses.
  const run = await syncOnce(db, feed.url, { ...only, client: { pageWorker: 'always' } });
  t.error(run.error, 'the category does not fail');
  t.same((await db.select({ a: fracties.afkorting }).from(fracties).orderBy(fracties.afkorting)).map((r) => r.a), ['CDA', 'D66', 'GL', 'SP'], 'every other entry applied');
  const [state] = await db.select().from(syncState).where(eq(syncState.category, 'Fractie'));
  t.equal(state!.skiptoken, tokenAt(4), 'the position moved on to the head');
  t.ok(state!.lastSuccessAt, 'the category reached its head');

  const [held] = await db.select().from(syncQuarantine);
  t.equal(held?.category, 'Fractie');
  t.equal(held?.entityId, MALFORMED.toLowerCase());
  t.match(held?.reason, /id is not a GUID/);
  t.equal(held?.skiptoken, tokenAt(2), 'the position of its page');
  t.match(held?.xml, new RegExp(`id="${MALFORMED}"`), 'its XML as received');
  t.match(held?.xml, /<afkorting>VVD<\/afkorting>/);
  const reparsed = parseFeedPage(held!.xml!);
  t.equal(reparsed.entries.length, 1, 'the XML parses on its own');
  t.equal(reparsed.entries[0]!.entity.fields.get('afkorting'), 'VVD');
  t.ok(run.log.lines.some((l) => l.msg === 'feed entry set aside' && l.obj.entityId === MALFORMED.toLowerCase()), 'logged');

  // Tried again on the next run; still bad, so it stays, with one more attempt.
  const again = await syncOnce(db, feed.url, only);
  t.error(again.error);
  const [still] = await db.select().from(syncQuarantine);
  t.equal(still?.attempts, 2);
  t.equal(await count(db, 'fracties'), 4, 'nothing else changed');

  const { app } = await buildApp(t, { database, seed: false });
  const health = (await app.inject({ url: '/health' })).json();
  t.equal(health.sync.quarantined, 1, '/health counts it');
  const { user } = await addUser(db, CLI_ACTOR, new Date(), 'staf@example.nl', 'staff');
  const session = await createSession(db, user.id, new Date('2025-11-24T09:00:00Z'));
  const page = await app.inject({ url: '/staff/quarantaine', headers: { cookie: `kw_staff=${session}` } });
  t.equal(page.statusCode, 200);
  t.match(page.body, /Er staat 1 regel apart/);
  t.match(page.body, new RegExp(`Fractie ${MALFORMED.toLowerCase()}`));
  t.match(page.body, /id is not a GUID/);
  t.match(page.body, /&lt;afkorting&gt;VVD&lt;\/afkorting&gt;/, 'the XML, escaped');
});

t.test('a value the database refuses: the entry alone fails, is set aside, and gets in after a fix', async (t) => {
  const { db } = await testDatabase(t);
  const feed = await startFakeFeed({ pageSize: 3 });
  t.teardown(() => feed.close());
  feed.push('Fractie', fractie(1, 'SP'), fractie(2, 'VVD'), fractie(3, 'D66'), fractie(4, 'CDA'));
  // Stands for a value PostgreSQL cannot store (SQLSTATE 22P02, as a malformed uuid gives).
  await db.execute(sql.raw(`
    create function refuse_fractie_2() returns trigger language plpgsql as $$
    begin
      if new.id = '${guid(2)}' then raise exception 'invalid input syntax for fractie 2' using errcode = '22P02'; end if;
      return new;
    end $$`));
  await db.execute(sql.raw('create trigger refuse_fractie_2 before insert or update on fracties for each row execute function refuse_fractie_2()'));

  const run = await syncOnce(db, feed.url, only);
  t.error(run.error, 'the category does not fail');
  t.same((await db.select({ a: fracties.afkorting }).from(fracties).orderBy(fracties.afkorting)).map((r) => r.a), ['CDA', 'D66', 'SP'], 'the rest of the page and the next page applied');
  const [state] = await db.select().from(syncState).where(eq(syncState.category, 'Fractie'));
  t.equal(state!.skiptoken, tokenAt(3), 'the position moved on');
  t.equal(state!.pagesTotal, 2);
  const [held] = await db.select().from(syncQuarantine);
  t.equal(held?.entityId, guid(2));
  t.match(held?.reason, /invalid input syntax for fractie 2 \(SQLSTATE 22P02\)/);
  t.match(held?.xml, new RegExp(`id="${guid(2)}"`));
  t.ok(run.log.lines.some((l) => l.msg === 'feed page failed on an entry; applying its entries one by one'));

  // A run before the fix: tried again, still refused.
  t.error((await syncOnce(db, feed.url, only)).error);
  t.equal((await db.select().from(syncQuarantine))[0]?.attempts, 2);

  await db.execute(sql`drop trigger refuse_fractie_2 on fracties`);
  const fixed = await syncOnce(db, feed.url, only);
  t.error(fixed.error);
  t.equal(await count(db, 'fracties'), 4, 'applied after the fix');
  t.equal(await count(db, 'sync_quarantine'), 0, 'and no longer set aside');
  t.ok(fixed.log.lines.some((l) => l.msg === 'set-aside feed entry applied'));
});

t.test('an error that is not an entry\'s own still fails the page, as before', async (t) => {
  const { db } = await testDatabase(t);
  const feed = await startFakeFeed({ pageSize: 2 });
  t.teardown(() => feed.close());
  feed.push('Fractie', fractie(1, 'SP'), fractie(2, 'VVD'));
  await db.execute(sql.raw(`
    create function refuse_all() returns trigger language plpgsql as $$
    begin raise exception 'table locked for maintenance'; end $$`));
  await db.execute(sql.raw('create trigger refuse_all before insert on fracties for each row execute function refuse_all()'));
  const run = await syncOnce(db, feed.url, only);
  t.match(String(run.error), /table locked for maintenance/);
  t.equal(await count(db, 'sync_quarantine'), 0, 'nothing set aside');
  t.equal(await count(db, 'fracties'), 0);
});
