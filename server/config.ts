// One schema for the whole environment. Every variable is optional, has a default and a parser
// that either returns the typed value or says, in one line, what form it expected. Start-up
// stops at the first invalid variable, naming it (README.md, "Configuration").
import path from 'node:path';
import cron from 'node-cron';

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    expected: string,
    got: string,
  ) {
    super(`Invalid configuration: ${variable} must be ${expected} (got ${JSON.stringify(got)})`);
    this.name = 'ConfigError';
  }
}

type Parser<T> = { expected: string; parse: (raw: string) => T | undefined };

const str: Parser<string> = { expected: 'a non-empty string', parse: (raw) => (raw.trim() ? raw.trim() : undefined) };

const port: Parser<number> = {
  expected: 'an integer from 1 to 65535',
  parse: (raw) => {
    if (!/^\d+$/.test(raw)) return undefined;
    const n = Number(raw);
    return n >= 1 && n <= 65535 ? n : undefined;
  },
};

const nonNegativeInt: Parser<number> = {
  expected: 'a whole number of 0 or more',
  parse: (raw) => (/^\d+$/.test(raw) ? Number(raw) : undefined),
};

const positiveInt: Parser<number> = {
  expected: 'a positive integer',
  parse: (raw) => (/^\d+$/.test(raw) && Number(raw) > 0 ? Number(raw) : undefined),
};

function url(protocols: string[], description: string): Parser<string> {
  return {
    expected: description,
    parse: (raw) => {
      try {
        const u = new URL(raw);
        return protocols.includes(u.protocol) && u.hostname ? raw : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

// The SyncFeed's base: every page is <base>/Feed?category=…, so a base without the
// /SyncFeed/2.0 path (the bare host, or the OData API's) answers 404 for every category.
const feedBase: Parser<string> = {
  expected: 'the base URL of the SyncFeed, ending in /SyncFeed/2.0 (e.g. https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0)',
  parse: (raw) => {
    const value = url(['https:', 'http:'], '').parse(raw.trim());
    if (value === undefined) return undefined;
    const u = new URL(value);
    return /\/SyncFeed\/2\.0\/?$/.test(u.pathname) && !u.search && !u.hash ? value : undefined;
  },
};

// The official-publications repository's base: a publication is <base>/<id>/<id>.xml, so the
// base carries no query or fragment.
const koopBase: Parser<string> = {
  expected: 'an http(s):// base URL without query, e.g. https://repository.officiele-overheidspublicaties.nl/officielepublicaties',
  parse: (raw) => {
    const value = url(['https:', 'http:'], '').parse(raw.trim());
    if (value === undefined) return undefined;
    const u = new URL(value);
    return !u.search && !u.hash && !u.username && !u.password ? value : undefined;
  },
};

const onOff: Parser<boolean> = {
  expected: '"on" or "off"',
  parse: (raw) => ({ on: true, off: false })[raw.trim().toLowerCase() as 'on' | 'off'],
};

// An ISO-8601 instant with an explicit offset: a clock fixed without one would depend on the
// machine's time zone.
const instant: Parser<Date> = {
  expected: 'an ISO-8601 instant with offset, e.g. 2025-11-19T09:00:00+01:00',
  parse: (raw) => {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(raw.trim())) return undefined;
    const d = new Date(raw.trim());
    return Number.isNaN(d.getTime()) ? undefined : d;
  },
};

const cronExpression: Parser<string> = {
  expected: 'a cron expression, e.g. "*/10 * * * *"',
  parse: (raw) => (cron.validate(raw.trim()) ? raw.trim() : undefined),
};

const logLevel: Parser<string> = {
  expected: 'one of fatal, error, warn, info, debug, trace, silent',
  parse: (raw) => (['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(raw) ? raw : undefined),
};

const mailbox: Parser<string> = {
  expected: 'an address such as "Kamerwacht <alerts@example.org>" or alerts@example.org',
  parse: (raw) => (/^([^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/.test(raw.trim()) ? raw.trim() : undefined),
};

// A bare address: it is compared with RCPT TO and written unescaped into mailto: URIs, so only
// characters that need no escaping there.
const address: Parser<string> = {
  expected: 'an address such as afmelden@example.org (without a display name)',
  parse: (raw) => (/^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(raw.trim()) ? raw.trim() : undefined),
};

// Signs cookies; shorter secrets are guessable offline from one signed cookie.
const secret: Parser<string> = {
  expected: 'a secret of at least 32 characters',
  parse: (raw) => (raw.trim().length >= 32 ? raw.trim() : undefined),
};

const schema = {
  DATABASE_URL: { parser: url(['postgres:', 'postgresql:'], 'a postgres:// or postgresql:// URL'), default: undefined },
  DATA_DIR: { parser: str, default: './data' },
  TK_FEED_URL: {
    parser: feedBase,
    default: 'https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0',
  },
  KOOP_URL: { parser: koopBase, default: 'https://repository.officiele-overheidspublicaties.nl/officielepublicaties' },
  SMTP_URL: { parser: url(['smtp:', 'smtps:'], 'an smtp:// or smtps:// URL, e.g. smtp://user:pass@host:587'), default: undefined },
  MAIL_FROM: { parser: mailbox, default: 'Kamerwacht <alerts@localhost>' },
  PUBLIC_URL: { parser: url(['https:', 'http:'], 'an absolute http(s):// URL'), default: 'http://localhost:3000' },
  HOST: { parser: str, default: '127.0.0.1' },
  PORT: { parser: port, default: 3000 },
  JOBS: { parser: onOff, default: true },
  NOW: { parser: instant, default: undefined },
  LOG_LEVEL: { parser: logLevel, default: 'info' },
  SYNC_SCHEDULE: { parser: cronExpression, default: '*/10 * * * *' },
  SYNC_STALE_MINUTES: { parser: positiveInt, default: 60 },
  PAGE_CACHE_SECONDS: { parser: nonNegativeInt, default: 30 },
  COOKIE_SECRET: { parser: secret, default: undefined },
  ALERT_CUTOFF_DAYS: { parser: positiveInt, default: 7 },
  ALERT_RETENTION_DAYS: { parser: positiveInt, default: 30 },
  MAIL_RATE_PER_SECOND: { parser: positiveInt, default: 10 },
  MAIL_CONNECTIONS: { parser: positiveInt, default: 1 },
  UNSUBSCRIBE_MAILTO: { parser: address, default: undefined },
  INBOUND_SMTP_PORT: { parser: port, default: undefined },
  INBOUND_SMTP_HOST: { parser: str, default: '127.0.0.1' },
} as const;

type Schema = typeof schema;
type ValueOf<K extends keyof Schema> = Schema[K]['parser'] extends Parser<infer T> ? T : never;

export type Config = {
  [K in keyof Schema]: Schema[K]['default'] extends undefined ? ValueOf<K> | undefined : ValueOf<K>;
} & {
  /** DATA_DIR made absolute, so later chdir calls cannot move it. */
  dataDir: string;
};

export const CONFIG_VARIABLES = Object.keys(schema) as (keyof Schema)[];

/**
 * Reads the configuration from an env-like record (process.env by default). Empty strings count
 * as unset. Throws ConfigError naming the first invalid variable.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const out: Record<string, unknown> = {};
  for (const name of CONFIG_VARIABLES) {
    const { parser, default: fallback } = schema[name] as { parser: Parser<unknown>; default: unknown };
    const raw = env[name];
    if (raw === undefined || raw === '') {
      out[name] = fallback;
      continue;
    }
    const value = parser.parse(raw);
    if (value === undefined) throw new ConfigError(name, parser.expected, raw);
    out[name] = value;
  }
  // Links in mails are built from PUBLIC_URL; a trailing slash would double up.
  out.PUBLIC_URL = String(out.PUBLIC_URL).replace(/\/+$/, '');
  out.TK_FEED_URL = String(out.TK_FEED_URL).replace(/\/+$/, '');
  out.KOOP_URL = String(out.KOOP_URL).replace(/\/+$/, '');
  out.dataDir = path.resolve(String(out.DATA_DIR));
  return out as Config;
}
