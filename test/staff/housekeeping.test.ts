// Expired staff sessions and old sign-in failures are deleted by the hourly deadlines job; HSTS is
// sent only for an https PUBLIC_URL.
import { eq } from 'drizzle-orm';
import pino from 'pino';
import t from 'tap';
import { deadlinesJob } from '../../jobs/deadlines.ts';
import { fixedClock } from '../../server/clock.ts';
import { staffLoginFailures, staffSessions } from '../../server/db/schema/index.ts';
import { createSession, revokeSession } from '../../server/staff/sessions.ts';
import { tokenHash } from '../../server/staff/tokens.ts';
import { buildApp } from '../helpers/app.ts';
import { buildStaffApp, createAccount } from './helpers.ts';

t.test('the deadlines job deletes sessions that can no longer be used', async (t) => {
  const s = await buildStaffApp(t);
  const user = await createAccount(s, 'h@example.nl');
  const now = s.clock.now().getTime();
  const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000);
  const db = s.database.db;
  const live = await createSession(db, user.id, at(5));
  await createSession(db, user.id, at(31)); // idle past 30 minutes
  const old = await createSession(db, user.id, at(13 * 60));
  await db.update(staffSessions).set({ lastSeenAt: at(1) }).where(eq(staffSessions.idHash, tokenHash(old))); // past 12 hours, though active
  const revoked = await createSession(db, user.id, at(2));
  await revokeSession(db, tokenHash(revoked), at(1));
  await db.insert(staffLoginFailures).values([
    { key: 'ip:192.0.2.1', at: at(16) },
    { key: 'ip:192.0.2.1', at: at(1) },
  ]);

  await deadlinesJob.run({ config: s.config, database: s.database, log: pino({ level: 'silent' }) }, { clock: fixedClock(new Date(now)), interactive: false });

  const left = await db.select().from(staffSessions);
  t.same(left.map((r) => r.idHash), [tokenHash(live)], 'only the live session is left');
  const failures = await db.select().from(staffLoginFailures);
  t.same(failures.map((f) => f.at.getTime()), [at(1).getTime()], 'failures older than the window are gone');
});

t.test('Strict-Transport-Security only when PUBLIC_URL is https', async (t) => {
  const http = await buildApp(t);
  t.equal((await http.app.inject({ url: '/' })).headers['strict-transport-security'], undefined, 'not on plain http');
  const https = await buildApp(t, { env: { PUBLIC_URL: 'https://kamerwacht.test' } });
  t.match((await https.app.inject({ url: '/' })).headers['strict-transport-security'], /max-age=31536000; includeSubDomains/);
});
