// The subscribe form's limit (5 per 10 minutes per IP) holds across app instances: the counters
// live in the shared database, not in each process, and their windows run on the app's clock.
import { sql } from 'drizzle-orm';
import t from 'tap';
import { runAlerts } from '../../server/alerts/run.ts';
import type { Clock } from '../../server/clock.ts';
import { resultRows } from '../../server/db/client.ts';
import { alertConfig, testTransport } from '../alerts/fixtures.ts';
import { cookieHeader, csrfToken, startSmtp } from '../alerts/smtp.ts';
import { buildApp, TEST_NOW } from '../helpers/app.ts';
import { insertQuestionSet } from '../helpers/builders.ts';

const MINUTE = 60_000;

/** A clock the test moves on; both instances read it, as two processes read the same real time. */
function movableClock(start: Date): Clock & { advance(ms: number): void } {
  let at = start.getTime();
  return { now: () => new Date(at), advance: (ms) => void (at += ms) };
}

t.test('two instances on one database accept 5 subscribe POSTs per window in total', async (t) => {
  const smtp = await startSmtp();
  t.teardown(() => smtp.close());
  const clock = movableClock(TEST_NOW);
  const env = { SMTP_URL: smtp.url, MAIL_FROM: 'Kamerwacht <alerts@kamerwacht.test>', PUBLIC_URL: 'https://kamerwacht.test' };
  const a = await buildApp(t, { env, clock });
  const b = await buildApp(t, { env, clock, database: a.database, seed: false });
  await insertQuestionSet(a.database.db, { nummer: '2025Z12345', submitted: '2025-11-03', onderwerp: 'Datalek bij Clinical Diagnostics' });

  // One form session (CSRF cookie and token), valid on both: the cookie secret is in the database.
  const page = await a.app.inject({ method: 'GET', url: '/abonneren' });
  const cookie = cookieHeader(page.headers['set-cookie']);
  const token = csrfToken(page.body);
  let n = 0;
  const subscribe = (app: typeof a.app) =>
    app.inject({
      method: 'POST',
      url: '/abonneren',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: token, email: `lezer${n++}@example.nl`, kind: 'question', question: '2025Z12345', events: 'answered', frequency: 'digest' }).toString(),
    });
  const burst = (count: number) => Promise.all(Array.from({ length: count }, (_, i) => subscribe(i % 2 === 0 ? a.app : b.app)));

  const first = await burst(12);
  const accepted = first.filter((r) => r.statusCode === 200);
  const limited = first.filter((r) => r.statusCode === 429);
  t.equal(accepted.length, 5, 'exactly the limit is accepted over both instances');
  t.equal(limited.length, 7, 'the rest is refused');
  t.ok(first.some((r, i) => i % 2 === 1 && r.statusCode === 429) && first.some((r, i) => i % 2 === 0 && r.statusCode === 429), 'both instances refuse');
  t.ok(
    limited.every((r) => r.headers['retry-after'] === '600'),
    'Retry-After: the whole 10-minute window is left',
  );
  t.match(limited[0]!.body, /Even wachten/, 'the friendly Dutch 429 page');
  t.match(limited[0]!.headers['content-type'], /text\/html/);

  clock.advance(10 * MINUTE - 1000);
  const late = await subscribe(b.app);
  t.equal(late.statusCode, 429, 'one second before the window ends it still holds');
  t.equal(late.headers['retry-after'], '1');

  // The window ends on the app's clock, not on the wall clock.
  clock.advance(1000);
  const next = await burst(7);
  t.same(
    next.map((r) => r.statusCode).sort(),
    [200, 200, 200, 200, 200, 429, 429],
    'a new window: 5 more accepted',
  );

  // The alerts job's clean-up deletes windows that have ended, and only those.
  const windows = async () => resultRows<{ n: number }>(await a.database.db.execute(sql`select count(*)::int as n from rate_limit_windows`))[0]!.n;
  t.equal(await windows(), 1, 'one row per (route, client)');
  const transport = testTransport(smtp.url);
  t.teardown(() => transport.close());
  const config = alertConfig(smtp.url);
  const running = await runAlerts({ db: a.database.db, config, transport }, { now: clock.now() });
  t.equal(running.cleanup.rateLimitWindows, 0, 'a running window is kept');
  t.equal(await windows(), 1);
  const ended = await runAlerts({ db: a.database.db, config, transport }, { now: new Date(clock.now().getTime() + 10 * MINUTE) });
  t.equal(ended.cleanup.rateLimitWindows, 1);
  t.equal(await windows(), 0);
});

t.test('with NOW set (demo, benchmarks) the windows run on real time, or they would never end', async (t) => {
  const { app, database } = await buildApp(t, { env: { NOW: TEST_NOW.toISOString() } });
  const before = Date.now();
  await app.inject({ method: 'POST', url: '/abonneren', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'email=x' });
  const [row] = resultRows<{ ends: string }>(await database.db.execute(sql`select window_ends_at::text as ends from rate_limit_windows`));
  const ends = new Date(row!.ends).getTime();
  t.ok(ends >= before + 10 * MINUTE - 1000, 'the window ends ten minutes after the real now, not after the fixed NOW');
});
