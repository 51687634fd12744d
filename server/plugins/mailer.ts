// fastify.mailer: the mail transport for mails sent from requests (the subscribe confirmation).
// Same factory as the jobs use. Sends are not awaited by routes (the answer page must not
// depend on whether and how fast a mail went out); onClose waits for them and closes the pool.
import fp from 'fastify-plugin';
import { createMailTransport, transportOptions, type MailMessage, type MailTransport } from '../alerts/transport.ts';

interface Mailer {
  transport: MailTransport;
  /** Sends in the background; failures are logged, never thrown at the request. */
  sendLater(message: MailMessage): void;
  /** Resolves when every background send so far has finished (tests, shutdown). */
  idle(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    mailer: Mailer;
  }
}

export default fp(
  async (fastify) => {
    const transport = createMailTransport(transportOptions(fastify.config));
    const inFlight = new Set<Promise<void>>();
    const mailer: Mailer = {
      transport,
      sendLater(message) {
        const p = transport
          .send(message)
          .then(() => undefined)
          .catch((err: unknown) => fastify.log.warn({ err }, 'mail from request not sent'))
          .finally(() => inFlight.delete(p));
        inFlight.add(p);
      },
      async idle() {
        while (inFlight.size > 0) await Promise.all([...inFlight]);
      },
    };
    fastify.decorate('mailer', mailer);
    fastify.addHook('onClose', async () => {
      await mailer.idle();
      transport.close();
    });
  },
  { name: 'mailer', dependencies: ['context'] },
);
