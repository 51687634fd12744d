// /vragen/te-laat (and .csv): the written questions past their answer term, per ministry.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { overdueCsv } from '../../views/feeds/csv.ts';
import { overduePage } from '../../views/pages/overdue.ts';
import { overdueList } from '../overdue/weekly-list.ts';
import { filterOptions } from '../question-list/filter-options.ts';
import { ministryByCode } from '../questions/ministries.ts';
import { CsvQuery } from './csv-query.ts';

const OverdueQuery = Type.Object({ ministerie: Type.Optional(Type.String({ maxLength: 20 })) });

const overdue: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  const ministryOf = (code: string | undefined) => {
    const m = code ? ministryByCode(code) : undefined;
    return m ? { code: m.code, name: m.name } : null;
  };

  fastify.get('/vragen/te-laat', { schema: { querystring: OverdueQuery }, config: { pageCache: true } }, async function overduePageRoute(request, reply) {
    const ministry = ministryOf(request.query.ministerie);
    const [list, options] = await Promise.all([overdueList(db, ministry?.code ?? null), filterOptions(db)]);
    const ministries = options.ministries.map((code) => ministryOf(code) ?? { code, name: code }).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
    return reply.page(overduePage(list, ministry, ministries));
  });

  fastify.get(
    '/vragen/te-laat.csv',
    { schema: { querystring: Type.Object({ ...OverdueQuery.properties, ...CsvQuery.properties }) }, config: { pageCache: true } },
    async function overdueCsvRoute(request, reply) {
      const ministry = ministryOf(request.query.ministerie);
      const list = await overdueList(db, ministry?.code ?? null);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="kamerwacht-te-laat${ministry ? `-${ministry.code}` : ''}.csv"`)
        .send(overdueCsv(list.ministries, fastify.config.PUBLIC_URL, request.query.voor === 'excel' ? 'excel' : 'rfc4180'));
    },
  );
};

export default overdue;
