// /staff (dashboard with filters), its CSV export, /staff/quarantaine (feed entries set aside) and
// /staff/audit (admins only).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { questionsCsv } from '../../../views/feeds/csv.ts';
import { auditPage, dashboardPage } from '../../../views/pages/staff/dashboard.ts';
import { quarantinePage } from '../../../views/pages/staff/quarantine.ts';
import { filterOptions, memberOptions } from '../../question-list/filter-options.ts';
import { listAudit } from '../../staff/audit.ts';
import { type DashboardFilters, staffDashboard } from '../../staff/dashboard.ts';
import { listSetAside } from '../../sync/quarantine.ts';
import { staffContext } from './guard.ts';

const DashboardQuery = Type.Object({
  lid: Type.Optional(Type.Union([Type.Literal(''), Type.String({ format: 'uuid' })])),
  fractie: Type.Optional(Type.String({ maxLength: 60 })),
  ministerie: Type.Optional(Type.String({ maxLength: 20 })),
});

const blank = (v: string | undefined) => (v?.trim() ? v.trim() : null);

function filtersOf(q: { lid?: string; fractie?: string; ministerie?: string }): { f: DashboardFilters; query: string } {
  const f = { member: blank(q.lid), party: blank(q.fractie), ministry: blank(q.ministerie) };
  const p = new URLSearchParams();
  if (f.member) p.set('lid', f.member);
  if (f.party) p.set('fractie', f.party);
  if (f.ministry) p.set('ministerie', f.ministry);
  return { f, query: p.toString() };
}

export const dashboardRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db, clock, config } = fastify;

  fastify.get('/staff', { schema: { querystring: DashboardQuery } }, async (request, reply) => {
    const { f, query } = filtersOf(request.query);
    const [d, options, members] = await Promise.all([staffDashboard(db, clock.now(), f), filterOptions(db), memberOptions(db, 'all')]);
    return reply.page(dashboardPage(staffContext(request, reply), d, f, { members, parties: options.parties, ministries: options.ministries }, query));
  });

  fastify.get(
    '/staff/export.csv',
    // One object, not an intersection: with removeAdditional each branch of an allOf strips the
    // other's fields, and `lijst` never arrived (400).
    { schema: { querystring: Type.Object({ ...DashboardQuery.properties, lijst: Type.Union([Type.Literal('deze-week'), Type.Literal('te-laat'), Type.Literal('beantwoord')]) }) } },
    async (request, reply) => {
      const { f } = filtersOf(request.query);
      const d = await staffDashboard(db, clock.now(), f);
      const rows = request.query.lijst === 'deze-week' ? d.dueThisWeek : request.query.lijst === 'te-laat' ? d.overdue : d.recentlyAnswered;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="kamerwacht-staf-${request.query.lijst}.csv"`)
        .send(questionsCsv(rows, config.PUBLIC_URL));
    },
  );

  fastify.get('/staff/quarantaine', async (request, reply) => reply.page(quarantinePage(staffContext(request, reply), await listSetAside(db))));
};

export const adminRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/staff/audit', async (request, reply) => reply.page(auditPage(staffContext(request, reply), await listAudit(fastify.db))));
};
