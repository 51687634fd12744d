// GET /api/v1/questions: the /vragen list with the same filters, as JSON.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Nullable } from './schema-helpers.ts';
import { QUESTION_STATUSES, type QuestionStatus } from '../../db/schema/index.ts';
import { defaultTopicSlug } from '../../question-list/filter-options.ts';
import { ListQuerySchema, toFilters } from '../../question-list/filters.ts';
import { listQuestions } from '../../question-list/list-questions.ts';
import type { Snippet } from '../../search/snippet.ts';

/** The snippet as plain text with the marked words as offsets: API clients mark them as they like. */
function snippetFields(snippet: Snippet | null): { snippet: string | null; snippetMarks: { start: number; end: number }[] } {
  if (!snippet) return { snippet: null, snippetMarks: [] };
  let text = '';
  const marks: { start: number; end: number }[] = [];
  for (const s of snippet.segments) {
    if (s.mark) marks.push({ start: text.length, end: text.length + s.text.length });
    text += s.text;
  }
  return { snippet: text, snippetMarks: marks };
}


const QuestionListSchema = Type.Object({
  total: Type.Integer(),
  totalCapped: Type.Boolean({ description: 'Bij zoeken (`q`): true als meer dan 250 sets overeenkomen; `total` is dan 250 en de pagina\'s tonen de eerste 250.' }),
  page: Type.Integer(),
  pages: Type.Integer(),
  items: Type.Array(
    Type.Object({
      number: Type.String(),
      title: Type.String(),
      status: Type.Unsafe<QuestionStatus>({ type: 'string', enum: [...QUESTION_STATUSES] }),
      statusAsOf: Type.String({ format: 'date-time' }),
      submittedAt: Nullable(Type.String({ format: 'date' })),
      dueAt: Nullable(Type.String({ format: 'date' })),
      delayed: Type.Boolean(),
      answeredAt: Nullable(Type.String({ format: 'date' })),
      daysOpen: Nullable(Type.Integer()),
      daysOverdue: Type.Integer(),
      askers: Type.Array(Type.Object({ name: Type.String(), role: Type.String(), party: Nullable(Type.String()) })),
      ministries: Type.Array(Type.String()),
      url: Type.String(),
      snippet: Nullable(Type.String({ description: 'Bij zoeken (`q`): de passage die overeenkwam, als platte tekst; null zonder zoekopdracht of bij een nummer.' })),
      snippetMarks: Type.Array(Type.Object({ start: Type.Integer(), end: Type.Integer() }), {
        description: 'De gevonden woorden in `snippet`, als posities (UTF-16, eind exclusief).',
      }),
    }),
  ),
});

const questionsListApi: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/api/v1/questions',
    {
      schema: {
        summary: 'Schriftelijke vragen, gefilterd zoals /vragen',
        description: 'Zonder `onderwerp` geldt het standaardonderwerp; `onderwerp=alle` toont alle onderwerpen. 25 per pagina.',
        querystring: ListQuerySchema,
        response: { 200: QuestionListSchema },
      },
    },
    async function listQuestionsApi(request) {
      const filters = toFilters(request.query, await defaultTopicSlug(fastify.db));
      const list = await listQuestions(fastify.db, filters);
      return {
        total: list.total,
        totalCapped: list.totalCapped,
        page: list.page,
        pages: list.pages,
        items: list.rows.map((r) => ({
          number: r.nummer,
          title: r.title,
          status: r.status,
          statusAsOf: r.statusAsOf.toISOString(),
          submittedAt: r.submittedOn,
          dueAt: r.applicableDueOn,
          delayed: r.delayed,
          answeredAt: r.answeredOn,
          daysOpen: r.daysOpen,
          daysOverdue: r.daysOverdue,
          askers: r.askers,
          ministries: r.ministries,
          url: `${fastify.config.PUBLIC_URL}/vragen/${r.nummer}`,
          ...snippetFields(r.snippet),
        })),
      };
    },
  );
};

export default questionsListApi;
