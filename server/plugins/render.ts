// reply.page(): wraps a page in the layout with the data-freshness line and sends it as HTML.
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { SafeHtml } from '../../views/html.ts';
import { layout, type PageContent } from '../../views/layout.ts';
import { syncFreshness } from '../sync/freshness.ts';

declare module 'fastify' {
  interface FastifyReply {
    page(content: PageContent, status?: number): Promise<FastifyReply>;
    /** A partial without the layout: the answer to an htmx request. */
    fragment(content: SafeHtml, status?: number): FastifyReply;
  }
}

/**
 * True when htmx asks for a part of the page. History restores and boosted navigation need the
 * whole page, so they do not count.
 */
export function wantsFragment(request: FastifyRequest): boolean {
  const h = request.headers;
  return h['hx-request'] === 'true' && h['hx-history-restore-request'] !== 'true' && h['hx-boosted'] !== 'true';
}

export default fp(
  async (fastify) => {
    fastify.decorateReply('page', async function page(content: PageContent, status = 200) {
      const { config, db, clock, demo } = fastify;
      const freshness = await syncFreshness(db, clock.now(), config.SYNC_STALE_MINUTES);
      const path = this.request.url.split('?')[0] ?? '/';
      return this.status(status)
        .type('text/html; charset=utf-8')
        .header('vary', 'HX-Request')
        .send(layout(content, { path, freshness, demo }).value);
    });
    fastify.decorateReply('fragment', function fragment(content: SafeHtml, status = 200) {
      return this.status(status).type('text/html; charset=utf-8').header('vary', 'HX-Request').send(content.value);
    });
  },
  { name: 'render', dependencies: ['context'] },
);
