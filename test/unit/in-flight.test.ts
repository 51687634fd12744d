// The shutdown waits for handlers still running (server/plugins/in-flight.ts): a request whose
// client went away keeps its handler running after fastify.close() has resolved, and the
// database must not close under it.
import Fastify from 'fastify';
import t from 'tap';
import inFlight from '../../server/plugins/in-flight.ts';

/** Settles after the pending I/O callbacks and microtasks: whether `p` has settled by then. */
async function settledSoon(p: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void p.then(() => (settled = true));
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

/** An app with the plugin and a route /slow whose handler waits until released. */
async function appWithSlowRoute(steps: string[] = []) {
  const app = Fastify();
  await app.register(inFlight);
  let entered!: () => void;
  const handlerEntered = new Promise<void>((resolve) => (entered = resolve));
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  app.get('/slow', async () => {
    entered();
    await gate;
    steps.push('handler done');
    return 'ok';
  });
  return { app, handlerEntered, release };
}

t.test('an aborted request\'s handler is waited for after the server has closed', async (t) => {
  const steps: string[] = [];
  const { app, handlerEntered, release } = await appWithSlowRoute(steps);
  app.get('/fast', async () => 'ok');
  const url = await app.listen({ host: '127.0.0.1', port: 0 });

  t.equal((await fetch(`${url}/fast`)).status, 200);
  t.equal(app.inFlight.size, 0, 'a finished request leaves the set');
  t.equal(await app.inFlight.drained(1_000), true, 'nothing running: drained at once');

  const client = new AbortController();
  const aborted = fetch(`${url}/slow`, { signal: client.signal }).catch((err: Error) => err.name);
  await handlerEntered;
  client.abort();
  t.equal(await aborted, 'AbortError');
  await app.close();
  steps.push('server closed');
  t.equal(app.inFlight.size, 1, 'the handler still runs after close()');

  const drained = app.inFlight.drained(60_000);
  t.equal(await settledSoon(drained), false, 'not drained while the handler runs');
  release();
  t.equal(await drained, true);
  steps.push('drained');
  t.same(steps, ['server closed', 'handler done', 'drained']);
});

t.test('drained gives up after its timeout', async (t) => {
  const { app, handlerEntered, release } = await appWithSlowRoute();
  const reply = app.inject({ url: '/slow' });
  await handlerEntered;
  t.equal(await app.inFlight.drained(0), false, 'still running when the time is up');
  release();
  t.equal((await reply).statusCode, 200);
  t.equal(app.inFlight.size, 0);
  await app.close();
});
