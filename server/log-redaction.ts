// Secrets that travel in URLs (confirmation, manage and password-setting links) must not reach
// the request log: anyone who reads the log could otherwise confirm, manage or take over.
const TOKEN_PATHS = /\/(abonneren\/bevestigen|abonnement|staff\/wachtwoord)\/[^/?#]+/g;

export function redactUrl(url: string): string {
  return url.replace(TOKEN_PATHS, '/$1/[verborgen]');
}

interface LoggedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
  socket?: { remoteAddress?: string };
}

/** Fastify's request serializer, with token paths redacted. */
export function serializeRequest(req: LoggedRequest) {
  return {
    method: req.method,
    url: redactUrl(req.url),
    host: typeof req.headers.host === 'string' ? req.headers.host : undefined,
    remoteAddress: req.ip ?? req.socket?.remoteAddress,
  };
}

// Failed queries: drizzle's DrizzleQueryError puts every bound parameter in its message and in
// `params` (a subscriber's address, a manage seed, a token hash), PGlite's errors carry `params`
// too, and PostgreSQL quotes the offending value in messages such as `invalid input syntax for
// type uuid: "…"` and in `detail` (`Key (email)=(…) already exists`). What reaches a log, the
// health page or a terminal is the query's shape (its SQL with $n placeholders) and the error's
// code and message with those values taken out.

/** Properties that hold bound values or quote them. */
const VALUE_PROPERTIES = new Set(['params', 'parameters', 'queryOptions', 'detail', 'where', 'args']);
const MAX_SHAPE = 300;
const MAX_DEPTH = 5;

interface QueryError {
  query: string;
  params: unknown[];
}

function isQueryError(err: unknown): err is Error & QueryError {
  return err instanceof Error && typeof (err as Partial<QueryError>).query === 'string' && Array.isArray((err as Partial<QueryError>).params);
}

/** A query's SQL without values, shortened: what a maintainer needs to find it in the code. */
function queryShape(query: string): string {
  const oneLine = query.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_SHAPE ? `${oneLine.slice(0, MAX_SHAPE)}…` : oneLine;
}

/** The string forms of the bound values that could be quoted back in a message. */
function boundValues(err: unknown): string[] {
  const values = new Set<string>();
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < MAX_DEPTH; e = e.cause, depth++) {
    const params = (e as { params?: unknown; parameters?: unknown }).params ?? (e as { parameters?: unknown }).parameters;
    if (!Array.isArray(params)) continue;
    for (const p of params) {
      if (p === null || p === undefined) continue;
      const s = p instanceof Date ? p.toISOString() : typeof p === 'object' ? JSON.stringify(p) : String(p);
      // Short values (`1`, `t`) would blank out ordinary words; they are not secrets.
      if (s.length >= 4) values.add(s);
    }
  }
  return [...values].sort((a, b) => b.length - a.length);
}

function withoutValues(text: string, values: string[]): string {
  let out = text;
  for (const v of values) out = out.split(v).join('[verborgen]');
  // PostgreSQL quotes offending input at the end of a message (`invalid input syntax for type
  // uuid: "…"`, `malformed array literal: "…"`) or as `value "…" is out of range`.
  return out.replace(/: "(?:[^"\\]|\\.)*"$/, ': "[verborgen]"').replace(/value "(?:[^"\\]|\\.)*" is out of range/g, 'value "[verborgen]" is out of range');
}

/** One line for an error without the bound values of a failed query: for logs, health and terminals. */
export function safeErrorMessage(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const values = boundValues(err);
  if (isQueryError(err)) {
    const cause = err.cause instanceof Error ? `: ${withoutValues(err.cause.message, values)}` : '';
    return `Failed query (${err.params.length} parameters not logged): ${queryShape(err.query)}${cause}`;
  }
  return withoutValues(err.message, values);
}

interface SerializedError {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
}

/** pino's `err` serializer: the error, its cause chain and its own fields, without bound values. */
function serializeError(err: unknown): SerializedError {
  return serializeLevel(err, boundValues(err), 0);
}

function serializeLevel(err: unknown, values: string[], depth: number): SerializedError {
  if (!(err instanceof Error)) return { type: typeof err, message: withoutValues(String(err), values), stack: '' };
  const message = isQueryError(err) ? safeErrorMessage(err) : withoutValues(err.message, values);
  // The stack's first line repeats the message; only the frames are kept from it.
  const frames = (err.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  const out: SerializedError = { type: err.constructor?.name ?? err.name, message, stack: [`${err.name}: ${message}`, ...frames].join('\n') };
  for (const [key, value] of Object.entries(err)) {
    if (VALUE_PROPERTIES.has(key) || key === 'cause' || key in out) continue;
    if (key === 'query' && typeof value === 'string') out.query = queryShape(value);
    else if (typeof value === 'string') out[key] = withoutValues(value, values);
    else if (value === null || typeof value !== 'object') out[key] = value;
  }
  if (err.cause !== undefined && depth < MAX_DEPTH) out.cause = serializeLevel(err.cause, values, depth + 1);
  return out;
}

/** The serializers every logger of the application uses. */
export const LOG_SERIALIZERS = { req: serializeRequest, err: serializeError };
