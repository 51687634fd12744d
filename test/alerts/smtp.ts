// A real SMTP server on 127.0.0.1 for the alert tests, whose behaviour a test can switch:
// accept, answer 4xx or 5xx to RCPT, or be down (listening socket closed).
import { SMTPServer } from 'smtp-server';

type SmtpMode = 'accept' | 'temp' | 'perm';

export interface ReceivedMail {
  to: string[];
  raw: string;
}

export interface TestSmtp {
  url: string;
  port: number;
  received: ReceivedMail[];
  mode: SmtpMode;
  /** Per-recipient override of the mode. */
  modeFor: Map<string, SmtpMode>;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
  waitFor(n: number, timeoutMs?: number): Promise<void>;
}

export async function startSmtp(port = 0): Promise<TestSmtp> {
  let server: SMTPServer | undefined;
  const state: TestSmtp = {
    url: '',
    port,
    received: [],
    mode: 'accept',
    modeFor: new Map(),
    async start() {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        onRcptTo(address, _session, cb) {
          const mode = state.modeFor.get(address.address) ?? state.mode;
          if (mode === 'temp') return cb(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 }));
          if (mode === 'perm') return cb(Object.assign(new Error('No such user'), { responseCode: 550 }));
          cb();
        },
        onData(stream, session, cb) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            state.received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
            cb();
          });
        },
      });
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(state.port, '127.0.0.1', () => resolve());
      });
      const addr = (server as unknown as { server: { address(): { port: number } } }).server.address();
      state.port = addr.port;
      state.url = `smtp://127.0.0.1:${state.port}`;
    },
    async stop() {
      const s = server;
      server = undefined;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    close() {
      return state.stop();
    },
    async waitFor(n, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      while (state.received.length < n) {
        if (Date.now() > until) throw new Error(`expected ${n} mails, got ${state.received.length}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
  await state.start();
  return state;
}

/** Decodes quoted-printable soft breaks and escapes, enough to find links in a raw message. */
export function decodeQp(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

export function header(raw: string, name: string): string[] {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  return unfolded
    .split(/\r?\n/)
    .filter((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
    .map((l) => l.slice(name.length + 1).trim());
}

/** Collects Set-Cookie headers of a response into a Cookie header value. */
export function cookieHeader(setCookie: string | string[] | undefined): string {
  return (Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []).map((c) => c.split(';')[0]).join('; ');
}

export function csrfToken(body: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(body);
  if (!m?.[1]) throw new Error('no _csrf field');
  return m[1];
}
