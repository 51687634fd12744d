// A failed query never logs its bound values (a subscriber's address, a manage seed, a token
// hash): the log has the query's shape and the database's error, with the values taken out.
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import t from 'tap';
import { LOG_SERIALIZERS, safeErrorMessage } from '../../server/log-redaction.ts';
import { buildStaffApp, form, formPage } from '../staff/helpers.ts';
import { testDatabase } from '../helpers/databases.ts';

const ADDRESS = 'geheim.adres@example.nl';

t.test('a failing insert on the subscribe form: 500, and the log holds no bound value', async (t) => {
  const lines: string[] = [];
  const s = await buildStaffApp(t, { logStream: new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }) });
  // Forced failure, quoting the address back the way PostgreSQL quotes offending input.
  await s.database.db.execute(sql.raw(`
    create function kw_test_fail() returns trigger language plpgsql as $$
    begin raise exception 'forced failure for %', new.email; end $$`));
  await s.database.db.execute(sql.raw('create trigger kw_test_fail before insert on alert_subscriptions for each row execute function kw_test_fail()'));
  const f = await formPage(s.app, '/abonneren');
  const res = await s.app.inject({
    method: 'POST',
    url: '/abonneren',
    headers: { cookie: f.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: f.token, email: ADDRESS, kind: 'ministry', ministry: 'VWS', events: ['answered'], frequency: 'immediate' }),
  });
  t.equal(res.statusCode, 500);
  const failure = lines.map((l) => JSON.parse(l) as { msg?: string; err?: Record<string, unknown> }).find((l) => l.msg === 'request failed');
  t.ok(failure?.err, 'the failure is logged');
  const logged = JSON.stringify(failure);
  t.notOk(logged.includes(ADDRESS), 'no address in the log line');
  t.notOk(lines.join('').includes(ADDRESS), 'nor anywhere else in the log');
  t.notOk('params' in (failure!.err!), 'no params field');
  t.match(failure!.err!.message, /^Failed query \(\d+ parameters not logged\): insert into "alert_subscriptions"/, 'the query by its shape');
  t.match(failure!.err!.message, /forced failure for \[verborgen\]/, "the database's message, without the value");
  t.notMatch(logged, /"manage_seed"\s*:|[A-Za-z0-9_-]{43}/, 'no seed or token-like value');
});

t.test('safeErrorMessage and the job logger on a real failing query, both drivers', async (t) => {
  const database = await testDatabase(t);
  const err = await database.db.execute(sql`select ${ADDRESS}::uuid`).then(
    () => null,
    (e: unknown) => e,
  );
  t.ok(err, 'the query failed');
  const message = safeErrorMessage(err);
  t.notOk(message.includes(ADDRESS), message);
  t.match(message, /select \$1::uuid: invalid input syntax for type uuid: "\[verborgen\]"/);
  const lines: string[] = [];
  const log = pino({ serializers: LOG_SERIALIZERS }, new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }));
  log.error({ err }, 'job failed');
  t.equal(lines.length, 1);
  t.notOk(lines[0]!.includes(ADDRESS), 'the job log has no bound value');
  t.match(JSON.parse(lines[0]!), { err: { message: /parameters not logged/, stack: /\n\s+at / } });
});
