// The requests whose handlers are still running, so a shutdown can wait for them before it closes
// the database (server/server.ts). fastify.close() resolves once every connection has ended, but
// the handler of a request whose client went away keeps running after that: its queries then
// failed on the closed pool (CONNECTION_ENDED), and every restart under load logged errors for
// work that was cut off half-way. A request leaves the set when its reply is sent, which Fastify
// does also for an aborted request once its handler finishes (onResponse then never fires).
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import fp from 'fastify-plugin';

interface InFlight {
  /** Requests whose handlers have not sent a reply yet. */
  readonly size: number;
  /** Resolves true when none is left, or false after `timeoutMs` with some still running. */
  drained(timeoutMs: number): Promise<boolean>;
}

declare module 'fastify' {
  interface FastifyInstance {
    inFlight: InFlight;
  }
}

export default fp(
  async (fastify) => {
    const running = new Set<FastifyRequest>();
    const waiters = new Set<() => void>();
    const leave = (request: FastifyRequest) => {
      if (!running.delete(request) || running.size > 0) return;
      for (const wake of waiters) wake();
    };
    // Synchronous hooks: they run on every request, cached pages included.
    fastify.addHook('onRequest', (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
      running.add(request);
      done();
    });
    fastify.addHook('onSend', (request: FastifyRequest, _reply: FastifyReply, payload: unknown, done: (err: null, payload: unknown) => void) => {
      leave(request);
      done(null, payload);
    });
    // A request that ends without onSend (its connection failed while Fastify wrote the reply).
    fastify.addHook('onResponse', (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
      leave(request);
      done();
    });

    fastify.decorate<InFlight>('inFlight', {
      get size() {
        return running.size;
      },
      drained(timeoutMs: number): Promise<boolean> {
        if (running.size === 0) return Promise.resolve(true);
        return new Promise<boolean>((resolve) => {
          const finish = (result: boolean) => {
            clearTimeout(timer);
            waiters.delete(wake);
            resolve(result);
          };
          const wake = () => finish(true);
          const timer = setTimeout(() => finish(false), timeoutMs);
          waiters.add(wake);
        });
      },
    });
  },
  { name: 'in-flight' },
);
