import { PassThrough } from 'node:stream';
import t from 'tap';
import { FeedClient } from '../../server/sync/client.ts';
import { FeedParseError, normaliseBijgewerkt, parseFeedPage } from '../../server/sync/parser.ts';
import { logProgress, terminalProgress } from '../../server/sync/progress.ts';
import { toBool, toDate, toGuid, toInstant, toInt } from '../../server/sync/values.ts';
import { memoryLog } from './helpers/run.ts';

t.test('values', async (t) => {
  t.equal(toInstant('2025-11-19T00:00:00+01:00'), '2025-11-19T00:00:00+01:00', 'offset kept as given');
  t.equal(toInstant('2025-07-01T00:00:00'), '2025-06-30T22:00:00.000Z', 'no offset: Dutch summer time');
  t.equal(toInstant('2025-12-01T09:30:00.5'), '2025-12-01T08:30:00.500Z', 'no offset: Dutch winter time');
  t.equal(toInstant('2026-03-29T03:30:00'), '2026-03-29T01:30:00.000Z', 'just after the spring-forward gap');
  t.equal(toInstant('2025-11-19Z'), '2025-11-19T00:00:00Z');
  t.equal(toInstant('gisteren'), null);
  t.equal(toDate('2025-11-19'), '2025-11-19');
  t.equal(toDate('2025-11-19+01:00'), '2025-11-19');
  t.equal(toDate('2025-11'), null, 'a partial date does not fit a date column');
  t.equal(toInt('42'), 42);
  t.equal(toInt('99999999999'), null);
  t.equal(toInt('4.2'), null);
  t.equal(toBool('1'), true);
  t.equal(toBool('0'), false);
  t.equal(toBool('ja'), null);
  t.equal(toGuid('0208097D-EF04-438A-8C29-EEBB84956204'), '0208097d-ef04-438a-8c29-eebb84956204');
  t.equal(toGuid('nope'), null);
  t.equal(normaliseBijgewerkt('2019-07-03T15:32:12.6700000'), '2019-07-03T15:32:12.6700000+02:00', 'zone-less: Amsterdam summer time, digits kept');
  t.equal(new Date(normaliseBijgewerkt('2019-07-03T15:32:12.6700000')!).toISOString(), '2019-07-03T13:32:12.670Z');
  t.equal(normaliseBijgewerkt('2019-01-03T15:32:12'), '2019-01-03T15:32:12+01:00', 'zone-less: Amsterdam winter time');
  t.equal(normaliseBijgewerkt('2019-10-27T02:30:00'), '2019-10-27T02:30:00+01:00', 'the autumn hour that occurs twice: the second');
  t.equal(normaliseBijgewerkt('2019-07-03T15:32:12+02:00'), '2019-07-03T15:32:12+02:00');
  t.equal(normaliseBijgewerkt('x'), null);
});

const ENTITY_NS = 'http://www.tweedekamer.nl/xsd/tkData/v1-0';
const feed = (inner: string) => `<a:feed xmlns:a="http://www.w3.org/2005/Atom">${inner}</a:feed>`;

t.test('parser: namespaces by URI, nil, unknown content, bad input', async (t) => {
  const unknown: string[] = [];
  const page = parseFeedPage(
    feed(`<a:entry><a:updated>2025-01-01T00:00:00Z</a:updated><a:link rel="next" href="x?skiptoken=1"/>
      <a:content type="application/xml"><other xmlns="urn:x"/><p:zaak xmlns:p="${ENTITY_NS}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" id="0208097D-ef04-438a-8c29-eebb84956204" p:bijgewerkt="2025-01-01T10:00:00" p:verwijderd="false">
        <p:soort> Schriftelijke vragen </p:soort><p:termijn i:nil="true"/><p:onderwerp>Een <![CDATA[vraag]]><p:annotatie>x</p:annotatie></p:onderwerp><p:kamerstukdossier ref="00000000-0000-4000-8000-000000000001"/>
      </p:zaak></a:content></a:entry>`),
    (what) => unknown.push(what),
  );
  const e = page.entries[0]!;
  t.equal(e.entity.id, '0208097d-ef04-438a-8c29-eebb84956204');
  t.equal(e.entity.bijgewerkt, '2025-01-01T10:00:00+01:00', 'a zone-less bijgewerkt is Amsterdam time');
  t.equal(e.entity.fields.get('soort'), 'Schriftelijke vragen');
  t.equal(e.entity.fields.get('termijn'), null);
  t.equal(e.entity.fields.get('onderwerp'), 'Een vraag');
  t.same(e.entity.refs.get('kamerstukdossier'), ['00000000-0000-4000-8000-000000000001']);
  t.same(unknown, ['{urn:x}other']);

  t.throws(() => parseFeedPage('<html><body>Storing</body></html>'), FeedParseError);
  // An entry that cannot be stored is marked, not the page failed: quarantine.ts sets it aside.
  t.match(parseFeedPage(feed('<a:entry><a:content/></a:entry>')).entries[0]?.invalid, /entry without entity/);
  t.match(parseFeedPage(feed(`<a:entry><a:content><zaak xmlns="${ENTITY_NS}" id="x"/></a:content></a:entry>`)).entries[0]?.invalid, /without a valid bijgewerkt/);
  t.match(parseFeedPage(feed(`<a:entry><a:content><zaak xmlns="${ENTITY_NS}" xmlns:t="${ENTITY_NS}" id="x" t:bijgewerkt="2025-02-30T10:00:00Z"/></a:content></a:entry>`)).entries[0]?.invalid, /without a valid bijgewerkt/, 'an impossible date');
  t.match(parseFeedPage(feed(`<a:entry><a:content><zaak xmlns="${ENTITY_NS}"/></a:content></a:entry>`)).entries[0]?.invalid, /without id/);
  const kept = parseFeedPage(feed(`<a:entry><a:content><zaak xmlns="${ENTITY_NS}" id="x"/></a:content></a:entry>`), undefined, { keepRaw: true });
  t.equal(kept.feedStart, '<a:feed xmlns:a="http://www.w3.org/2005/Atom">', 'keepRaw: the feed start tag');
  t.equal(kept.entries[0]?.xml, `<a:entry><a:content><zaak xmlns="${ENTITY_NS}" id="x"/></a:content></a:entry>`, 'keepRaw: the entry as received');
  t.throws(() => parseFeedPage('<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:entry>'), /malformed|truncated/);
  t.same(parseFeedPage(feed('')).entries, [], 'an empty page is the head');
});

t.test('client: next links must stay inside the configured feed', async (t) => {
  const client = new FeedClient({ feedUrl: 'https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0', publicUrl: 'https://kamerwacht.example' });
  t.teardown(() => client.close());
  const base = 'https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0/Feed';
  t.equal(client.skiptokenOf('Zaak', `${base}?category=Zaak&skiptoken=16687327`), '16687327');
  t.equal(client.skiptokenOf('Zaak', `${base}?skiptoken=16687327&category=Zaak`), '16687327', 'parameter order does not matter');
  for (const href of [
    'https://evil.example/SyncFeed/2.0/Feed?category=Zaak&skiptoken=1',
    'https://gegevensmagazijn.tweedekamer.nl@evil.example/SyncFeed/2.0/Feed?category=Zaak&skiptoken=1',
    'https://user@gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0/Feed?category=Zaak&skiptoken=1',
    'http://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0/Feed?category=Zaak&skiptoken=1',
    'https://gegevensmagazijn.tweedekamer.nl:8443/SyncFeed/2.0/Feed?category=Zaak&skiptoken=1',
    'https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Feed?category=Zaak&skiptoken=1',
    `${base}?category=Document&skiptoken=1`,
    `${base}?category=Zaak`,
    '//evil.example/SyncFeed/2.0/Feed?category=Zaak&skiptoken=1',
    'http://[::1',
  ]) {
    t.throws(() => client.skiptokenOf('Zaak', href), /next link/, href);
  }
  t.equal(client.pagePath('Zaak', null), '/SyncFeed/2.0/Feed?category=Zaak');
  t.equal(client.pagePath('Zaak', '12'), '/SyncFeed/2.0/Feed?category=Zaak&skiptoken=12');
});

t.test('progress: a redrawn line on a terminal, a log line every N pages elsewhere', async (t) => {
  const out = new PassThrough();
  let text = '';
  out.on('data', (d) => (text += d));
  let now = 0;
  const tty = terminalProgress(out, () => now);
  tty.start('Zaak');
  now = 2000;
  tty.page('Zaak', 250);
  tty.page('Zaak', 250);
  tty.done('Zaak', { category: 'Zaak', pages: 2, entries: 500, upserted: 500, deleted: 0, reachedHead: true });
  tty.start('Document');
  tty.done('Document', { category: 'Document', pages: 0, entries: 0, upserted: 0, deleted: 0, reachedHead: false, error: 'http: HTTP 500' });
  t.match(text, /Zaak\s+500 entries\s+250\/s\s+2 pages {2}bijgewerkt\n/);
  t.match(text, /FOUT: http: HTTP 500/);

  const log = memoryLog();
  const p = logProgress(log, 2, () => now);
  p.start('Zaak');
  for (let i = 0; i < 5; i++) p.page('Zaak', 10);
  p.done('Zaak', { category: 'Zaak', pages: 5, entries: 50, upserted: 50, deleted: 0, reachedHead: true });
  t.same(log.lines.map((l) => l.obj.pages), [2, 4]);
});
