// Builds the app like test/helpers/app.ts, but records every route as it is registered (for the
// guard test) and can send the pino log to a stream (for the no-secrets-in-logs test). Also
// creates accounts and sessions directly, and signs in through the real form.
import type { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import app from '../../server/app.ts';
import { HTTP_OPTIONS } from '../../server/http-options.ts';
import { LOG_SERIALIZERS } from '../../server/log-redaction.ts';
import { fixedClock, type Clock } from '../../server/clock.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import type { Database } from '../../server/db/client.ts';
import { staffUsers, type StaffRole } from '../../server/db/schema/index.ts';
import { addUser } from '../../server/staff/accounts.ts';
import { CLI_ACTOR } from '../../server/staff/audit.ts';
import { hashPassword } from '../../server/staff/passwords.ts';
import { createSession } from '../../server/staff/sessions.ts';
import { runSeeds } from '../../seeds/index.ts';
import { cookieHeader, csrfToken } from '../alerts/smtp.ts';
import { TEST_NOW } from '../helpers/app.ts';
import { testDatabase } from '../helpers/databases.ts';

export interface StaffTestApp {
  app: FastifyInstance;
  database: Database;
  clock: Clock & { set(d: Date): void };
  config: Config;
  routes: RouteOptions[];
  slept: number[];
}

interface Teardown {
  teardown(fn: () => unknown): void;
}

export async function buildStaffApp(t: Teardown, opts: { env?: Record<string, string>; logStream?: Writable } = {}): Promise<StaffTestApp> {
  const database = await testDatabase(t);
  let now = TEST_NOW;
  const clock = { now: () => new Date(now.getTime()), set: (d: Date) => (now = d) };
  const config = loadConfig({ DATA_DIR: 'memory://', JOBS: 'off', ...opts.env });
  await runSeeds(database.db, fixedClock(TEST_NOW));
  // The same logger options as server/server.ts.
  const fastify = Fastify({
    ...HTTP_OPTIONS,
    logger: opts.logStream ? { level: 'trace', stream: opts.logStream, redact: ['req.headers.cookie', 'req.headers.authorization'], serializers: LOG_SERIALIZERS } : false,
  });
  const routes: RouteOptions[] = [];
  fastify.addHook('onRoute', (r) => void routes.push(r));
  await fastify.register(app, { config, clock, database, demo: false });
  await fastify.ready();
  const slept: number[] = [];
  fastify.staffLogin.sleep = async (ms) => void slept.push(ms);
  t.teardown(() => fastify.close());
  return { app: fastify, database, clock, config, routes, slept };
}

export const PASSWORD = 'lange-zin-met-paarden-en-kaas';

/** An account with a password (set directly, without the link). */
export async function createAccount(s: StaffTestApp, email: string, role: StaffRole = 'staff', password = PASSWORD) {
  const { user } = await addUser(s.database.db, CLI_ACTOR, s.clock.now(), email, role);
  await s.database.db.update(staffUsers).set({ passwordHash: await hashPassword(password) }).where(eq(staffUsers.id, user.id));
  return user;
}

/** A session made directly (no login round trip); the Cookie header for it. */
export async function sessionFor(s: StaffTestApp, email: string, role: StaffRole = 'staff'): Promise<string> {
  const { user } = await addUser(s.database.db, CLI_ACTOR, s.clock.now(), email, role);
  const id = await createSession(s.database.db, user.id, s.clock.now());
  return `kw_staff=${id}`;
}

export const form = (fields: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p.toString();
};

/** GETs a page and returns its CSRF token and the cookies to send with a POST from it. */
export async function formPage(app: FastifyInstance, url: string, cookie = '') {
  const page = await app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const fresh = cookieHeader(page.headers['set-cookie']);
  return { page, token: csrfToken(page.body), cookie: [cookie, fresh].filter(Boolean).join('; ') };
}

/** POSTs a form with the page's CSRF token. */
export async function post(app: FastifyInstance, url: string, cookie: string, token: string, fields: Record<string, string | string[]>) {
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: token, ...fields }),
  });
}

/** Signs in through the form; returns the Cookie header (CSRF secret + session). */
export async function login(app: FastifyInstance, email: string, password = PASSWORD) {
  const f = await formPage(app, '/staff/inloggen');
  const res = await post(app, '/staff/inloggen', f.cookie, f.token, { email, password, next: '/staff' });
  const session = cookieHeader(res.headers['set-cookie']);
  return { res, cookie: [f.cookie, session].filter(Boolean).join('; ') };
}
