import { createTestDatabase } from '@app/test-support';
import { runMigrations } from '@app/database';
import { Pool } from 'pg';
import { randomUUID } from 'node:crypto';
import { PostgresEventStore, eventStoreMigrations } from '@app/event-store';

it('bench', async () => {
  const db = await createTestDatabase('bench');
  const pool = new Pool({ connectionString: db.url, max: 10 });
  pool.on('error', () => undefined);
  await runMigrations(pool, eventStoreMigrations);
  const store = new PostgresEventStore(pool);
  const sub = store.subscribeToAll();
  let seen = 0;
  const consuming = (async () => { for await (const _ of sub) seen++; })();
  const ev = () => ({ eventId: randomUUID(), type: 'OrderPlaced', data: { orderId: randomUUID(), lines: [{ sku: 'A', qty: 1, price: '10.00' }] }, metadata: { actor: 'u', correlationId: randomUUID() } });
  for (const [label, concurrency] of [['warm', 16], ['c16', 16], ['c32', 32], ['c8', 8]] as const) {
    const N = 4000; let i = 0; const t0 = Date.now();
    // each "order" stream gets an exact-revision append after a no_stream create, like commands do
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (i < N) {
        const n = i++; const s = `order-${label}-${n >> 1}`;
        if (n % 2 === 0) await store.append(s, [ev()], 'no_stream'); else { try { await store.append(s, [ev()], 0); } catch { await store.append(s, [ev()], 'any'); } }
      }
    }));
    console.log(label, Math.round(N / ((Date.now() - t0) / 1000)), 'appends/s');
  }
  await sub.close(); await consuming;
  console.log('subscriber saw', seen);
  await store.close(); await pool.end(); await db.drop();
}, 120000);
