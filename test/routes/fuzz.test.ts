// Fuzzes every route (the whole route table, so every path of the OpenAPI document and every
// page) and every form (subscribe, confirm, manage, unsubscribe, staff sign-in, the staff forms
// with a signed-in admin) with malformed values: NUL bytes, invalid UTF-8 and broken
// percent-encodings, huge strings, negative and non-finite numbers, impossible dates, arrays
// and duplicated parameters where one value is expected, odd content types and bodies past the
// limit. No answer may be a 5xx. Seeded, so a failure replays: FUZZ_SEED=<seed> npx tap <this file>.
import type { FastifyInstance, RouteOptions } from 'fastify';
import t from 'tap';
import { TEST_NOW } from '../helpers/app.ts';
import { insertActor, insertDocument, insertFractie, insertPersoon, insertQuestionSet, insertSeat } from '../helpers/builders.ts';
import { subscriptionLinks } from '../alerts/links.ts';
import { buildStaffApp, formPage, sessionFor } from '../staff/helpers.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20251124);

/** mulberry32: small, fast, good enough to pick test inputs reproducibly. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(list: readonly T[]): T => list[int(list.length)]!, chance: (p: number) => next() < p };
}
type Random = ReturnType<typeof random>;

/** Values as they appear in a URL or a urlencoded body: raw, already percent-encoded where encoded. */
const BAD_ENCODED = [
  '%00',
  'a%00b',
  '%C3%28',
  '%FF',
  '%ED%A0%80',
  '%E2%82',
  '%',
  '%zz',
  '100%',
  '-1',
  '0',
  '-0',
  '1.5',
  '0x10',
  '-Infinity',
  'Infinity',
  '1e400',
  '-1e400',
  'NaN',
  '99999999999999999999',
  '2147483648',
  '2025-02-30',
  '2025-13-01',
  '0000-00-00',
  '0000-01-01',
  '9999-12-31',
  '2025-1-1',
  '',
  '+',
  '__proto__',
  'constructor',
  '%27%3B%20drop%20table%20zaken%3B%20--',
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  '%E2%82%AC',
  '%F0%9F%98%80',
  '..%2F..%2Fetc%2Fpasswd',
  '%2F%2Fevil.example',
];

/** Plain strings, encoded when used. */
function randomText(r: Random): string {
  switch (r.int(6)) {
    case 0:
      return 'x'.repeat(r.pick([300, 5_000, 20_000]));
    case 1:
      return Array.from({ length: r.int(12) + 1 }, () => String.fromCodePoint(r.pick([0x20 + r.int(95), 0xa0 + r.int(0x2000), 0x1f600 + r.int(80), 0x4e00 + r.int(500)]))).join('');
    case 2:
      return r.pick(['datalek', 'NSC', 'VWS', '2025Z12345', 'open', 'a@example.nl', "O'Brien", 'x"y', '<b>', '\\', '/staff', '//evil', '\t\n']);
    case 3:
      return String(r.pick([-1, 0, 1, 2, 10_001, 2 ** 31, -(2 ** 31) - 1, 1e21]));
    case 4:
      return '\u0000';
    default:
      return '';
  }
}

function randomValue(r: Random): string {
  return r.chance(0.6) ? r.pick(BAD_ENCODED) : encodeURIComponent(randomText(r));
}

/** Sensible values by field or parameter name, so the other fields of a request get past validation. */
const GOOD: Record<string, string[]> = {
  nummer: ['2025Z12345', '2025Z19002'],
  number: ['2025Z12345'],
  afkorting: ['NSC', 'VVD'],
  code: ['VWS', 'JenV'],
  id: ['1', '2'],
  linkId: ['1'],
  onderwerp: ['alle', 'dataveiligheid-in-de-zorg', ''],
  status: ['open', 'overdue', ''],
  sort: ['termijn', 'te-laat', ''],
  van: ['2025-01-01', ''],
  tot: ['2025-12-31', ''],
  pagina: ['1', '2'],
  q: ['datalek', 'zorg'],
  email: ['waakhond@example.nl'],
  kind: ['question', 'topic', 'party', 'ministry', 'member', 'briefing', 'letter', 'document', 'activiteit'],
  question: ['2025Z19002'],
  vraag: ['2025Z19002'],
  ministry: ['VWS'],
  ministerie: ['VWS'],
  party: ['NSC'],
  fractie: ['NSC'],
  events: ['answered', 'overdue'],
  frequency: ['immediate', 'digest'],
  password: ['fout-fout-fout-fout'],
  next: ['/staff', '/staff/verzoeken'],
  note: ['Een notitie.'],
  answeredOn: ['2025-09-10'],
  requestedOn: ['2025-08-01'],
  subject: ['Briefing'],
  besluit: ['bevestigen', 'afwijzen'],
  dimension: ['ministry', 'party', 'member', 'minister'],
  lijst: ['deze-week', 'te-laat', 'beantwoord'],
};

/** The property names a TypeBox/JSON schema declares (objects, intersections, unions). */
function fieldsOf(schema: unknown): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const s = schema as { properties?: Record<string, unknown>; allOf?: unknown[]; anyOf?: unknown[] };
  return [...new Set([...Object.keys(s.properties ?? {}), ...(s.allOf ?? []).flatMap(fieldsOf), ...(s.anyOf ?? []).flatMap(fieldsOf)])];
}

interface Target {
  method: 'GET' | 'POST';
  url: string;
  query: string[];
  body: string[];
}

interface Context {
  app: FastifyInstance;
  r: Random;
  tokens: { confirm: string; manage: string };
  /** Cookies and CSRF token of a signed-in admin, and of an anonymous visitor. */
  admin: { cookie: string; token: string };
  anonymous: { cookie: string; token: string };
}

function fillPath(ctx: Context, url: string): string {
  return url.replace(/:([A-Za-z]+)|\*/g, (_m, name: string | undefined) => {
    if (ctx.r.chance(0.5)) return randomValue(ctx.r);
    if (name === 'token') return url.includes('bevestigen') ? ctx.tokens.confirm : ctx.tokens.manage;
    return encodeURIComponent(ctx.r.pick(GOOD[name ?? ''] ?? ['x']));
  });
}

/** `a=b&…` with some fields bad, some good, some repeated, some array-style, some unknown. */
function encodedFields(ctx: Context, fields: string[]): string {
  const { r } = ctx;
  const pairs: string[] = [];
  for (const f of fields) {
    if (f === '_csrf' || r.chance(0.3)) continue;
    const good = GOOD[f];
    const value = good && r.chance(0.5) ? encodeURIComponent(r.pick(good)) : randomValue(r);
    const name = r.chance(0.08) ? `${f}[]` : f;
    pairs.push(`${name}=${value}`);
    if (r.chance(0.15)) pairs.push(`${f}=${randomValue(r)}`);
  }
  if (r.chance(0.1)) pairs.push(`${r.pick(['__proto__', 'constructor', 'onbekend', '%00'])}=${randomValue(r)}`);
  return pairs.join('&');
}

async function request(ctx: Context, target: Target) {
  const { r } = ctx;
  const staff = target.url.startsWith('/staff') && !target.url.startsWith('/staff/inloggen') && !target.url.startsWith('/staff/wachtwoord');
  const session = staff && r.chance(0.9) ? ctx.admin : ctx.anonymous;
  const headers: Record<string, string> = { cookie: r.chance(0.05) ? `kw_staff=${r.pick(['%00', 'x', ''])}; csrf=${randomValue(r)}` : session.cookie };
  if (r.chance(0.2)) headers['hx-request'] = 'true';
  if (r.chance(0.05)) headers['hx-boosted'] = 'true';
  if (r.chance(0.03)) headers['sec-fetch-site'] = 'cross-site';
  if (r.chance(0.02)) headers['x-csrf-token'] = randomText(r).replace(/[^\x20-\x7e]/g, '');
  const remoteAddress = `10.${r.int(256)}.${r.int(256)}.${r.int(256)}`;
  let url = fillPath(ctx, target.url);
  const query = encodedFields(ctx, target.query);
  if (query || r.chance(0.1)) url += `?${query || `${r.pick(['pagina', 'q', 'x'])}=${randomValue(r)}`}`;
  if (target.method === 'GET') return ctx.app.inject({ method: 'GET', url, headers, remoteAddress });

  const csrf = r.chance(0.9) ? `_csrf=${encodeURIComponent(session.token)}&` : '';
  const shape = r.int(20);
  if (shape === 0) {
    // JSON, with arrays and objects where strings are expected.
    const body: Record<string, unknown> = { _csrf: session.token };
    for (const f of target.body) body[f] = r.pick([['a', 'b'], { a: 1 }, 1e308, null, true, randomText(r), [[['deep']]]]);
    return ctx.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(body), remoteAddress });
  }
  if (shape === 1) {
    const payload = `--b\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--b--\r\n`;
    return ctx.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'multipart/form-data; boundary=b' }, payload, remoteAddress });
  }
  if (shape === 2) return ctx.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': r.pick(['text/plain', 'application/xml', 'application/x-www-form-urlencoded; charset=latin1']) }, payload: 'a=b', remoteAddress });
  if (shape === 3) {
    // Past the form body limit (64 kB), or raw bytes that are not UTF-8.
    const payload = r.chance(0.5) ? Buffer.from(`${csrf}note=${'x'.repeat(64 * 1024 + 1)}`) : Buffer.concat([Buffer.from(`${csrf}email=`), Buffer.from([0xc3, 0x28, 0xff, 0x00])]);
    return ctx.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload, remoteAddress });
  }
  const payload = `${csrf}${encodedFields(ctx, target.body)}`;
  return ctx.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload, remoteAddress });
}

t.test(`no 5xx from malformed input on any route or form (seed ${SEED})`, async (t) => {
  const s = await buildStaffApp(t);
  const db = s.database.db;
  // Some content, so pages and forms get past "not found" into their real work.
  const nsc = await insertFractie(db, { afkorting: 'NSC' });
  const member = await insertPersoon(db, { achternaam: 'Hertzberger', initialen: 'A.' });
  await insertSeat(db, { fractieId: nsc, persoonId: member, van: '2023-12-06' });
  const q = await insertQuestionSet(db, { nummer: '2025Z19002', submitted: '2025-08-06', onderwerp: 'Het datalek bij een laboratorium' });
  await insertActor(db, { zaakId: q.zaakId, relatie: 'Indiener', naam: 'A. Hertzberger', persoonId: member });
  await insertDocument(db, { zaakId: q.zaakId, soort: 'Antwoord schriftelijke vragen', datum: '2025-09-10' });
  const links = await subscriptionLinks(db, TEST_NOW, { zaakId: q.zaakId, nummer: '2025Z19002' });
  const adminCookie = await sessionFor(s, 'beheer@example.nl', 'admin');
  const admin = await formPage(s.app, '/staff', adminCookie);
  const anonymous = await formPage(s.app, '/abonneren');
  GOOD.lid = [member, ''];
  GOOD.kamerlid = [member];
  GOOD.member = [member];
  GOOD.asker = [member];
  GOOD.target = [q.zaakId];
  GOOD.documentId = [q.zaakId];

  const ctx: Context = {
    app: s.app,
    r: random(SEED),
    tokens: { confirm: links.confirmPath.split('/').pop()!, manage: links.managePath.split('/').pop()! },
    admin: { cookie: admin.cookie, token: admin.token },
    anonymous: { cookie: anonymous.cookie, token: anonymous.token },
  };

  // Every route in the table (HEAD follows GET). Signing out ends the admin's session: last.
  const routes = (s.routes as RouteOptions[]).flatMap((route) =>
    [route.method].flat().filter((m): m is 'GET' | 'POST' => m === 'GET' || m === 'POST').map((method) => ({
      method,
      url: route.url,
      query: fieldsOf(route.schema?.querystring),
      body: fieldsOf(route.schema?.body),
    })),
  );
  const targets = [...new Map(routes.map((r) => [`${r.method} ${r.url}`, r])).values()].sort((a, b) => Number(a.url === '/staff/uitloggen') - Number(b.url === '/staff/uitloggen'));

  const openapi = (await s.app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
  const fuzzed = new Set(targets.map((r) => `${r.method} ${r.url.replace(/:([A-Za-z]+)/g, '{$1}')}`));
  for (const [path, operations] of Object.entries(openapi.paths)) {
    for (const method of Object.keys(operations)) t.ok(fuzzed.has(`${method.toUpperCase()} ${path}`), `OpenAPI ${method.toUpperCase()} ${path} is fuzzed`);
  }
  for (const form of ['POST /abonneren', 'POST /abonneren/bevestigen/:token', 'POST /abonnement/:token/wijzigen', 'POST /abonnement/:token/wissen', 'POST /abonnement/:token/afmelden', 'POST /staff/inloggen', 'POST /staff/verzoeken', 'POST /staff/vragen/:nummer/notities']) {
    t.ok(targets.some((r) => `${r.method} ${r.url}` === form), `${form} is fuzzed`);
  }

  const failures: string[] = [];
  const statuses = new Map<number, number>();
  let total = 0;
  for (const target of targets) {
    // Sign-in attempts each hash a password (scrypt, on purpose slow): fewer of them.
    const n = target.url === '/staff/inloggen' && target.method === 'POST' ? 10 : target.method === 'POST' ? 45 : 28;
    for (let i = 0; i < n; i++) {
      const res = await request(ctx, target);
      total++;
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      if (res.statusCode >= 500) failures.push(`${res.statusCode} ${target.method} ${target.url}: ${res.body.slice(0, 200)}`);
    }
  }
  t.comment(`${total} requests; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`);
  t.ok(total >= 1800, `${total} requests`);
  t.ok((statuses.get(400) ?? 0) > 100, 'many were refused as bad input');
  t.ok([...statuses.keys()].some((c) => c >= 200 && c < 300), 'and some got through to the real work');
  t.same(failures, [], `no 5xx (replay with FUZZ_SEED=${SEED})`);
});
