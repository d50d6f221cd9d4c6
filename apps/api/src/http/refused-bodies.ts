/**
 * A body refused before it was read (413: its Content-Length is over the limit) is still on its
 * way. Fastify answered with `Connection: close`, so Node closed the socket while the client was
 * still sending: the bytes arriving at a closed socket reset the connection, and the client lost
 * the 413 it had not read yet (Node's fetch: `fetch failed`, curl: exit 55). Instead the
 * connection stays open and the rest of the body is read and dropped, so the client finishes
 * sending and reads its answer; past DRAIN_LIMIT_BYTES (a client sending without end), the
 * socket is closed after all. REQUEST_TIMEOUT_MS bounds the time it may take.
 */
import type { FastifyInstance } from 'fastify';

const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

export function drainRefusedBodies(fastify: FastifyInstance): void {
  // Synchronous, like every onSend hook of ours (see security-headers.ts).
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const raw = request.raw;
    if (reply.statusCode !== 413 || raw.complete) return done(null, payload);
    reply.removeHeader('connection');
    let drained = 0;
    raw.on('data', (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > DRAIN_LIMIT_BYTES) raw.socket.destroy();
    });
    raw.resume();
    done(null, payload);
  });
}
