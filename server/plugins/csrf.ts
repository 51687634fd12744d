// CSRF protection for every state-changing form and htmx request: a signed secret cookie
// (@fastify/csrf-protection over @fastify/cookie) plus the token in the hidden `_csrf` field or
// the `x-csrf-token` header. The cookie-signing secret is COOKIE_SECRET or, without it, one
// generated on first start and stored in the database, so every instance shares it with no
// configuration. Routes use `preValidation: fastify.csrfProtection` (a form body is only parsed
// by then). Defence in depth: cross-site Sec-Fetch-Site or a foreign Origin is refused first.
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { CsrfField } from '../../views/layout.ts';
import { getOrCreateSecret } from '../alerts/secrets.ts';

declare module 'fastify' {
  interface FastifyReply {
    /** A fresh token (sets the secret cookie when needed) as the hidden `_csrf` field. */
    csrfField(): CsrfField;
  }
}

/**
 * The hidden form field for a token; views put it in every POST form, and pass its token to the
 * layout (PageContent.csrfToken) for htmx requests, which send it as `x-csrf-token` instead.
 */
function csrfField(token: string): CsrfField {
  return new CsrfField(token);
}

export default fp(
  async (fastify) => {
    const { config, db, clock } = fastify;
    const secret = config.COOKIE_SECRET ?? (await getOrCreateSecret(db, 'cookie_secret', clock.now()));
    const secure = config.PUBLIC_URL.startsWith('https:');
    const origin = new URL(config.PUBLIC_URL).origin;
    await fastify.register(fastifyCookie, { secret });
    await fastify.register(fastifyCsrf, {
      cookieKey: secure ? '__Host-csrf' : 'csrf',
      cookieOpts: { signed: true, httpOnly: true, sameSite: 'strict', path: '/', secure },
      getToken: (request: FastifyRequest) => {
        const body = request.body as { _csrf?: unknown } | undefined;
        if (body && typeof body._csrf === 'string') return body._csrf;
        const header = request.headers['x-csrf-token'];
        return typeof header === 'string' ? header : undefined;
      },
    });
    // Runs before the token check on every route that uses csrfProtection.
    const tokenCheck = fastify.csrfProtection;
    fastify.csrfProtection = function crossSiteThenToken(request: FastifyRequest, reply: FastifyReply, done: () => void) {
      const site = request.headers['sec-fetch-site'];
      const from = request.headers.origin;
      // Browsers send `Origin: null` from pages served with `Referrer-Policy: no-referrer` (the
      // token pages: confirm, manage, set password), so null is not foreign; Sec-Fetch-Site and
      // the token still decide. The origin the request was sent to is not foreign either: a
      // newcomer opens http://127.0.0.1:3000 while PUBLIC_URL says localhost, and a cross-site
      // page cannot make a browser send our Host with its own Origin.
      const foreignOrigin = typeof from === 'string' && from !== 'null' && from !== origin && from !== `${request.protocol}://${request.host}`;
      if ((typeof site === 'string' && site !== 'same-origin' && site !== 'none') || foreignOrigin) {
        const err = Object.assign(new Error('Verzoek van een andere website geweigerd'), { statusCode: 403 });
        reply.send(err);
        return;
      }
      return tokenCheck.call(this, request, reply, done);
    };
    fastify.decorateReply('csrfField', function csrfFieldOfReply(this: FastifyReply) {
      return csrfField(this.generateCsrf());
    });
  },
  { name: 'csrf', dependencies: ['context'] },
);
