// Sign-in limits under concurrency, the owner's way back in, and odd post-login targets.
import t from 'tap';
import { staffLoginFailures, staffSessions } from '../../server/db/schema/index.ts';
import { ACCOUNT_LIMIT, PAIR_LIMIT } from '../../server/staff/login.ts';
import { cookieHeader } from '../alerts/smtp.ts';
import { buildStaffApp, createAccount, form, formPage, PASSWORD, type StaffTestApp } from './helpers.ts';

/** One sign-in POST from `ip` with the CSRF pair of an earlier GET. */
function signIn(s: StaffTestApp, f: { cookie: string; token: string }, email: string, password: string, ip = '127.0.0.1') {
  return s.app.inject({
    method: 'POST',
    url: '/staff/inloggen',
    remoteAddress: ip,
    headers: { cookie: f.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: f.token, email, password, next: '/staff' }),
  });
}

t.test('30 simultaneous wrong passwords for one account: at most the allowed number are checked', async (t) => {
  const s = await buildStaffApp(t);
  await createAccount(s, 'race@example.nl');
  const f = await formPage(s.app, '/staff/inloggen');
  const responses = await Promise.all(Array.from({ length: 30 }, () => signIn(s, f, 'race@example.nl', 'fout-fout-fout-fout')));
  const codes = responses.map((r) => r.statusCode);
  // However the requests interleave (PGlite runs them one by one, PostgreSQL side by side, where
  // a burst can count every attempt before any is checked), never more than the limit get a check.
  const checked = codes.filter((c) => c === 401).length;
  t.ok(checked <= PAIR_LIMIT, `${checked} full checks (401), at most ${PAIR_LIMIT}`);
  t.equal(codes.filter((c) => c === 429).length, 30 - checked, 'the rest refused at once (429)');
  t.ok(s.slept.length <= Math.max(0, checked - 3), 'only checked attempts wait');
  const rows = await s.database.db.select().from(staffLoginFailures);
  t.equal(rows.length, 3 * checked, 'refused attempts leave no rows behind');

  // From many addresses at once: the account-wide limit holds.
  const spread = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(s, f, 'race@example.nl', 'fout-fout-fout-fout', `10.0.0.${i + 1}`)));
  t.ok(checked + spread.filter((r) => r.statusCode === 401).length <= ACCOUNT_LIMIT, 'at most ACCOUNT_LIMIT checks in all');
});

t.test('an odd next: the Location is a plain staff path and the session works', async (t) => {
  const s = await buildStaffApp(t);
  await createAccount(s, 'n@example.nl');
  for (const [next, expected] of [
    ['/staff€', '/staff'],
    ['/staff/verzoeken/€', '/staff'],
    ['/staff/../vragen', '/staff'],
    ['/staff/uitloggen', '/staff'],
    ['/staff/verzoeken?ok=nieuw', '/staff/verzoeken?ok=nieuw'],
    ['/staff/vragen/2025Z12345', '/staff/vragen/2025Z12345'],
    ['/staff\r\nSet-Cookie: x=1', '/staff'],
  ] as const) {
    const f = await formPage(s.app, '/staff/inloggen');
    const res = await s.app.inject({
      method: 'POST',
      url: '/staff/inloggen',
      headers: { cookie: f.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: f.token, email: 'n@example.nl', password: PASSWORD, next }),
    });
    t.equal(res.statusCode, 303, `${JSON.stringify(next)}: 303`);
    t.equal(res.headers.location, expected, `${JSON.stringify(next)}: Location`);
    const cookie = [f.cookie, cookieHeader(res.headers['set-cookie'])].join('; ');
    t.equal((await s.app.inject({ method: 'GET', url: '/staff', headers: { cookie } })).statusCode, 200, 'signed in');
  }
  const sessions = await s.database.db.select().from(staffSessions);
  t.equal(sessions.length, 7, 'one session per sign-in, none left dead');
  // The sign-in page only ever echoes a safe value back into its hidden field.
  const page = await s.app.inject({ method: 'GET', url: `/staff/inloggen?next=${encodeURIComponent('/staff€')}` });
  t.equal(page.statusCode, 200);
  t.match(page.body, /name="next" value="\/staff"/);
});
