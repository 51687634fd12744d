// Accounts, password links, sign-in, sessions and sign-out.
import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import t from 'tap';
import { staffAudit, staffSessions, staffUsers } from '../../server/db/schema/index.ts';
import { addUser, disableUser } from '../../server/staff/accounts.ts';
import { CLI_ACTOR } from '../../server/staff/audit.ts';
import { delayFor } from '../../server/staff/login.ts';
import { tokenHash } from '../../server/staff/tokens.ts';
import { cookieHeader } from '../alerts/smtp.ts';
import { buildStaffApp, createAccount, formPage, login, PASSWORD, post } from './helpers.ts';

t.test('password link, sign-in, session cookie, sign-out; nothing secret in the log', async (t) => {
  const chunks: string[] = [];
  const logStream = new Writable({ write: (c, _e, cb) => (chunks.push(String(c)), cb()) });
  const s = await buildStaffApp(t, { logStream });
  const { token } = await addUser(s.database.db, CLI_ACTOR, s.clock.now(), 'griffier@example.nl', 'staff');
  t.ok(token.length >= 43, 'token of 256 bits');
  const [stored] = await s.database.db.select().from(staffUsers);
  t.equal(stored?.passwordHash, null, 'no password until the link is used');

  const link = `/staff/wachtwoord/${token}`;
  const f = await formPage(s.app, link);
  t.equal(f.page.statusCode, 200);
  t.equal(f.page.headers['referrer-policy'], 'no-referrer');
  t.match(f.page.body, /<label for="password">/);
  const weak = await post(s.app, link, f.cookie, f.token, { password: 'kort', confirm: 'kort' });
  t.equal(weak.statusCode, 422);
  t.match(weak.body, /id="password-error"/, 'the error is tied to the field');
  const mismatch = await post(s.app, link, f.cookie, f.token, { password: PASSWORD, confirm: `${PASSWORD}x` });
  t.equal(mismatch.statusCode, 422);
  t.match(mismatch.body, /id="confirm-error"/);
  const noCsrf = await s.app.inject({ method: 'POST', url: link, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `password=${PASSWORD}&confirm=${PASSWORD}` });
  t.equal(noCsrf.statusCode, 403, 'CSRF token required');
  const set = await post(s.app, link, f.cookie, f.token, { password: PASSWORD, confirm: PASSWORD });
  t.equal(set.statusCode, 303);
  t.equal(set.headers.location, '/staff/inloggen?klaar=1');
  const [withPassword] = await s.database.db.select().from(staffUsers);
  t.match(withPassword?.passwordHash, /^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/, 'scrypt N=2^17 r=8 p=1, 16-byte salt, params stored');
  const again = await s.app.inject({ method: 'GET', url: link });
  t.equal(again.statusCode, 404, 'the link works once');

  const wrong = await login(s.app, 'griffier@example.nl', 'verkeerd-wachtwoord-123');
  const unknown = await login(s.app, 'niemand@example.nl', 'verkeerd-wachtwoord-123');
  t.equal(wrong.res.statusCode, 401);
  t.equal(unknown.res.statusCode, 401);
  const message = (b: string) => /<strong>Fout:<\/strong> ([^<]+)</.exec(b)?.[1];
  t.equal(message(wrong.res.body), message(unknown.res.body), 'the same message for a wrong password and an unknown account');
  t.notOk(wrong.res.headers['set-cookie']?.toString().includes('kw_staff='), 'no session on failure');

  const ok = await login(s.app, 'Griffier@Example.nl');
  t.equal(ok.res.statusCode, 303);
  t.equal(ok.res.headers.location, '/staff');
  const setCookie = ([] as string[]).concat(ok.res.headers['set-cookie'] ?? []).find((c) => c.startsWith('kw_staff='))!;
  t.match(setCookie, /HttpOnly/);
  t.match(setCookie, /SameSite=Lax/);
  t.match(setCookie, /Path=\//);
  const sessionId = /kw_staff=([^;]+)/.exec(setCookie)![1]!;
  const [session] = await s.database.db.select().from(staffSessions);
  t.equal(session?.idHash, tokenHash(sessionId), 'only the hash of the session id is stored');

  const dash = await s.app.inject({ method: 'GET', url: '/staff', headers: { cookie: ok.cookie } });
  t.equal(dash.statusCode, 200);
  t.match(dash.body, /Stafdashboard/);
  t.notMatch(dash.body, /Auditlog/, 'no audit link for staff');

  // A second login gives a new session id.
  const second = await login(s.app, 'griffier@example.nl');
  t.not(cookieHeader(second.res.headers['set-cookie']), cookieHeader(ok.res.headers['set-cookie']));

  const out = await formPage(s.app, '/staff', ok.cookie);
  const logout = await post(s.app, '/staff/uitloggen', out.cookie, out.token, {});
  t.equal(logout.statusCode, 303);
  t.match(String(logout.headers['set-cookie']), /kw_staff=;/, 'cookie cleared');
  const after = await s.app.inject({ method: 'GET', url: '/staff', headers: { cookie: ok.cookie } });
  t.equal(after.statusCode, 303, 'the old session id no longer works (revoked server-side)');

  const log = chunks.join('');
  t.ok(log.length > 0, 'something was logged');
  for (const secret of [token, PASSWORD, 'verkeerd-wachtwoord-123', sessionId, tokenHash(sessionId), f.token]) {
    t.notOk(log.includes(secret), `log does not contain ${secret.slice(0, 6)}…`);
  }
  t.match(log, /staff login/, 'auth events are logged');
  t.notOk(log.includes('"password"'), 'no password field in the log');
});

t.test('https: __Host- cookie with Secure', async (t) => {
  const s = await buildStaffApp(t, { env: { PUBLIC_URL: 'https://kamerwacht.test' } });
  await createAccount(s, 'a@example.nl');
  const f = await formPage(s.app, '/staff/inloggen');
  const res = await post(s.app, '/staff/inloggen', f.cookie, f.token, { email: 'a@example.nl', password: PASSWORD });
  const c = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((x) => x.startsWith('__Host-kw_staff='));
  t.ok(c, 'cookie named __Host-kw_staff');
  t.match(c, /Secure/);
  t.match(c, /HttpOnly/);
  t.notMatch(c, /Domain=/);
});

t.test('growing delays per account, lock after ten failures, no enumeration', async (t) => {
  t.same([1, 2, 3, 4, 5, 6, 10, 20].map(delayFor), [0, 0, 0, 1000, 2000, 4000, 4000, 4000], 'delays stay far below the 30 s timeouts');
  const s = await buildStaffApp(t);
  await createAccount(s, 'b@example.nl');
  for (let i = 0; i < 4; i++) await login(s.app, 'b@example.nl', 'fout-fout-fout-fout');
  t.same(s.slept, [1000], 'the fourth failure waits a second');
  for (let i = 0; i < 6; i++) await login(s.app, 'b@example.nl', 'fout-fout-fout-fout');
  const waited = s.slept.length;
  const locked = await login(s.app, 'b@example.nl');
  t.equal(locked.res.statusCode, 429, 'even the right password is refused while locked');
  t.equal(s.slept.length, waited, 'a locked account answers at once, without a wait');
  t.equal(locked.res.headers['retry-after'], '900');
  t.match(locked.res.body, /te vaak een verkeerd wachtwoord.*nieuwe link/s, 'the page says what happened and what to do');
  // An unknown address is throttled the same way.
  for (let i = 0; i < 10; i++) await login(s.app, 'onbekend@example.nl', 'fout-fout-fout-fout');
  const unknown = await login(s.app, 'onbekend@example.nl');
  t.equal(unknown.res.statusCode, 429);
  // The window passes.
  s.clock.set(new Date(s.clock.now().getTime() + 16 * 60_000));
  const ok = await login(s.app, 'b@example.nl');
  t.equal(ok.res.statusCode, 303);
});

t.test('idle and absolute timeouts; disabling ends sessions', async (t) => {
  const s = await buildStaffApp(t);
  await createAccount(s, 'c@example.nl');
  const start = s.clock.now().getTime();
  const { cookie } = await login(s.app, 'c@example.nl');
  const get = () => s.app.inject({ method: 'GET', url: '/staff', headers: { cookie } });
  s.clock.set(new Date(start + 29 * 60_000));
  t.equal((await get()).statusCode, 200, 'active within 30 minutes');
  // Keep it busy for 12 hours: every 20 minutes.
  let at = start + 29 * 60_000;
  while (at < start + 11.9 * 3600_000) {
    at += 20 * 60_000;
    s.clock.set(new Date(at));
    if ((await get()).statusCode !== 200) break;
  }
  t.ok(at >= start + 11.9 * 3600_000, 'still in while active');
  s.clock.set(new Date(start + 12 * 3600_000 + 60_000));
  t.equal((await get()).statusCode, 303, 'absolute timeout of 12 hours');

  s.clock.set(new Date(start + 13 * 3600_000));
  const fresh = await login(s.app, 'c@example.nl');
  s.clock.set(new Date(start + 13 * 3600_000 + 31 * 60_000));
  t.equal((await s.app.inject({ method: 'GET', url: '/staff', headers: { cookie: fresh.cookie } })).statusCode, 303, 'idle timeout of 30 minutes');

  const third = await login(s.app, 'c@example.nl');
  t.equal((await s.app.inject({ method: 'GET', url: '/staff', headers: { cookie: third.cookie } })).statusCode, 200);
  await disableUser(s.database.db, CLI_ACTOR, s.clock.now(), 'c@example.nl');
  t.equal((await s.app.inject({ method: 'GET', url: '/staff', headers: { cookie: third.cookie } })).statusCode, 303, 'disabled: session gone');
  const [audit] = await s.database.db.select().from(staffAudit).where(eq(staffAudit.action, 'account.disable'));
  t.equal(audit?.actorEmail, 'opdrachtregel');
  t.notOk(JSON.stringify(audit).includes('scrypt'), 'no password hash in the audit log');
});

t.test('an expired password link is refused', async (t) => {
  const s = await buildStaffApp(t);
  const { token } = await addUser(s.database.db, CLI_ACTOR, s.clock.now(), 'd@example.nl', 'admin');
  s.clock.set(new Date(s.clock.now().getTime() + 24 * 3600_000 + 1000));
  t.equal((await s.app.inject({ method: 'GET', url: `/staff/wachtwoord/${token}` })).statusCode, 404);
});

t.test('next is a staff path only', async (t) => {
  const s = await buildStaffApp(t);
  await createAccount(s, 'e@example.nl');
  for (const [next, expected] of [
    ['/staff/verzoeken', '/staff/verzoeken'],
    ['//evil.example', '/staff'],
    ['https://evil.example', '/staff'],
    ['/\\evil.example', '/staff'],
    ['/vragen', '/staff'],
  ] as const) {
    const f = await formPage(s.app, '/staff/inloggen');
    const res = await post(s.app, '/staff/inloggen', f.cookie, f.token, { email: 'e@example.nl', password: PASSWORD, next });
    t.equal(res.headers.location, expected, next);
  }
});
