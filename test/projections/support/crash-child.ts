/**
 * Child process of the crash test: runs the order-status projection and, in batch number
 * `pauseAt`, after apply wrote its rows and before the checkpoint, tells the parent and hangs,
 * so the parent can SIGKILL it with a transaction open.
 * argv: <databaseUrl> <batchSize> <pauseAt>
 */
import { PostgresEventStore } from '@app/event-store';
import { orderStatusProjection } from '@app/projections/order-status';
import { ProjectionRuntime, type Projection } from '@app/projections/runtime';
import { Pool } from 'pg';

const [url, batchSize, pauseAt] = process.argv.slice(2);
const pool = new Pool({ connectionString: url, max: 4 });
const store = new PostgresEventStore(pool, { pollIntervalMs: 100 });
let batches = 0;

const pausing: Projection = {
  name: orderStatusProjection.name,
  version: orderStatusProjection.version,
  ddl: orderStatusProjection.ddl,
  async apply(client, schema, events) {
    await orderStatusProjection.apply(client, schema, events);
    batches += 1;
    if (batches === Number(pauseAt)) {
      process.send?.({ applied: events.length, first: events[0].position, last: events[events.length - 1].position });
      await new Promise(() => undefined); // hold the transaction open until killed
    }
  },
};

new ProjectionRuntime(pool, store, [pausing], { batchSize: Number(batchSize), standbyRetryMs: 100 }).start();
