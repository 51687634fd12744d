// GET /api/v1/requests and /api/v1/requests/{slug}: the promises ledger as JSON, with the filters
// of /verzoeken. Every item carries at least slug, kind, source, number, subject, addressees,
// minister, madeOn, dueOn, dueText, status, statusAsOf and links; the older request fields
// (requestedOn, persons, …) stay for existing callers.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { linkHref } from '../../../views/pages/requests.ts';
import { PROMISE_SOURCES, REQUEST_KINDS, REQUEST_STATUSES } from '../../db/schema/index.ts';
import { getPromise, listPromises, type PromiseDetail, type PromiseRowView } from '../../promises/ledger.ts';
import { LedgerQuerySchema, ledgerQueryString, toLedgerFilters } from '../../promises/ledger-filters.ts';
import { Nullable } from './schema-helpers.ts';

const PAGE_SIZE = 500;
const DateOnly = Type.String({ format: 'date' });
const DateTime = Type.String({ format: 'date-time' });
const Enum = <T extends readonly string[]>(values: T, description?: string) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });

const LinkSchema = Type.Object({
  kind: Type.String({ description: 'activiteit, document of kamerstuk' }),
  target: Type.String(),
  title: Type.String(),
  date: Nullable(DateOnly),
  state: Type.String({ description: 'confirmed (wat het nakomt), suggested (voorstel, nog niet beoordeeld) of rejected' }),
  origin: Nullable(Type.String({ description: 'suggestion, staff, register of seed' })),
  url: Nullable(Type.String()),
});

const PromiseSchema = Type.Object({
  slug: Type.String(),
  kind: Enum(REQUEST_KINDS),
  source: Enum(PROMISE_SOURCES),
  number: Nullable(Type.String({ description: 'Het nummer van de toezegging in het register' })),
  subject: Type.String(),
  description: Type.String({ description: 'Wat is toegezegd of gevraagd' }),
  addressees: Type.Array(Type.String(), { description: 'Ministeries (codes) die het verschuldigd zijn' }),
  minister: Nullable(Type.String({ description: 'De bewindspersoon zoals de bron die noemt' })),
  ministerFunction: Nullable(Type.String()),
  ministerPersonId: Nullable(Type.String({ description: 'Alleen als de naam precies één persoon aanwijst' })),
  madeOn: Nullable(DateOnly),
  dueOn: Nullable(DateOnly),
  dueText: Nullable(Type.String({ description: 'De termijn zoals geschreven' })),
  dueFromText: Type.Boolean({ description: 'dueOn is (voorzichtig) uit dueText gelezen' }),
  status: Enum(REQUEST_STATUSES),
  statusAsOf: Nullable(DateTime),
  registerStatus: Nullable(Type.String({ description: 'Status in het toezeggingenregister: Openstaand, Voldaan, Deels Voldaan, Vervallen' })),
  daysOverdue: Type.Integer(),
  fulfilledOn: Nullable(DateOnly),
  fulfilmentNumber: Nullable(Type.String({ description: 'Kamerbrief die het register als nakoming noemt' })),
  fulfilmentFound: Nullable(Type.Boolean({ description: 'false: de brief staat (nog) niet in de gegevens' })),
  committee: Nullable(Type.String()),
  links: Type.Array(LinkSchema),
  url: Type.String(),
  requestedOn: Nullable(DateOnly),
  requestedOnPrecision: Type.String(),
  persons: Type.Array(Type.Object({ name: Type.String(), party: Nullable(Type.String()) })),
  requesterParties: Type.Array(Type.String()),
  supporterParties: Type.Array(Type.String()),
});

const PromiseDetailSchema = Type.Intersect([
  PromiseSchema,
  Type.Object({
    removed: Type.Boolean({ description: 'De bron staat niet meer in de gegevens' }),
    events: Type.Array(Type.Object({ kind: Type.String(), at: DateTime })),
    topics: Type.Array(Type.Object({ slug: Type.String(), name: Type.String(), matchedTerms: Type.Array(Type.String()) })),
    activity: Nullable(Type.Object({ id: Type.String(), soort: Nullable(Type.String()), onderwerp: Nullable(Type.String()), date: Nullable(DateOnly), number: Nullable(Type.String()) })),
    question: Nullable(Type.Object({ number: Type.String(), questionNumbers: Type.Array(Type.String()) })),
  }),
]);

const ErrorSchema = Type.Object({ error: Type.String(), statusCode: Type.Integer() });

function item(r: PromiseRowView, publicUrl: string) {
  return {
    slug: r.slug,
    kind: r.kind,
    source: r.source,
    number: r.number,
    subject: r.subject,
    description: r.description,
    addressees: r.addressees,
    minister: r.minister,
    ministerFunction: r.ministerFunction,
    ministerPersonId: r.ministerPersoonId,
    madeOn: r.madeOn,
    dueOn: r.dueOn,
    dueText: r.dueText,
    dueFromText: r.dueSource === 'text',
    status: r.status,
    statusAsOf: r.statusAsOf?.toISOString() ?? null,
    registerStatus: r.registerStatus,
    daysOverdue: r.daysOverdue,
    fulfilledOn: r.fulfilledOn,
    fulfilmentNumber: r.fulfilmentNumber,
    fulfilmentFound: r.fulfilmentFound,
    committee: r.committee,
    links: r.links.map((l) => ({ kind: l.kind, target: l.target, title: l.title, date: l.date, state: l.state, origin: l.origin, url: linkHref(l) })),
    url: `${publicUrl}/verzoeken/${r.slug}`,
    requestedOn: r.madeOn,
    requestedOnPrecision: r.madeOnPrecision,
    persons: r.persons.map((p) => ({ name: p.name, party: p.party })),
    requesterParties: r.requesterParties,
    supporterParties: r.supporterParties,
  };
}

function detail(p: PromiseDetail, publicUrl: string) {
  const numbers = Array.isArray(p.details.questionNumbers) ? (p.details.questionNumbers as string[]) : [];
  return {
    ...item(p, publicUrl),
    removed: p.removed,
    events: p.events.map((e) => ({ kind: e.kind, at: e.at.toISOString() })),
    topics: p.topics,
    activity: p.activity ? { id: p.activity.id, soort: p.activity.soort, onderwerp: p.activity.onderwerp, date: p.activity.datum, number: p.activity.nummer } : null,
    question: p.source === 'answer' && p.zaak?.nummer ? { number: p.zaak.nummer, questionNumbers: numbers } : null,
  };
}

const requestsApi: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db, config } = fastify;

  fastify.get(
    '/api/v1/requests',
    {
      schema: {
        summary: 'Toezeggingen, verzoeken om brieven en briefings, en uitgestelde antwoorden',
        description: `Met dezelfde filters als /verzoeken. ${PAGE_SIZE} per pagina (\`pagina\`); het totaal staat in X-Total-Count, de volgende pagina in de Link-header.`,
        querystring: LedgerQuerySchema,
        response: { 200: Type.Array(PromiseSchema) },
      },
      config: { pageCache: true },
    },
    async function listRequestsApi(request, reply) {
      const filters = toLedgerFilters(request.query);
      const list = await listPromises(db, filters, PAGE_SIZE);
      reply.header('x-total-count', String(list.total));
      if (list.page < list.pages) reply.header('link', `<${config.PUBLIC_URL}/api/v1/requests${ledgerQueryString(filters, { page: list.page + 1 })}>; rel="next"`);
      return list.rows.map((r) => item(r, config.PUBLIC_URL));
    },
  );

  fastify.get(
    '/api/v1/requests/:slug',
    {
      schema: {
        summary: 'Eén toezegging of verzoek, met verloop',
        params: Type.Object({ slug: Type.String({ maxLength: 200 }) }),
        response: { 200: PromiseDetailSchema, 404: ErrorSchema },
      },
      config: { pageCache: true },
    },
    async function getRequestApi(request, reply) {
      const slug = request.params.slug.toLowerCase();
      const p = /^[a-z0-9][a-z0-9-]*$/.test(slug) ? await getPromise(db, slug) : null;
      if (!p) return reply.status(404).send({ error: `Toezegging of verzoek ${request.params.slug} niet gevonden`, statusCode: 404 });
      return detail(p, config.PUBLIC_URL);
    },
  );
};

export default requestsApi;
