// The receiving end of the mailto: in List-Unsubscribe (RFC 2369): a small SMTP listener that
// takes mail for the unsubscribe address only and unsubscribes exactly as the one-click POST does
// (subscriptions.ts unsubscribe()). It stands where an MX would, behind the real MX or a relay
// that forwards that one address here: no authentication, no TLS, a few connections, small
// messages. It never sends mail: an unknown token is accepted and dropped (no backscatter), and
// the answer does not tell whether a token was valid. The unsubscribe is committed before the
// 250, so it has taken effect when the sender sees the message accepted.
import type { FastifyBaseLogger } from 'fastify';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/client.ts';
import { unsubscribe } from './subscriptions.ts';
import { unsubscribeTokens } from './unsubscribe-mail.ts';

/**
 * An unsubscribe mail is a few hundred bytes, but an ARF report quotes the whole reported mail,
 * and a daily digest grows by about 1 kB per event (60 events measured 60 kB before encoding):
 * room for a busy day's digest, still nothing to hold ten connections' worth of in memory.
 */
export const MAX_MESSAGE_BYTES = 256 * 1024;
const MAX_CLIENTS = 10;

export interface InboundSmtpOptions {
  host: string;
  port: number;
  /** The only recipient accepted (unsubscribeAddress()). */
  address: string;
  db: Db;
  clock: Clock;
  log: FastifyBaseLogger;
}

export interface InboundSmtp {
  close(): Promise<void>;
}

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

/** Reads the message, keeping at most the limit (smtp-server answers 552 past it). */
function readMessage(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    stream.on('data', (chunk: Buffer) => {
      if (kept + chunk.length <= MAX_MESSAGE_BYTES) chunks.push(chunk);
      kept += chunk.length;
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

export async function startInboundSmtp(options: InboundSmtpOptions): Promise<InboundSmtp> {
  const { db, clock, log } = options;
  const accepted = options.address.toLowerCase();

  async function handle(raw: Buffer): Promise<void> {
    let tokens: string[];
    try {
      tokens = await unsubscribeTokens(raw);
    } catch (err) {
      // A message we cannot parse asks for nothing we can do; the sender learns nothing either.
      log.info({ err: String(err) }, 'unsubscribe mail not readable, dropped');
      return;
    }
    const now = clock.now();
    for (const token of tokens) {
      const sub = await unsubscribe(db, token, now);
      if (sub) {
        log.info({ subscription: sub.id }, 'unsubscribed by mail');
        return;
      }
    }
    // Never the token itself: a log line must not be a working unsubscribe link.
    log.info({ candidates: tokens.length }, 'unsubscribe mail without a known token, dropped');
  }

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    banner: 'Kamerwacht afmelden',
    size: MAX_MESSAGE_BYTES,
    rejectOversized: true,
    maxClients: MAX_CLIENTS,
    socketTimeout: 60_000,
    closeTimeout: 5_000,
    onRcptTo(address, _session, callback) {
      if (address.address.toLowerCase() !== accepted) return callback(smtpError(550, '5.1.1 No such user here'));
      callback();
    },
    onData(stream, _session, callback) {
      readMessage(stream)
        .then(async (raw) => {
          if (stream.sizeExceeded) return callback(); // answered 552 by smtp-server
          await handle(raw);
          callback();
        })
        .catch((err: unknown) => {
          // The database is away: the sending MTA keeps the message and tries again.
          log.error({ err }, 'unsubscribe mail not processed');
          callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
        });
    },
  });
  // Connection-level trouble (resets, timeouts) from the other side; the listener carries on.
  server.on('error', (err) => log.warn({ err }, 'inbound SMTP connection error'));

  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.server.off('error', onError);
      resolve();
    });
  });
  log.info({ host: options.host, port: options.port }, 'inbound SMTP for unsubscribe mail listening');

  return {
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
