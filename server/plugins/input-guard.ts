// Bad bytes stop at the edge, once, for every route: a NUL byte, invalid UTF-8, a lone UTF-16
// surrogate or a broken percent-encoding in the URL (path and query), in a header, in a form
// body or in any parsed body field answers 400 naming the field, before a route or the database
// sees it. PostgreSQL refuses NUL in text, and a value that cannot be encoded is never what a
// caller meant, so rejecting (rather than stripping) is the honest answer.
//
// Numbers are checked after validation: Ajv coerces `1e400` and `-Infinity` to ±Infinity and then
// skips `minimum`/`maximum` for them, so a non-finite number passes an integer schema.
//
// This plugin also parses `application/x-www-form-urlencoded` bodies (browsers' forms), so the
// body's bytes are checked before they are decoded.
import querystring from 'node:querystring';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** A 400 naming the fields whose value cannot be accepted; app.ts shows the names. */
class InvalidInputError extends Error {
  readonly statusCode = 400;
  constructor(readonly fields: string[]) {
    super(`Ongeldige waarde voor: ${fields.join(', ')}`);
    this.name = 'InvalidInputError';
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Deeper than any form or query this application reads. */
const MAX_DEPTH = 8;
const PATH_FIELD = 'adres';

/** False for text PostgreSQL cannot store or UTF-8 cannot carry. */
function isAcceptableText(s: string): boolean {
  return !s.includes('\u0000') && !LONE_SURROGATE.test(s);
}

/** A percent-encoded component decoded, or null when it is not valid UTF-8 or holds a NUL. */
function decodeComponent(raw: string, plusIsSpace: boolean): string | null {
  try {
    const decoded = decodeURIComponent(plusIsSpace ? raw.replace(/\+/g, ' ') : raw);
    return isAcceptableText(decoded) ? decoded : null;
  } catch {
    return null;
  }
}

/** The names of the `a=b&c=d` pairs whose name or value does not decode. */
function badPairs(encoded: string): string[] {
  const bad: string[] = [];
  for (const pair of encoded.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    const name = decodeComponent(rawName, true);
    if (name === null || (eq >= 0 && decodeComponent(pair.slice(eq + 1), true) === null)) bad.push(name ?? '(naam)');
  }
  return bad;
}

/** The fields of a raw request URL (path and query) that cannot be accepted. */
export function badUrlFields(url: string): string[] {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const bad = decodeComponent(path, false) === null ? [PATH_FIELD] : [];
  if (q >= 0) bad.push(...badPairs(url.slice(q + 1)));
  return [...new Set(bad)];
}

/**
 * Walks a parsed value (iteratively: a hostile JSON body may nest deeper than the stack) and
 * returns the paths of strings that fail `isAcceptableText` and, with `numbers`, of numbers that
 * are not finite. Structures deeper than MAX_DEPTH are themselves a bad field.
 */
export function badValues(value: unknown, numbers: boolean): string[] {
  const bad: string[] = [];
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (!isAcceptableText(v)) bad.push(path);
    } else if (typeof v === 'number') {
      if (numbers && !Number.isFinite(v)) bad.push(path);
    } else if (v !== null && typeof v === 'object') {
      if (depth >= MAX_DEPTH) {
        bad.push(path);
        continue;
      }
      for (const [k, child] of Object.entries(v)) {
        const name = isAcceptableText(k) ? k : '(naam)';
        stack.push({ v: child, path: Array.isArray(v) ? path : path ? `${path}.${name}` : name, depth: depth + 1 });
      }
    }
  }
  return [...new Set(bad.map((p) => p || 'invoer'))];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A form body: valid UTF-8, every pair decodable, then parsed (repeated names become arrays). */
export function parseFormBody(body: Buffer): Record<string, string | string[]> {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new InvalidInputError(['formulier']);
  }
  const bad = badPairs(text);
  if (bad.length > 0) throw new InvalidInputError([...new Set(bad)]);
  return querystring.parse(text) as Record<string, string | string[]>;
}

export default fp<{ bodyLimit: number }>(
  async (fastify, opts) => {
    fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer', bodyLimit: opts.bodyLimit }, (_request, body, done) => {
      try {
        done(null, parseFormBody(body as Buffer));
      } catch (err) {
        done(err as Error, undefined);
      }
    });

    fastify.addHook('onRequest', async function rejectBadUrlAndHeaders(request: FastifyRequest, _reply: FastifyReply) {
      const bad = badUrlFields(request.raw.url ?? '/');
      for (const [name, value] of Object.entries(request.headers)) {
        const values = Array.isArray(value) ? value : [value ?? ''];
        if (values.some((v) => !isAcceptableText(v))) bad.push(`kopregel ${name}`);
      }
      if (bad.length > 0) throw new InvalidInputError(bad);
    });

    // Before validation: a JSON body can carry \u0000 or a lone surrogate in any string.
    fastify.addHook('preValidation', async function rejectBadBodyText(request: FastifyRequest) {
      if (request.body === undefined || request.body === null) return;
      const bad = badValues(request.body, false);
      if (bad.length > 0) throw new InvalidInputError(bad);
    });

    // After validation, when query strings have been coerced to numbers.
    fastify.addHook('preHandler', async function rejectNonFiniteNumbers(request: FastifyRequest) {
      const bad = [...badValues(request.query, true), ...badValues(request.params, true), ...badValues(request.body, true)];
      if (bad.length > 0) throw new InvalidInputError([...new Set(bad)]);
    });
  },
  { name: 'input-guard' },
);
