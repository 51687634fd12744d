// Subscribe, confirm, manage, unsubscribe. Thin: validate, call server/alerts, render.
// Every state-changing form is CSRF-protected, except the RFC 8058 one-click unsubscribe, which
// is authenticated by the token in its URL and must work without cookies.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { confirmMail, alreadySubscribedMail } from '../../views/mail/confirm.ts';
import { managePage, erasedPage, unsubscribeConfirmPage, unsubscribedPage } from '../../views/pages/manage.ts';
import {
  alreadyConfirmedPage,
  checkMailPage,
  confirmedPage,
  confirmPage,
  EMPTY_FORM,
  invalidLinkPage,
  matchPreview,
  subscribeFormPage,
  tooManyRequestsPage,
  type FieldErrors,
  type SubscribeFormValues,
} from '../../views/pages/subscribe.ts';
import { BROAD_THRESHOLD, countRecentMatches, describeFilter, filterOptions, isEventChoice, resolveFilter } from '../alerts/filters.ts';
import { countRecentPromiseMatches, eventsFitFilter } from '../alerts/promise-filters.ts';
import { confirmUrl, listHeaders, manageUrl, unsubscribeAddress } from '../alerts/links.ts';
import { loadAlertKeys } from '../alerts/secrets.ts';
import {
  CONFIRM_VALID_DAYS,
  CONSENT_TEXT,
  confirmSubscription,
  eraseAddress,
  findByConfirmToken,
  findConfirmedByToken,
  findByManageToken,
  manageSubscription,
  manageTokenOf,
  requestSubscription,
  unsubscribe,
  type Subscription,
} from '../alerts/subscriptions.ts';
import type { AlertEventChoice, AlertFrequency } from '../db/schema/index.ts';

const Str = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const StrOrList = Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 })]));

const SubscribeBody = Type.Object({
  _csrf: Str(200),
  email: Str(254),
  kind: Str(20),
  topic: Str(40),
  party: Str(80),
  member: Str(40),
  ministry: Str(20),
  question: Str(20),
  promise: Str(200),
  keyword: Str(200),
  events: StrOrList,
  frequency: Str(20),
});

const SubscribeQuery = Type.Object({ vraag: Str(20), onderwerp: Str(40), partij: Str(80), kamerlid: Str(40), ministerie: Str(20), toezegging: Str(200), zoekwoorden: Str(200) });
const TokenParams = Type.Object({ token: Type.String({ maxLength: 100 }) });
const ManageBody = Type.Object({ _csrf: Str(200), events: StrOrList, frequency: Str(20) });

// A deliberately simple check: one @, no spaces, a dot in the domain. The confirmation mail is the real test.
const EMAIL_RE = /^[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function tokenPage(reply: FastifyReply): FastifyReply {
  // Token in the URL: never cache the page, never send the URL on as a referrer.
  return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
}

const subscriptions: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db, clock, config, mailer } = fastify;
  const keys = await loadAlertKeys(db, clock.now());

  // The one-click POST may come as multipart/form-data; its body is ignored, so it is not parsed.
  fastify.addContentTypeParser('multipart/form-data', { bodyLimit: 4096 }, (_req, payload, done) => {
    payload.resume();
    payload.on('end', () => done(null, {}));
    payload.on('error', (err) => done(err));
  });

  fastify.setErrorHandler(async function subscriptionErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
    if (error.statusCode === 429) return reply.page(tooManyRequestsPage(), 429);
    throw error;
  });

  const describeSub = (s: Subscription) => describeFilter({ kind: s.filterKind, value: s.filterValue, label: s.filterLabel }, s.events, s.frequency);

  async function preview(kind: Subscription['filterKind'], value: string, events: AlertEventChoice[]) {
    const count = (await countRecentMatches(db, { kind, value }, events, clock.now())) + (await countRecentPromiseMatches(db, { kind, value }, events, clock.now()));
    return matchPreview(count, count > BROAD_THRESHOLD);
  }

  fastify.get('/abonneren', { schema: { querystring: SubscribeQuery } }, async function subscribeForm(request, reply) {
    const q = request.query;
    const values: SubscribeFormValues = { ...EMPTY_FORM };
    // Prefilled from "volg deze vraag" and similar links on other pages.
    if (q.vraag) Object.assign(values, { kind: 'question', question: q.vraag });
    else if (q.onderwerp) Object.assign(values, { kind: 'topic', topic: q.onderwerp });
    else if (q.partij) Object.assign(values, { kind: 'party', party: q.partij });
    else if (q.kamerlid) Object.assign(values, { kind: 'member', member: q.kamerlid });
    else if (q.ministerie) Object.assign(values, { kind: 'ministry', ministry: q.ministerie });
    else if (q.zoekwoorden) Object.assign(values, { kind: 'keyword', keyword: q.zoekwoorden, events: ['asked', 'delay_notice', 'answered'] });
    else if (q.toezegging) Object.assign(values, { kind: 'promise', promise: q.toezegging, events: ['promise_due_soon', 'promise_overdue', 'promise_fulfilled'] });
    return reply.page(subscribeFormPage(await filterOptions(db), values, {}, reply.csrfField(), CONSENT_TEXT));
  });

  fastify.post(
    '/abonneren',
    {
      schema: { body: SubscribeBody },
      preValidation: fastify.csrfProtection,
      config: { rateLimit: { max: 5, timeWindow: '10 minutes' } },
    },
    async function subscribe(request, reply) {
      const b = request.body;
      const values: SubscribeFormValues = {
        email: (b.email ?? '').trim(),
        kind: b.kind ?? '',
        topic: b.topic ?? '',
        party: b.party ?? '',
        member: b.member ?? '',
        ministry: b.ministry ?? '',
        question: b.question ?? '',
        promise: b.promise ?? '',
        keyword: b.keyword ?? '',
        events: list(b.events),
        frequency: b.frequency ?? '',
      };
      const errors: FieldErrors = {};
      if (!EMAIL_RE.test(values.email)) errors.email = 'Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.';
      const events = [...new Set(values.events)].filter(isEventChoice);
      if (events.length === 0 || events.length !== new Set(values.events).size) errors.events = 'Kies ten minste één gebeurtenis.';
      if (values.frequency !== 'immediate' && values.frequency !== 'digest') errors.frequency = 'Kies direct of één keer per dag.';
      const options = await filterOptions(db);
      const resolved = await resolveFilter(db, values, options);
      if (!resolved.ok) errors[resolved.field as keyof FieldErrors] = resolved.message;
      else if (!errors.events && !eventsFitFilter(resolved.filter.kind, events)) {
        errors.events = resolved.filter.kind === 'promise'
          ? 'Kies bij één toezegging of verzoek alleen gebeurtenissen van toezeggingen en verzoeken.'
          : 'Gebeurtenissen van toezeggingen en verzoeken zijn er alleen bij een onderwerp, een ministerie of één toezegging.';
      }
      if (!resolved.ok || Object.keys(errors).length > 0) {
        return reply.page(subscribeFormPage(options, values, errors, reply.csrfField(), CONSENT_TEXT), 422);
      }
      const frequency = values.frequency as AlertFrequency;
      const now = clock.now();
      const outcome = await requestSubscription(db, keys, { email: values.email, filter: resolved.filter, events, frequency }, now);
      // The answer is the same whatever happened; the mail differs (or is skipped past the per-address limit).
      if (outcome.mail === 'confirm') {
        const mail = confirmMail(confirmUrl(config.PUBLIC_URL, outcome.confirmToken), outcome.subscription.consent.filterDescription, CONFIRM_VALID_DAYS);
        mailer.sendLater({ to: outcome.to, ...mail, headers: { 'Auto-Submitted': 'auto-generated' } });
      } else if (outcome.mail === 'already') {
        const token = outcome.manageToken;
        const mail = alreadySubscribedMail(manageUrl(config.PUBLIC_URL, token), describeSub(outcome.subscription));
        mailer.sendLater({ to: outcome.to, ...mail, headers: listHeaders(config.PUBLIC_URL, unsubscribeAddress(config), token) });
      }
      const description = describeFilter(resolved.filter, events, frequency);
      return reply.page(checkMailPage(description, await preview(resolved.filter.kind, resolved.filter.value, events)));
    },
  );

  const tokenRateLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

  /** A confirmation link used before leads to its subscription; any other bad link is invalid. */
  async function usedOrInvalid(token: string, reply: FastifyReply) {
    const confirmed = await findConfirmedByToken(db, token);
    if (confirmed) return reply.page(alreadyConfirmedPage(`/abonnement/${manageTokenOf(keys, confirmed)}`, describeSub(confirmed)));
    return reply.page(invalidLinkPage(), 404);
  }

  fastify.get('/abonneren/bevestigen/:token', { schema: { params: TokenParams }, config: tokenRateLimit }, async function confirmForm(request, reply) {
    tokenPage(reply);
    const sub = await findByConfirmToken(db, request.params.token, clock.now());
    if (!sub) return usedOrInvalid(request.params.token, reply);
    return reply.page(confirmPage(request.params.token, sub.consent.filterDescription, await preview(sub.filterKind, sub.filterValue, sub.events), reply.csrfField()));
  });

  fastify.post(
    '/abonneren/bevestigen/:token',
    { schema: { params: TokenParams }, preValidation: fastify.csrfProtection, config: tokenRateLimit },
    async function confirm(request, reply) {
      tokenPage(reply);
      const sub = await confirmSubscription(db, request.params.token, clock.now());
      if (!sub) return usedOrInvalid(request.params.token, reply);
      return reply.page(confirmedPage(`/abonnement/${manageTokenOf(keys, sub)}`));
    },
  );

  fastify.get('/abonnement/:token', { schema: { params: TokenParams }, config: tokenRateLimit }, async function manage(request, reply) {
    tokenPage(reply);
    const sub = await findByManageToken(db, request.params.token);
    if (!sub || sub.state === 'pending') return reply.page(invalidLinkPage(), 404);
    return reply.page(managePage(sub, request.params.token, describeSub(sub), reply.csrfField()));
  });

  fastify.post(
    '/abonnement/:token/wijzigen',
    { schema: { params: TokenParams, body: ManageBody }, preValidation: fastify.csrfProtection, config: tokenRateLimit },
    async function change(request, reply) {
      tokenPage(reply);
      const { token } = request.params;
      const sub = await findByManageToken(db, token);
      if (!sub || sub.state === 'pending') return reply.page(invalidLinkPage(), 404);
      const raw = list(request.body.events);
      const events = [...new Set(raw)].filter(isEventChoice);
      const frequency = request.body.frequency;
      if (events.length === 0 || events.length !== new Set(raw).size || (frequency !== 'immediate' && frequency !== 'digest') || !eventsFitFilter(sub.filterKind, events)) {
        const shown: Subscription = { ...sub, events, frequency: frequency === 'digest' ? 'digest' : 'immediate' };
        return reply.page(managePage(shown, token, describeSub(sub), reply.csrfField(), { events: 'Kies ten minste één gebeurtenis die bij uw abonnement past, en hoe vaak.' }), 422);
      }
      const updated = await manageSubscription(db, token, { action: 'update', events, frequency }, clock.now());
      return reply.page(managePage(updated ?? sub, token, describeSub(updated ?? sub), reply.csrfField(), {}, 'Uw wijzigingen zijn opgeslagen.'));
    },
  );

  for (const [path, action, notice] of [
    ['pauzeren', 'pause', 'Uw abonnement is gepauzeerd. U krijgt geen e-mail tot u het hervat.'],
    ['hervatten', 'resume', 'Uw abonnement is weer actief.'],
  ] as const) {
    fastify.post(
      `/abonnement/:token/${path}`,
      { schema: { params: TokenParams }, preValidation: fastify.csrfProtection, config: tokenRateLimit },
      async function pauseOrResume(request, reply) {
        tokenPage(reply);
        const { token } = request.params;
        const sub = await manageSubscription(db, token, { action }, clock.now());
        if (!sub || sub.state === 'pending') return reply.page(invalidLinkPage(), 404);
        return reply.page(managePage(sub, token, describeSub(sub), reply.csrfField(), {}, notice));
      },
    );
  }

  fastify.post(
    '/abonnement/:token/wissen',
    { schema: { params: TokenParams }, preValidation: fastify.csrfProtection, config: tokenRateLimit },
    async function erase(request, reply) {
      tokenPage(reply);
      if (!(await eraseAddress(db, request.params.token))) return reply.page(invalidLinkPage(), 404);
      return reply.page(erasedPage());
    },
  );

  // RFC 8058: GET only shows a button (link scanners fetch GETs); the POST needs no cookie or
  // CSRF token, takes effect at once, answers 200 without a redirect, and is idempotent.
  const oneClickLimit = { rateLimit: { max: 60, timeWindow: '1 minute' } };
  fastify.get('/abonnement/:token/afmelden', { schema: { params: TokenParams }, config: oneClickLimit }, async function unsubscribeForm(request, reply) {
    tokenPage(reply);
    const sub = await findByManageToken(db, request.params.token);
    if (!sub) return reply.page(invalidLinkPage(), 404);
    if (sub.state === 'unsubscribed') return reply.page(unsubscribedPage());
    return reply.page(unsubscribeConfirmPage(request.params.token));
  });

  fastify.post('/abonnement/:token/afmelden', { schema: { params: TokenParams }, config: oneClickLimit }, async function oneClickUnsubscribe(request, reply) {
    tokenPage(reply);
    const sub = await unsubscribe(db, request.params.token, clock.now());
    if (!sub) return reply.page(invalidLinkPage(), 404);
    return reply.page(unsubscribedPage());
  });
};

export default subscriptions;
