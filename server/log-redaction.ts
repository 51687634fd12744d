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
