// The staff session: cookie name and options, and the hooks that guard every staff route.
// `__Host-kw_staff` needs Secure, which browsers refuse on http://localhost, so on a plain-http
// PUBLIC_URL (development, tests) the cookie is the non-prefixed `kw_staff` without Secure.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { ABSOLUTE_TIMEOUT_MS, loadSession, type StaffSession } from '../../staff/sessions.ts';
import type { Actor } from '../../staff/audit.ts';
import type { StaffContext } from '../../../views/pages/staff/common.ts';
import { wantsFragment } from '../../plugins/render.ts';
import { html } from '../../../views/html.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member; set by the guard on staff routes, null elsewhere. */
    staff: StaffSession | null;
  }
}

export function sessionCookie(config: Config) {
  const secure = config.PUBLIC_URL.startsWith('https:');
  return {
    name: secure ? '__Host-kw_staff' : 'kw_staff',
    options: { httpOnly: true, secure, sameSite: 'lax' as const, path: '/', maxAge: ABSOLUTE_TIMEOUT_MS / 1000 },
  };
}

// A staff page path: `/staff` and segments of unreserved characters or percent-encodings, with an
// optional query of the same; nothing a browser could read as another site, and nothing that
// needs encoding in a Location header.
const STAFF_PATH = /^\/staff(\/(?:[A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})+)*\/?(\?(?:[A-Za-z0-9._~=&+-]|%[0-9A-Fa-f]{2})*)?$/;
const REFUSED_NEXT = /^\/staff\/(uitloggen|wachtwoord)(\/|\?|$)|\/\.\.?(\/|\?|$)|%2e|%2f|%5c/i;

/**
 * A post-login target: a staff page of this site, as written when it is one (the guard sends
 * paths already encoded), otherwise `/staff`. A value that is not plain ASCII, leaves the site
 * holds a dot segment or points at sign-out or a password link never reaches the Location header.
 */
export function safeNext(next: string | undefined): string {
  if (!next || next.length > 500 || !STAFF_PATH.test(next) || REFUSED_NEXT.test(next)) return '/staff';
  return next;
}

export function actorOf(request: FastifyRequest): Actor {
  const s = request.staff;
  if (!s) throw new Error('no staff session');
  return { id: s.userId, email: s.email };
}

export function staffContext(request: FastifyRequest, reply: FastifyReply): StaffContext {
  const s = request.staff;
  if (!s) throw new Error('no staff session');
  return { email: s.email, role: s.role, csrf: reply.csrfField(), path: request.url.split('?')[0] ?? '/staff' };
}

/** onRequest hook: a live session or no entry (GET: to the login page; otherwise 401). */
export function requireStaff(fastify: FastifyInstance) {
  const cookie = sessionCookie(fastify.config);
  return async function staffGuard(request: FastifyRequest, reply: FastifyReply) {
    const id = request.cookies[cookie.name];
    const session = id ? await loadSession(fastify.db, id, fastify.clock.now()) : null;
    if (session) {
      request.staff = session;
      return;
    }
    if (id) reply.clearCookie(cookie.name, { path: '/' });
    request.log.info({ staffAuth: 'no_session' }, 'staff route without a session');
    if (wantsFragment(request)) {
      return reply.header('hx-redirect', '/staff/inloggen').fragment(html`<p role="alert">U bent niet (meer) ingelogd.</p>`, 401);
    }
    if (request.method === 'GET' || request.method === 'HEAD') {
      const path = request.url;
      return reply.redirect(`/staff/inloggen?next=${encodeURIComponent(path)}`, 303);
    }
    return reply.page({ title: 'Niet ingelogd', body: html`<h1>Niet ingelogd</h1><p>U bent niet (meer) ingelogd. <a href="/staff/inloggen">Log opnieuw in</a>.</p>` }, 401);
  };
}

/** onRequest hook after requireStaff: admins only. */
export async function requireAdmin(request: FastifyRequest, reply: FastifyReply) {
  if (request.staff?.role === 'admin') return;
  request.log.info({ staffAuth: 'not_admin' }, 'staff route needs an admin');
  return reply.page({ title: 'Geen toegang', body: html`<h1>Geen toegang</h1><p>Deze pagina is alleen voor beheerders.</p>` }, 403);
}

export async function noStore(_request: FastifyRequest, reply: FastifyReply) {
  reply.header('cache-control', 'no-store');
}
