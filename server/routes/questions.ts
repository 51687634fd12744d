import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { questionsAtom } from '../../views/feeds/atom.ts';
import { questionsCsv } from '../../views/feeds/csv.ts';
import { dueDatesCalendar } from '../../views/feeds/ical.ts';
import { questionPage } from '../../views/pages/question.ts';
import { notFoundPage } from '../../views/pages/error.ts';
import { questionsPage, resultsPartial } from '../../views/pages/questions.ts';
import { getQuestionView, ZAAK_NUMMER_PATTERN } from '../questions/question-view.ts';
import { textDetails } from '../texts/question-texts.ts';
import { wantsFragment } from '../plugins/render.ts';
import { defaultTopicSlug, filterOptions, memberOptions } from '../question-list/filter-options.ts';
import { ListQuerySchema, statusesOf, toFilters, toQueryString } from '../question-list/filters.ts';
import { listQuestions } from '../question-list/list-questions.ts';
import { filtersInWords, latestEventTimes } from '../question-list/feed-details.ts';
import { STATUS_LABELS } from '../../views/status.ts';
import { memoize } from '../question-list/choices-memo.ts';
import { CsvQuery } from './csv-query.ts';

const questions: FastifyPluginAsyncTypebox = async (fastify) => {
  const ttlMs = fastify.config.PAGE_CACHE_SECONDS * 1000;
  const choices = memoize(ttlMs, async () => {
    const [options, members] = await Promise.all([filterOptions(fastify.db), memberOptions(fastify.db, 'tracked')]);
    return { ...options, members };
  });
  fastify.get('/vragen', { schema: { querystring: ListQuerySchema }, config: { pageCache: true } }, async function listQuestionsPage(request, reply) {
    const defaultTopic = await defaultTopicSlug(fastify.db);
    const filters = toFilters(request.query, defaultTopic);
    const list = await listQuestions(fastify.db, filters);
    if (wantsFragment(request)) return reply.fragment(resultsPartial(list, filters, defaultTopic));
    const options = await choices();
    // A member filtered on by a link who asked nothing on a followed topic is still offered.
    const chosen = filters.member;
    const members = chosen && !options.members.some((m) => m.value === chosen) ? await memberOptions(fastify.db, 'tracked', chosen) : options.members;
    return reply.page(questionsPage(list, filters, { ...options, members }, defaultTopic));
  });

  // The same filters as /vragen, in machine formats. Bounded so one request cannot dump the world.
  const FEED_LIMITS = { csv: 10_000, atom: 50, ics: 2_000 } as const;

  const CsvListQuery = Type.Object({ ...ListQuerySchema.properties, ...CsvQuery.properties });
  fastify.get('/vragen.csv', { schema: { querystring: CsvListQuery }, config: { pageCache: true } }, async function exportCsv(request, reply) {
    const filters = toFilters(request.query, await defaultTopicSlug(fastify.db));
    const list = await listQuestions(fastify.db, { ...filters, page: 1 }, FEED_LIMITS.csv);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="kamerwacht-vragen.csv"')
      .send(questionsCsv(list.rows, fastify.config.PUBLIC_URL, request.query.voor === 'excel' ? 'excel' : 'rfc4180'));
  });

  fastify.get('/vragen.atom', { schema: { querystring: ListQuerySchema }, config: { pageCache: true } }, async function atomFeed(request, reply) {
    const defaultTopic = await defaultTopicSlug(fastify.db);
    const filters = { ...toFilters(request.query, defaultTopic), page: 1, sort: 'ingediend' as const };
    const list = await listQuestions(fastify.db, filters, FEED_LIMITS.atom);
    const now = fastify.clock.now();
    const [eventTimes, words] = await Promise.all([latestEventTimes(fastify.db, list.rows.map((r) => r.zaakId), now), filtersInWords(fastify.db, filters, STATUS_LABELS)]);
    const { PUBLIC_URL } = fastify.config;
    return reply.type('application/atom+xml; charset=utf-8').send(
      questionsAtom(list.rows, {
        publicUrl: PUBLIC_URL,
        selfUrl: `${PUBLIC_URL}/vragen.atom${toQueryString(filters, defaultTopic)}`,
        title: `Kamerwacht: schriftelijke vragen${words.length ? ` (${words.join(', ')})` : ''}`,
        eventTimes,
        now,
      }),
    );
  });

  fastify.get('/vragen.ics', { schema: { querystring: ListQuerySchema }, config: { pageCache: true } }, async function dueDatesIcs(request, reply) {
    const filters = toFilters(request.query, await defaultTopicSlug(fastify.db));
    // Due dates only mean something for sets still waiting for an answer.
    const waiting = ['open', 'due_soon', 'delayed', 'overdue'] as const;
    const wanted = filters.status ? statusesOf(filters.status) : waiting;
    const statuses = waiting.filter((s) => wanted.includes(s));
    const rows = [];
    for (const status of statuses) {
      rows.push(...(await listQuestions(fastify.db, { ...filters, status, page: 1, sort: 'termijn' }, FEED_LIMITS.ics)).rows);
    }
    const { PUBLIC_URL } = fastify.config;
    return reply.type('text/calendar; charset=utf-8').send(dueDatesCalendar(rows, PUBLIC_URL, new URL(PUBLIC_URL).host));
  });

  fastify.get(
    '/vragen/:nummer',
    { schema: { params: Type.Object({ nummer: Type.String({ maxLength: 20 }) }) }, config: { pageCache: true } },
    async function showQuestion(request, reply) {
      const nummer = request.params.nummer.toUpperCase();
      const view = new RegExp(ZAAK_NUMMER_PATTERN).test(nummer) ? await getQuestionView(fastify.db, nummer, fastify.clock.now()) : null;
      if (!view) return reply.page(notFoundPage(), 404);
      const { PUBLIC_URL, TK_FEED_URL } = fastify.config;
      const details = await textDetails(fastify.db, view.number, view.documents.map((d) => d.id));
      return reply.page(questionPage(view, TK_FEED_URL, `${PUBLIC_URL}/vragen/${view.number}`, details));
    },
  );
};

export default questions;
