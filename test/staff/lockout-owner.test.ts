// The owner of a staff account keeps a way in: an attacker elsewhere locks only their own
// address out, and after a spread-out attack a new one-time link clears the account's failures.
// (A file of its own: every attempt here hashes a password, on purpose slow.)
import t from 'tap';
import { addUser } from '../../server/staff/accounts.ts';
import { CLI_ACTOR } from '../../server/staff/audit.ts';
import { staffLoginFailures } from '../../server/db/schema/index.ts';
import { ACCOUNT_LIMIT, PAIR_LIMIT } from '../../server/staff/login.ts';
import { tokenHash } from '../../server/staff/tokens.ts';
import { buildStaffApp, createAccount, form, formPage, PASSWORD, post, type StaffTestApp } from './helpers.ts';

function signIn(s: StaffTestApp, f: { cookie: string; token: string }, email: string, password: string, ip: string) {
  return s.app.inject({
    method: 'POST',
    url: '/staff/inloggen',
    remoteAddress: ip,
    headers: { cookie: f.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: f.token, email, password, next: '/staff' }),
  });
}

t.test('the owner still gets in: from another address, and with a new link after a spread-out attack', async (t) => {
  const s = await buildStaffApp(t);
  await createAccount(s, 'eigenaar@example.nl');
  const f = await formPage(s.app, '/staff/inloggen');
  for (let i = 0; i < PAIR_LIMIT + 2; i++) await signIn(s, f, 'eigenaar@example.nl', 'fout-fout-fout-fout', '192.0.2.66');
  t.equal((await signIn(s, f, 'eigenaar@example.nl', PASSWORD, '192.0.2.66')).statusCode, 429, 'the attacking address is locked');
  t.equal((await signIn(s, f, 'eigenaar@example.nl', PASSWORD, '198.51.100.7')).statusCode, 303, 'the owner elsewhere is not');

  // An attack from many addresses has reached the account-wide limit: its failures, as recorded
  // (written directly: each real attempt would hash a password, and that is slow on purpose).
  const account = `account:${tokenHash('eigenaar@example.nl')}`;
  await s.database.db.insert(staffLoginFailures).values(Array.from({ length: ACCOUNT_LIMIT }, () => ({ key: account, at: s.clock.now() })));
  t.equal((await signIn(s, f, 'eigenaar@example.nl', PASSWORD, '198.51.100.7')).statusCode, 429, 'now the account is locked for everyone');
  // npm run staff -- add <email> issues a new one-time link for an existing account.
  const { token } = await addUser(s.database.db, CLI_ACTOR, s.clock.now(), 'eigenaar@example.nl', 'staff');
  const link = `/staff/wachtwoord/${token}`;
  const page = await formPage(s.app, link);
  const set = await post(s.app, link, page.cookie, page.token, { password: `${PASSWORD}-nieuw`, confirm: `${PASSWORD}-nieuw` });
  t.equal(set.statusCode, 303);
  t.equal((await signIn(s, f, 'eigenaar@example.nl', `${PASSWORD}-nieuw`, '198.51.100.7')).statusCode, 303, 'with the new password the owner is in');
});
