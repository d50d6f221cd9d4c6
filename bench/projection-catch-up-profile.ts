/**
 * Where a cold catch-up spends its time: reading the log vs applying batches (fold + write) vs
 * committing, one projection, no read-ahead. Run against a database kept by the benchmark:
 *
 *   node -r ./harness/register-ts.js bench/projection-catch-up-profile.ts <databaseUrl> [batch] [name]
 *
 * It builds into a scratch schema (`<schema>__profile`, dropped at the end); the live tables are untouched.
 */
import { PostgresEventStore, type RecordedEvent } from '@app/event-store';
import { loadConfig } from '@app/config';
import { projectionsFor } from '@app/projections/registry';
import { quoteIdent, schemasOf } from '@app/projections/runtime';
import { Pool } from 'pg';

async function main(): Promise<void> {
  const [url, batchArg, name = 'order-status'] = process.argv.slice(2);
  const batch = Number(batchArg ?? 2000);
  const projection = projectionsFor(loadConfig({})).find((p) => p.name === name);
  if (!url || !projection) throw new Error('usage: projection-catch-up-profile <databaseUrl> [batch] [projection]');
  const schema = `${schemasOf(projection).live}__profile`;
  const pool = new Pool({ connectionString: url, max: 4 });
  const store = new PostgresEventStore(pool);
  await pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE; CREATE SCHEMA ${quoteIdent(schema)}`);
  await pool.query(projection.ddl(schema));
  const ms = { read: 0, apply: 0, commit: 0 };
  let after: string | undefined;
  let events = 0;
  const started = Date.now();
  for (;;) {
    let t = Date.now();
    const page: RecordedEvent[] = [];
    for await (const e of store.readAll({ after, limit: batch })) page.push(e);
    ms.read += Date.now() - t;
    if (!page.length) break;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      t = Date.now();
      await projection.apply(client, schema, page);
      ms.apply += Date.now() - t;
      t = Date.now();
      await client.query('COMMIT');
      ms.commit += Date.now() - t;
    } finally {
      client.release();
    }
    events += page.length;
    after = page[page.length - 1].position;
  }
  const total = Date.now() - started;
  console.log(JSON.stringify({ projection: name, events, batch, ms: total, eventsPerSecond: Math.round(events / (total / 1000)), ...ms }));
  await pool.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
  await store.close();
  await pool.end();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
