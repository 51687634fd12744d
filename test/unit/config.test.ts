import path from 'node:path';
import t from 'tap';
import { unsubscribeAddress } from '../../server/alerts/links.ts';
import { ConfigError, loadConfig } from '../../server/config.ts';

t.test('defaults match the README', async (t) => {
  const c = loadConfig({});
  t.equal(c.DATABASE_URL, undefined);
  t.equal(c.DATA_DIR, './data');
  t.equal(c.dataDir, path.resolve('./data'));
  t.equal(c.TK_FEED_URL, 'https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0');
  t.equal(c.SMTP_URL, undefined);
  t.equal(c.MAIL_FROM, 'Kamerwacht <alerts@localhost>');
  t.equal(c.PUBLIC_URL, 'http://localhost:3000');
  t.equal(c.HOST, '127.0.0.1');
  t.equal(c.PORT, 3000);
  t.equal(c.JOBS, true);
  t.equal(c.NOW, undefined);
  t.equal(c.INBOUND_SMTP_PORT, undefined, 'no inbound listener unless asked for');
  t.equal(c.INBOUND_SMTP_HOST, '127.0.0.1');
  t.equal(c.UNSUBSCRIBE_MAILTO, undefined);
});

t.test('the unsubscribe mailto address: UNSUBSCRIBE_MAILTO, else the address of MAIL_FROM', async (t) => {
  t.equal(unsubscribeAddress(loadConfig({})), 'alerts@localhost');
  t.equal(unsubscribeAddress(loadConfig({ MAIL_FROM: 'alerts@kamerwacht.example' })), 'alerts@kamerwacht.example');
  const c = loadConfig({ UNSUBSCRIBE_MAILTO: 'afmelden@kamerwacht.example', INBOUND_SMTP_PORT: '2525', INBOUND_SMTP_HOST: '0.0.0.0' });
  t.equal(unsubscribeAddress(c), 'afmelden@kamerwacht.example');
  t.equal(c.INBOUND_SMTP_PORT, 2525);
  t.equal(c.INBOUND_SMTP_HOST, '0.0.0.0');
});

t.test('valid values are parsed', async (t) => {
  const c = loadConfig({
    DATABASE_URL: 'postgres://u:p@db:5432/kw',
    PORT: '8080',
    JOBS: 'off',
    NOW: '2025-11-19T09:00:00+01:00',
    PUBLIC_URL: 'https://kamerwacht.example/',
    SMTP_URL: 'smtp://user:pass@mail:587',
    MAIL_FROM: 'alerts@kamerwacht.example',
    TK_FEED_URL: 'http://127.0.0.1:9999/SyncFeed/2.0/',
    KOOP_URL: 'http://127.0.0.1:9998/officielepublicaties/',
    SYNC_SCHEDULE: '*/5 * * * *',
  });
  t.equal(c.PORT, 8080);
  t.equal(c.JOBS, false);
  t.equal(c.NOW?.toISOString(), '2025-11-19T08:00:00.000Z');
  t.equal(c.PUBLIC_URL, 'https://kamerwacht.example', 'trailing slash removed');
  t.equal(c.TK_FEED_URL, 'http://127.0.0.1:9999/SyncFeed/2.0');
  t.equal(c.SYNC_SCHEDULE, '*/5 * * * *');
  t.equal(c.KOOP_URL, 'http://127.0.0.1:9998/officielepublicaties', 'trailing slash removed');
  t.equal(loadConfig({}).KOOP_URL, 'https://repository.officiele-overheidspublicaties.nl/officielepublicaties');
  t.equal(loadConfig({ PORT: '' }).PORT, 3000, 'empty counts as unset');
});

const invalid: [string, string, RegExp][] = [
  ['PORT', 'abc', /PORT must be an integer from 1 to 65535/],
  ['PORT', '70000', /PORT must be an integer/],
  ['DATABASE_URL', 'mysql://x', /DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/],
  ['TK_FEED_URL', 'ftp://x', /TK_FEED_URL must be the base URL of the SyncFeed/],
  ['TK_FEED_URL', 'https://gegevensmagazijn.tweedekamer.nl', /TK_FEED_URL must be the base URL of the SyncFeed, ending in \/SyncFeed\/2\.0/],
  ['TK_FEED_URL', 'https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0', /TK_FEED_URL must be .*\/SyncFeed\/2\.0/],
  ['TK_FEED_URL', 'https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0/Feed', /TK_FEED_URL must be/],
  ['KOOP_URL', 'ftp://repository.example/x', /KOOP_URL must be an http\(s\):\/\/ base URL/],
  ['KOOP_URL', 'https://repository.example/x?id=1', /KOOP_URL must be an http\(s\):\/\/ base URL without query/],
  ['SMTP_URL', 'localhost:25', /SMTP_URL must be an smtp:\/\//],
  ['PUBLIC_URL', '/relative', /PUBLIC_URL must be an absolute/],
  ['JOBS', 'maybe', /JOBS must be "on" or "off"/],
  ['NOW', '2025-11-19', /NOW must be an ISO-8601 instant with offset/],
  ['NOW', '2025-13-45T00:00:00Z', /NOW must be/],
  ['MAIL_FROM', 'not an address', /MAIL_FROM must be an address/],
  ['SYNC_SCHEDULE', '61 * * * *', /SYNC_SCHEDULE must be a cron expression/],
  ['SYNC_STALE_MINUTES', '0', /SYNC_STALE_MINUTES must be a positive integer/],
  ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of/],
  ['INBOUND_SMTP_PORT', 'smtp', /INBOUND_SMTP_PORT must be an integer from 1 to 65535/],
  ['INBOUND_SMTP_PORT', '0', /INBOUND_SMTP_PORT must be an integer from 1 to 65535/],
  ['INBOUND_SMTP_HOST', ' ', /INBOUND_SMTP_HOST must be a non-empty string/],
  ['UNSUBSCRIBE_MAILTO', 'Kamerwacht <afmelden@kamerwacht.example>', /UNSUBSCRIBE_MAILTO must be an address such as afmelden@example.org/],
  ['UNSUBSCRIBE_MAILTO', 'afmelden@kamerwacht.example?subject=x', /UNSUBSCRIBE_MAILTO must be an address/],
];

for (const [name, value, message] of invalid) {
  t.test(`${name}=${value} is rejected naming the variable`, async (t) => {
    t.throws(() => loadConfig({ [name]: value }), message);
    try {
      loadConfig({ [name]: value });
    } catch (err) {
      t.ok(err instanceof ConfigError);
      t.equal((err as ConfigError).variable, name);
      t.notMatch((err as Error).message, /\n/, 'one line');
    }
  });
}
