// For tests that start a real server process or listener: a free loopback port, and a bounded
// wait for a spawned server's /health (its own start-up is what the test waits for, not a clock).
import net from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Polls /health on 127.0.0.1 until the server answers; throws the last error after limitMs. */
export async function waitForHealth(port: number, limitMs: number): Promise<Response> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    try {
      return await fetch(`http://127.0.0.1:${port}/health`);
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
