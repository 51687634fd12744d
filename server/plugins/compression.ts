// Compresses responses over 1 KB (pages, CSS, htmx, CSV, feeds) for clients that accept it; see
// test/bench/compression.ts for the bytes saved and the time it costs. Brotli at quality 4: the
// default 11 takes far longer per page than it saves on the wire. Registered after the page cache
// so the cache keeps the uncompressed page and each hit is compressed for its client.
import zlib from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fp from 'fastify-plugin';

export default fp(
  async (fastify) => {
    await fastify.register(fastifyCompress, {
      global: true,
      threshold: 1024,
      encodings: ['br', 'gzip'],
      brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    });
  },
  { name: 'compression' },
);
