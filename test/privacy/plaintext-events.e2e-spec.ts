/**
 * Events written before personal data was encrypted hold it in plaintext, and events are never
 * rewritten. They are read as they are; `npm run privacy:migrate` counts the streams that still
 * hold plaintext and names those of erased customers: what erasure cannot reach (docs/privacy.md).
 */
import { customerStream, orderStream, type EventStore } from '@app/event-store';
import { ERASED } from '@app/ordering';
import { RAW_EVENT_STORE } from '@app/event-store';
import { runPrivacyMigrateCli, type PlaintextReport } from '@app/api/privacy/privacy-migrate-cli';
import { expectOk, ordersApi, startTestApp, uniqueId, type TestApp } from '@app/harness';
import { SimulatedOrder } from '@app/harness/simulated-order';
import { placeOrderCommandFor } from './support/legacy-order';
import { distinctCustomer, findInAllTables, needlesOf, orderFor } from './support/personal-data';

describe('events written before encryption', () => {
  let t: TestApp;
  const lea = distinctCustomer('Lea');
  const newer = distinctCustomer('Nina');
  const legacyOrderId = uniqueId('legacy');
  let legacyPosition: string;

  beforeAll(async () => {
    t = await startTestApp();
    // Written as the write path did before this change: plaintext, schemaVersion 1, hash-chained.
    const order = new SimulatedOrder(legacyOrderId);
    const now = new Date();
    const events = [
      ...(order.decide(placeOrderCommandFor(legacyOrderId, lea), now) ?? []),
      ...(order.decide({ type: 'OpenComplaint', orderId: legacyOrderId, complaintId: 'cmp-1', category: 'delivery', message: lea.complaint }, now) ?? []),
    ];
    expect(events).toHaveLength(2);
    legacyPosition = (await t.app.get<EventStore>(RAW_EVENT_STORE).append(orderStream(legacyOrderId), events, 'no_stream')).position;
    await expectOk(ordersApi(t).place(orderFor(newer)), 201);
  });
  afterAll(() => t?.close());

  const report = async (): Promise<PlaintextReport> => {
    const lines: string[] = [];
    const code = await runPrivacyMigrateCli(['--json'], { DATABASE_URL: t.db.url, DATA_DIR: t.config.dataDir }, { log: (l: string) => lines.push(l), error: () => undefined });
    expect(code).toBe(0);
    return JSON.parse(lines[0]);
  };

  it('are read as they are: no key is needed for plaintext', async () => {
    const view = await expectOk(t.http.get(`/orders/${legacyOrderId}?minPosition=${legacyPosition}`).set(t.as('service')));
    expect(view.body.customer).toEqual(lea.customer);
    const history = await expectOk(t.http.get(`/orders/${legacyOrderId}/events`).set(t.as('auditor')));
    expect(history.body.events[1].data.message).toBe(lea.complaint);
    expect((await expectOk(t.http.get(`/orders/${legacyOrderId}/verify`).set(t.as('auditor')))).body.valid).toBe(true);
  });

  it('are counted by privacy:migrate, which rewrites nothing', async () => {
    const { rows: before } = await t.pool.query('SELECT global_position, data::text, metadata::text FROM events ORDER BY global_position');
    // The store reads only below the server's oldest running transaction (the gap rule), so under
    // load from other databases the newest event may become readable a moment later.
    let counted = await report();
    for (let attempt = 0; counted.events < before.length && attempt < 50; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      counted = await report();
    }
    expect(counted).toEqual({
      events: before.length, plaintextEvents: 2, plaintextStreams: 1, plaintextCustomers: 1, erasedCustomersWithPlaintext: 0, erasedStreams: [],
    });
    const { rows: after } = await t.pool.query('SELECT global_position, data::text, metadata::text FROM events ORDER BY global_position');
    expect(after).toEqual(before);
  });

  it('cannot be reached by erasure: the read models drop their copies, the events keep theirs, and the report names them', async () => {
    const erased = await expectOk(t.http.post(`/customers/${lea.customer.id}/erase`).set(t.as('admin')));
    const view = await expectOk(t.http.get(`/orders/${legacyOrderId}?minPosition=${erased.body.position}`).set(t.as('service')));
    expect(view.body.customer).toEqual({ id: lea.customer.id, email: ERASED, name: ERASED, registered: true });
    // The documented limit: only the immutable events still hold it.
    const left = await findInAllTables(t.pool, needlesOf(lea));
    expect(left.length).toBeGreaterThan(0);
    expect(new Set(left.map((l) => l.split(':')[0]))).toEqual(new Set(['public.events']));

    const after = await report();
    expect(after).toMatchObject({ plaintextStreams: 1, erasedCustomersWithPlaintext: 1, erasedStreams: [orderStream(legacyOrderId)] });
    const lines: string[] = [];
    await runPrivacyMigrateCli([], { DATABASE_URL: t.db.url, DATA_DIR: t.config.dataDir }, { log: (l: string) => lines.push(l), error: () => undefined });
    expect(lines.join('\n')).toMatch(/1 of these customers were already erased; their plaintext remains in: order-legacy-/);
    expect(lines.join('\n')).not.toContain(lea.customer.email);
    // Nothing of the customer stream is personal: ids only.
    const { rows } = await t.pool.query<{ data: string }>('SELECT data::text FROM events WHERE stream_id = $1', [customerStream(lea.customer.id)]);
    expect(rows.map((r) => JSON.parse(r.data))).toEqual([{ customerId: lea.customer.id }]);
  });
});
