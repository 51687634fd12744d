// The promises ledger's pages and feeds: /verzoeken (with its htmx fragment), its CSV, Atom and
// iCal, one promise at /verzoeken/<slug>, and a ministry's rappel (page and CSV). Thin: validate,
// call server/promises/ledger.ts, render.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { promiseDeadlinesCalendar, promisesAtom, promisesCsv } from '../../views/feeds/promises.ts';
import { notFoundPage } from '../../views/pages/error.ts';
import { promisePage } from '../../views/pages/promise.ts';
import { rappelPage } from '../../views/pages/rappel.ts';
import { ledgerPage, ledgerResults } from '../../views/pages/requests.ts';
import { wantsFragment } from '../plugins/render.ts';
import { getPromise, ledgerOptions, listPromises, overdueFor } from '../promises/ledger.ts';
import { LedgerQuerySchema, ledgerQueryString, toLedgerFilters } from '../promises/ledger-filters.ts';
import { findMinistry } from '../statistics/scopes.ts';

/** Bounded so one request cannot dump the world. */
const FEED_LIMITS = { csv: 10_000, atom: 50, ics: 2_000 } as const;

const promises: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db, config } = fastify;

  fastify.get('/verzoeken', { schema: { querystring: LedgerQuerySchema }, config: { pageCache: true } }, async function ledger(request, reply) {
    const filters = toLedgerFilters(request.query);
    const list = await listPromises(db, filters);
    if (wantsFragment(request)) return reply.fragment(ledgerResults(list, filters));
    return reply.page(ledgerPage(list, filters, await ledgerOptions(db)));
  });

  fastify.get('/verzoeken.csv', { schema: { querystring: LedgerQuerySchema }, config: { pageCache: true } }, async function ledgerCsv(request, reply) {
    const list = await listPromises(db, { ...toLedgerFilters(request.query), page: 1 }, FEED_LIMITS.csv);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="kamerwacht-toezeggingen.csv"')
      .send(promisesCsv(list.rows, config.PUBLIC_URL));
  });

  fastify.get('/verzoeken.atom', { schema: { querystring: LedgerQuerySchema }, config: { pageCache: true } }, async function ledgerAtom(request, reply) {
    const filters = { ...toLedgerFilters(request.query), page: 1, sort: 'gemaakt' as const };
    const list = await listPromises(db, filters, FEED_LIMITS.atom);
    const updated = list.rows.reduce((max, r) => (r.statusAsOf && r.statusAsOf > max ? r.statusAsOf : max), new Date(0));
    return reply.type('application/atom+xml; charset=utf-8').send(
      promisesAtom(list.rows, {
        publicUrl: config.PUBLIC_URL,
        selfUrl: `${config.PUBLIC_URL}/verzoeken.atom${ledgerQueryString(filters)}`,
        title: 'Kamerwacht: toezeggingen en verzoeken',
        updated: updated.getTime() > 0 ? updated : fastify.clock.now(),
      }),
    );
  });

  fastify.get('/verzoeken.ics', { schema: { querystring: LedgerQuerySchema }, config: { pageCache: true } }, async function ledgerIcs(request, reply) {
    const filters = toLedgerFilters(request.query);
    // Deadlines mean something only while a promise is still owed.
    const owed = ['open', 'due_soon', 'overdue'] as const;
    const rows = [];
    for (const status of filters.status ? owed.filter((s) => s === filters.status) : owed) {
      rows.push(...(await listPromises(db, { ...filters, status, page: 1, sort: 'termijn' }, FEED_LIMITS.ics)).rows);
    }
    return reply.type('text/calendar; charset=utf-8').send(promiseDeadlinesCalendar(rows, config.PUBLIC_URL, new URL(config.PUBLIC_URL).host));
  });

  fastify.get('/verzoeken/:slug', { schema: { params: Type.Object({ slug: Type.String({ maxLength: 200 }) }) }, config: { pageCache: true } }, async function showPromise(request, reply) {
    const slug = request.params.slug.toLowerCase();
    const promise = /^[a-z0-9][a-z0-9-]*$/.test(slug) ? await getPromise(db, slug) : null;
    if (!promise) return reply.page(notFoundPage(), 404);
    return reply.page(promisePage(promise, `${config.PUBLIC_URL}/verzoeken/${promise.slug}`));
  });

  const MinistryParams = Type.Object({ code: Type.String({ maxLength: 20 }) });

  fastify.get('/ministeries/:code/rappel', { schema: { params: MinistryParams }, config: { pageCache: true } }, async function rappel(request, reply) {
    const ministry = findMinistry(request.params.code);
    if (!ministry) return reply.page(notFoundPage(), 404);
    const rows = await overdueFor(db, ministry.code);
    const asOf = rows.reduce<Date | null>((max, r) => (r.statusAsOf && (!max || r.statusAsOf > max) ? r.statusAsOf : max), null);
    return reply.page(rappelPage(ministry, rows, asOf));
  });

  fastify.get('/ministeries/:code/rappel.csv', { schema: { params: MinistryParams }, config: { pageCache: true } }, async function rappelCsv(request, reply) {
    const ministry = findMinistry(request.params.code);
    if (!ministry) return reply.page(notFoundPage(), 404);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="kamerwacht-rappel-${ministry.code}.csv"`)
      .send(promisesCsv(await overdueFor(db, ministry.code), config.PUBLIC_URL));
  });
};

export default promises;
