/** The two steps that write, on the machine's PostgreSQL: append at a revision, remember an answer. */
import { AdjustableClock } from '@app/config';
import { runMigrations } from '@app/database';
import { eventStoreMigrations, PostgresEventStore, WrongExpectedRevisionError, type NewEvent } from '@app/event-store';
import { createTestDatabase, type TestDatabase } from '@app/harness/test-database';
import { Pool } from 'pg';
import { randomUUID } from 'node:crypto';
import type { Answer } from '../command-context';
import { IdempotencyStore } from '../idempotency-store';
import { idempotencyMigrations } from '../idempotency.migrations';
import { contextFor, historyOf } from '../testing/histories';
import { placed } from '../../../ordering/src/testing/fixtures';
import { appendToOrder } from './append';
import { withIdempotency } from './idempotency';
import { NO_ORDER } from './load';

const event = (type: string): NewEvent => ({ eventId: randomUUID(), type, data: {}, metadata: {} });

describe('append and remember, against PostgreSQL', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let records: IdempotencyStore;
  const clock = new AdjustableClock();

  beforeAll(async () => {
    database = await createTestDatabase('command_pipeline');
    pool = new Pool({ connectionString: database.url, max: 4 });
    pool.on('error', () => undefined);
    await runMigrations(pool, [...eventStoreMigrations, ...idempotencyMigrations]);
    store = new PostgresEventStore(pool);
    records = new IdempotencyStore(pool);
  });
  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await database?.drop();
  });

  it('appends a new order at no_stream, then at the revision read; a stale revision is a conflict and writes nothing', async () => {
    const placedAt = await appendToOrder(store, 'a-1', NO_ORDER, [event('OrderPlaced')]);
    expect(placedAt).toMatchObject({ orderId: 'a-1', revision: 0, events: ['OrderPlaced'] });
    const afterPlace = historyOf('a-1', [{ event: placed() }]);
    expect(await appendToOrder(store, 'a-1', afterPlace, [event('PaymentConfirmed'), event('OrderCancelled')])).toMatchObject({ revision: 2 });
    await expect(appendToOrder(store, 'a-1', afterPlace, [event('OrderCancelled')])).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await expect(appendToOrder(store, 'a-1', NO_ORDER, [event('OrderPlaced')])).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM events WHERE stream_id = $1', ['order-a-1']);
    expect(rows[0].n).toBe(3);
  });

  it('without a key runs the command and remembers nothing', async () => {
    let runs = 0;
    const answer: Answer = { result: { orderId: 'i-0', revision: 0, position: 'p', events: ['OrderPlaced'] }, requestHash: 'h' };
    expect(await withIdempotency(records, clock, contextFor(), { sameRequest: async () => true, run: async () => (runs += 1, answer) })).toEqual(answer.result);
    expect((await pool.query('SELECT count(*)::int AS n FROM idempotency_records')).rows[0].n).toBe(0);
    expect(runs).toBe(1);
  });

  it('with a key: the first answer is remembered and answered again without running; another body is refused', async () => {
    let runs = 0;
    const context = contextFor({ idempotencyKey: 'k-1', path: 'POST /orders/i-1/payment/confirm' });
    const answer: Answer = { result: { orderId: 'i-1', revision: 1, position: '0/9', events: ['PaymentConfirmed'] }, requestHash: 'h-1' };
    const run = async () => (runs += 1, answer);
    const compared: string[] = [];
    const sameRequest = async (stored: string) => (compared.push(stored), stored === 'h-1');
    expect(await withIdempotency(records, clock, context, { sameRequest, run })).toEqual(answer.result);
    expect(await withIdempotency(records, clock, context, { sameRequest, run })).toEqual(answer.result);
    expect(runs).toBe(1);
    expect(compared).toEqual(['h-1']);
    await expect(withIdempotency(records, clock, context, { sameRequest: async () => false, run })).rejects.toMatchObject({ code: 'idempotency_key_reused' });
    // The same key on another path is another command.
    await withIdempotency(records, clock, { ...context, path: 'POST /orders/i-1/cancel' }, { sameRequest, run });
    expect(runs).toBe(2);
  });
});
