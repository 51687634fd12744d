// Sign in, sign out and the one-time set-password link. The link's routes log at `warn` only, so
// the token in their URL never reaches the request log.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { invalidPasswordLinkPage, loginPage, setPasswordPage } from '../../../views/pages/staff/auth.ts';
import { setPasswordWithToken, userForPasswordToken } from '../../staff/accounts.ts';
import { attemptLogin, clearFailures, FAILURE_WINDOW_MS } from '../../staff/login.ts';
import { revokeSession } from '../../staff/sessions.ts';
import { TOKEN_PATTERN } from '../../staff/tokens.ts';
import { sessionCookie, safeNext } from './guard.ts';

const Str = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const TokenParams = Type.Object({ token: Type.String({ maxLength: 100 }) });
const tokenOk = (t: string) => new RegExp(TOKEN_PATTERN).test(t);
const LOCKED_MESSAGE =
  'Er is te vaak een verkeerd wachtwoord gegeven voor dit account. Probeer het over een kwartier opnieuw, of vraag een beheerder om een nieuwe link om uw wachtwoord in te stellen.';

export const publicAuthRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db, clock } = fastify;
  const cookie = sessionCookie(fastify.config);

  fastify.get('/staff/inloggen', { schema: { querystring: Type.Object({ next: Str(500), uit: Str(5), klaar: Str(5) }) } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const message = request.query.uit ? 'U bent uitgelogd.' : request.query.klaar ? 'Uw wachtwoord is opgeslagen. U kunt nu inloggen.' : undefined;
    return reply.page(loginPage(reply.csrfField(), { email: '', next: safeNext(request.query.next) }, undefined, message));
  });

  fastify.post(
    '/staff/inloggen',
    {
      schema: { body: Type.Object({ _csrf: Str(200), email: Str(254), password: Str(1024), next: Str(500) }) },
      preValidation: fastify.csrfProtection,
      // Per IP on top of the sign-in limits of staff/login.ts (server/README.md, "Web security").
      config: { rateLimit: { max: 50, timeWindow: '1 hour' } },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const email = (request.body.email ?? '').trim();
      const next = safeNext(request.body.next);
      const result = await attemptLogin(db, clock.now(), fastify.staffLogin.sleep, request.ip, email, request.body.password ?? '');
      if (!result.ok) {
        request.log.info({ staffAuth: 'login_failed', locked: result.locked }, 'staff login failed');
        if (result.locked) {
          reply.header('retry-after', String(FAILURE_WINDOW_MS / 1000));
          return reply.page(loginPage(reply.csrfField(), { email, next }, LOCKED_MESSAGE), 429);
        }
        return reply.page(loginPage(reply.csrfField(), { email, next }, 'Deze combinatie van e-mailadres en wachtwoord klopt niet.'), 401);
      }
      request.log.info({ staffAuth: 'login', userId: result.user.id }, 'staff login');
      reply.setCookie(cookie.name, result.sessionId, cookie.options);
      return reply.redirect(next, 303);
    },
  );

  fastify.get('/staff/wachtwoord/:token', { schema: { params: TokenParams }, logLevel: 'warn' }, async (request, reply) => {
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    const { token } = request.params;
    const user = tokenOk(token) ? await userForPasswordToken(db, token, clock.now()) : undefined;
    if (!user) return reply.page(invalidPasswordLinkPage(), 404);
    return reply.page(setPasswordPage(token, user.email, reply.csrfField()));
  });

  fastify.post(
    '/staff/wachtwoord/:token',
    {
      schema: { params: TokenParams, body: Type.Object({ _csrf: Str(200), username: Str(254), password: Str(1024), confirm: Str(1024) }) },
      preValidation: fastify.csrfProtection,
      logLevel: 'warn',
      config: { rateLimit: { max: 20, timeWindow: '15 minutes' } },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      const { token } = request.params;
      const now = clock.now();
      const user = tokenOk(token) ? await userForPasswordToken(db, token, now) : undefined;
      if (!user) return reply.page(invalidPasswordLinkPage(), 404);
      const password = request.body.password ?? '';
      if (password !== (request.body.confirm ?? '')) {
        return reply.page(setPasswordPage(token, user.email, reply.csrfField(), { confirm: 'De twee wachtwoorden zijn niet gelijk.' }), 422);
      }
      const result = await setPasswordWithToken(db, now, token, password);
      if (!result.ok && result.reason === 'weak') return reply.page(setPasswordPage(token, user.email, reply.csrfField(), { password: result.message }), 422);
      if (!result.ok) return reply.page(invalidPasswordLinkPage(), 404);
      // The link proves the owner: failed sign-ins of others no longer keep them out.
      await clearFailures(db, user.email);
      request.log.warn({ staffAuth: 'password_set', userId: user.id }, 'staff password set');
      return reply.redirect('/staff/inloggen?klaar=1', 303);
    },
  );
};

export const logoutRoute: FastifyPluginAsyncTypebox = async (fastify) => {
  const cookie = sessionCookie(fastify.config);
  fastify.post('/staff/uitloggen', { schema: { body: Type.Object({ _csrf: Str(200) }) }, preValidation: fastify.csrfProtection }, async (request, reply) => {
    if (request.staff) await revokeSession(fastify.db, request.staff.idHash, fastify.clock.now());
    request.log.info({ staffAuth: 'logout', userId: request.staff?.userId }, 'staff logout');
    reply.clearCookie(cookie.name, { path: '/' });
    return reply.redirect('/staff/inloggen?uit=1', 303);
  });
};
