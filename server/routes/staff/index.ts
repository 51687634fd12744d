// The staff area as one plugin. Public: the sign-in page and the set-password link. Everything
// else sits in one encapsulated context whose onRequest hook requires a live session, and admin
// pages in a context inside it that also requires the admin role (test/staff/guard.test.ts walks
// the route table to prove it). Staff pages are never cached.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { tooManyAttemptsPage } from '../../../views/pages/staff/auth.ts';
import { realSleep, type Sleep } from '../../staff/login.ts';
import { logoutRoute, publicAuthRoutes } from './auth.ts';
import { adminRoutes, dashboardRoutes } from './dashboard.ts';
import { noStore, requireAdmin, requireStaff } from './guard.ts';
import { questionRoutes } from './questions.ts';
import { requestRoutes } from './requests.ts';
import { topicRoutes } from './topics.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The wait between failed logins; tests replace `sleep` so they do not wait. */
    staffLogin: { sleep: Sleep };
  }
}

export default fp(
  async (fastify) => {
    fastify.decorate('staffLogin', { sleep: realSleep });
    fastify.decorateRequest('staff', null);

    await fastify.register(async (area) => {
      area.setErrorHandler(async function staffErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
        if (error.statusCode === 429) return reply.page(tooManyAttemptsPage(), 429);
        throw error;
      });
      await area.register(publicAuthRoutes);

      await area.register(async (guarded) => {
        guarded.addHook('onRequest', requireStaff(guarded));
        guarded.addHook('onSend', noStore);
        await guarded.register(logoutRoute);
        await guarded.register(dashboardRoutes);
        await guarded.register(requestRoutes);
        await guarded.register(questionRoutes);
        await guarded.register(topicRoutes);

        await guarded.register(async (admin) => {
          admin.addHook('onRequest', requireAdmin);
          await admin.register(adminRoutes);
        });
      });
    });
  },
  { name: 'staff', dependencies: ['context', 'render', 'csrf'] },
);
