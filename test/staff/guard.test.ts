// Walks every registered route: no /staff route but the sign-in page and the password link answers
// without a session, and no admin route answers to a `staff` session.
import t from 'tap';
import { buildStaffApp, sessionFor } from './helpers.ts';

const PUBLIC = new Set(['GET /staff/inloggen', 'POST /staff/inloggen', 'GET /staff/wachtwoord/:token', 'POST /staff/wachtwoord/:token']);
const ADMIN_PREFIXES = ['/staff/audit', '/staff/accounts'];

const sample = (url: string) =>
  url
    .replace(':token', 'A'.repeat(43))
    .replace(':nummer', '2025Z12345')
    .replace(/:[a-zA-Z]+/g, '1');

t.test('every /staff route needs a session; admin routes need an admin', async (t) => {
  const s = await buildStaffApp(t);
  const staffRoutes = s.routes
    .filter((r) => r.url.startsWith('/staff'))
    .flatMap((r) => (Array.isArray(r.method) ? r.method : [r.method]).map((m) => ({ method: String(m), url: r.url })))
    .filter((r) => r.method !== 'HEAD');
  t.ok(staffRoutes.length >= 5, `found ${staffRoutes.length} staff routes`);
  t.ok(staffRoutes.some((r) => r.url === '/staff/audit'), 'the audit log is among them');
  const staffCookie = await sessionFor(s, 'medewerker@example.nl', 'staff');
  const adminCookie = await sessionFor(s, 'beheer@example.nl', 'admin');

  for (const r of staffRoutes) {
    const key = `${r.method} ${r.url}`;
    if (PUBLIC.has(key)) continue;
    const url = sample(r.url);
    const anon = await s.app.inject({ method: r.method as 'GET', url, payload: r.method === 'GET' ? undefined : {} });
    t.ok([303, 401].includes(anon.statusCode), `${key} without a session: ${anon.statusCode}`);
    if (anon.statusCode === 303) t.match(anon.headers.location, /^\/staff\/inloggen\?next=/, `${key} redirects to the sign-in page`);
    const bogus = await s.app.inject({ method: r.method as 'GET', url, headers: { cookie: 'kw_staff=not-a-session' }, payload: r.method === 'GET' ? undefined : {} });
    t.ok([303, 401].includes(bogus.statusCode), `${key} with a made-up session id: ${bogus.statusCode}`);
    if (ADMIN_PREFIXES.some((p) => r.url.startsWith(p))) {
      const staff = await s.app.inject({ method: r.method as 'GET', url, headers: { cookie: staffCookie }, payload: r.method === 'GET' ? undefined : {} });
      t.equal(staff.statusCode, 403, `${key} with a staff session is refused`);
      if (r.method === 'GET') {
        const admin = await s.app.inject({ method: 'GET', url, headers: { cookie: adminCookie } });
        t.equal(admin.statusCode, 200, `${key} with an admin session`);
      }
    }
  }

  // The guard is what answers, not a 404 of the route itself.
  const dash = await s.app.inject({ method: 'GET', url: '/staff', headers: { cookie: staffCookie } });
  t.equal(dash.statusCode, 200);
  t.equal(dash.headers['cache-control'], 'no-store');
});
