// Bad bytes, impossible dates and non-finite numbers in any input: 400 naming the field, never 500.
import t from 'tap';
import { isCalendarDate } from '../../server/calendar.ts';
import { badUrlFields, badValues, parseFormBody } from '../../server/plugins/input-guard.ts';
import { buildApp } from '../helpers/app.ts';
import { buildStaffApp, form, formPage, sessionFor } from '../staff/helpers.ts';

t.test('the checks themselves', async (t) => {
  t.same(badUrlFields('/vragen?q=abc&status=open'), []);
  t.same(badUrlFields('/vragen?q=caf%C3%A9+au+lait&x=50%25'), [], 'valid UTF-8, plus and an encoded percent');
  t.same(badUrlFields('/vragen?q=a%00'), ['q'], 'NUL');
  t.same(badUrlFields('/vragen?q=%C3%28'), ['q'], 'invalid UTF-8');
  t.same(badUrlFields('/vragen?q=%ED%A0%80'), ['q'], 'an encoded lone surrogate');
  t.same(badUrlFields('/vragen?q=100%'), ['q'], 'a broken percent-encoding');
  t.same(badUrlFields('/fracties/a%00'), ['adres'], 'a path parameter');
  t.same(badUrlFields('/vragen?a%00=1'), ['(naam)'], 'a bad name');
  t.same(badValues({ a: 'x\u0000', b: ['ok', '\uD800'], c: 'ok 😀' }, false), ['b', 'a'].sort().reverse());
  t.same(badValues({ n: Infinity, m: 3, s: 'x' }, true), ['n']);
  let deep: unknown = 'x';
  for (let i = 0; i < 100_000; i++) deep = [deep];
  t.same(badValues({ deep }, false), ['deep'], 'deep nesting is refused, without a stack overflow');
  t.same(parseFormBody(Buffer.from('a=1&a=2&b=caf%C3%A9')), { a: ['1', '2'], b: 'café' });
  const thrown = (body: Buffer) => {
    try {
      parseFormBody(body);
    } catch (err) {
      return err;
    }
    return null;
  };
  t.match(thrown(Buffer.from([0x61, 0x3d, 0xff])), { statusCode: 400, fields: ['formulier'] }, 'raw invalid UTF-8');
  t.match(thrown(Buffer.from('email=a%00b')), { statusCode: 400, fields: ['email'] });
  t.ok(isCalendarDate('2024-02-29'));
  for (const d of ['2025-02-29', '2025-02-30', '2025-13-01', '0000-00-00', '0000-01-01', '2025-1-01', '2025-04-31']) t.notOk(isCalendarDate(d), d);
});

t.test('public routes: 400 with the field, never 500', async (t) => {
  const { app } = await buildApp(t);
  const cases: [string, string][] = [
    ['/vragen?q=a%00', 'q'],
    ['/vragen.atom?q=%00', 'q'],
    ['/vragen.csv?fractie=%00', 'fractie'],
    ['/vragen.ics?q=%C3%28', 'q'],
    ['/api/v1/questions?q=%00', 'q'],
    ['/fracties/a%00', 'adres'],
    ['/personen/%00', 'adres'],
    ['/vragen/2025Z%00', 'adres'],
    ['/abonneren?onderwerp=%ED%A0%80', 'onderwerp'],
    ['/vragen?van=2025-02-30', 'van'],
    ['/vragen?tot=2025-13-01', 'tot'],
    ['/vragen?van=0000-00-00', 'van'],
    ['/api/v1/questions?van=2025-02-30', 'van'],
    ['/vragen?pagina=-Infinity', 'pagina'],
    ['/vragen?pagina=-1e400', 'pagina'],
    ['/vragen?pagina=1e400', 'pagina'],
    ['/api/v1/questions?pagina=Infinity', 'pagina'],
    ['/fracties/VVD?pagina=1e400', 'pagina'],
  ];
  for (const [url, field] of cases) {
    const res = await app.inject({ method: 'GET', url });
    t.equal(res.statusCode, 400, `${url}: 400`);
    if (url.startsWith('/api/')) t.match(res.json(), { statusCode: 400, error: new RegExp(field) }, `${url}: names ${field}`);
    else t.match(res.body, new RegExp(`<strong>${field.replace(/[()]/g, '\\$&')}</strong>`), `${url}: names ${field}`);
  }
  // The router itself refuses a path it cannot decode, before any hook.
  t.equal((await app.inject({ method: 'GET', url: '/ministeries/%FF' })).statusCode, 400);
  t.equal((await app.inject({ method: 'GET', url: '/vragen?q=caf%C3%A9' })).statusCode, 200, 'ordinary text passes');
  t.equal((await app.inject({ method: 'GET', url: '/vragen?van=2024-02-29' })).statusCode, 200, 'a leap day passes');

  const header = await app.inject({ method: 'GET', url: '/vragen', headers: { 'hx-request': 'tr\u0000ue' } });
  t.equal(header.statusCode, 400, 'a NUL in a header');

  const f = await formPage(app, '/abonneren');
  const subscribe = (payload: string | Buffer, type = 'application/x-www-form-urlencoded') =>
    app.inject({ method: 'POST', url: '/abonneren', headers: { cookie: f.cookie, 'content-type': type }, payload });
  t.equal((await subscribe(form({ _csrf: f.token, email: 'a\u0000@example.nl', kind: 'topic' }))).statusCode, 400, 'NUL in a form field');
  t.equal((await subscribe(`_csrf=${f.token}&email=%C3%28%40example.nl`)).statusCode, 400, 'invalid UTF-8 in a form field');
  t.equal((await subscribe(Buffer.concat([Buffer.from(`_csrf=${f.token}&email=`), Buffer.from([0xc3, 0x28])]))).statusCode, 400, 'raw invalid bytes');
  t.equal((await subscribe(JSON.stringify({ _csrf: f.token, email: 'a\u0000b' }), 'application/json')).statusCode, 400, 'NUL in a JSON body');
  t.equal((await subscribe(`{"_csrf":"${f.token}","email":"\\ud800"}`, 'application/json')).statusCode, 400, 'a lone surrogate in a JSON body');
});

t.test('staff forms and routes', async (t) => {
  const s = await buildStaffApp(t);
  const login = await formPage(s.app, '/staff/inloggen');
  const res = await s.app.inject({
    method: 'POST',
    url: '/staff/inloggen',
    headers: { cookie: login.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: login.token, email: 'x\u0000@example.nl', password: 'p' }),
  });
  t.equal(res.statusCode, 400, 'NUL in the sign-in e-mail');

  const session = await sessionFor(s, 'staf@example.nl');
  const page = await formPage(s.app, '/staff/verzoeken/nieuw', session);
  const post = (url: string, fields: Record<string, string>) =>
    s.app.inject({ method: 'POST', url, headers: { cookie: page.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: page.token, ...fields }) });
  t.equal((await post('/staff/verzoeken/1/notities', { note: 'a\u0000b' })).statusCode, 400, 'NUL in a staff note');
  t.equal((await s.app.inject({ method: 'GET', url: '/staff/zoeken?q=%00', headers: { cookie: session } })).statusCode, 400, 'NUL in the staff search');
  t.equal((await s.app.inject({ method: 'GET', url: '/staff/verzoeken/1e400', headers: { cookie: session } })).statusCode, 400, 'a non-finite id');
  const created = await post('/staff/verzoeken', { kind: 'briefing', requestedOn: '2025-02-30', subject: 'Test', addressees: 'VWS' });
  t.equal(created.statusCode, 422, 'an impossible date in a staff form');
  t.match(created.body, /jjjj-mm-dd/, 'with the field message');
});
