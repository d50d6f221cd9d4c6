/**
 * The leanest correct write, as the reference for the service's command path (docs/benchmarks.md
 * "Against the leanest correct write"): bare Fastify, JSON body, one INSERT per request into a
 * table shaped like the service's `events` (identity position, transaction id, unique stream
 * revision and event id, jsonb data and metadata), answered 201 with the position. Nothing else:
 * no validation, no read, no idempotency, no encryption, no hash chain, no projections.
 *
 *   node -r ./harness/register-ts.js bench/reference/server.ts <databaseUrl> <port>
 */
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { Pool } from 'pg';

const [databaseUrl, port] = process.argv.slice(2);

const DDL = `
  CREATE TABLE IF NOT EXISTS reference_events (
    global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    transaction_id  xid8 NOT NULL DEFAULT pg_current_xact_id(),
    stream_id       text COLLATE "C" NOT NULL,
    stream_revision bigint NOT NULL,
    event_id        uuid NOT NULL,
    type            text NOT NULL,
    data            jsonb NOT NULL,
    metadata        jsonb NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (stream_id, stream_revision),
    UNIQUE (stream_id, event_id)
  )`;

const INSERT = {
  name: 'reference_insert',
  text: `INSERT INTO reference_events (stream_id, stream_revision, event_id, type, data, metadata)
         VALUES ($1, 0, $2, 'OrderPlaced', $3, $4) RETURNING global_position::text AS position`,
};

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: databaseUrl, max: 20 });
  await pool.query(DDL);
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  app.post('/orders', async (request, reply) => {
    const body = request.body as { orderId: string };
    const metadata = { occurredAt: new Date().toISOString(), correlationId: randomUUID() };
    const { rows } = await pool.query<{ position: string }>({ ...INSERT, values: [`order-${body.orderId}`, randomUUID(), body, metadata] });
    return reply.code(201).send({ orderId: body.orderId, revision: 0, position: rows[0].position, events: ['OrderPlaced'] });
  });
  await app.listen({ port: Number(port), host: '127.0.0.1' });
  process.send?.('ready');
  const stop = () => void app.close().then(() => pool.end()).then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
