/**
 * GET /orders/{orderId}/verify: the hash chain recomputed over the stored events. Rows of the
 * `events` table are altered directly in PostgreSQL and the break is found where it is.
 */
import { GENESIS_HASH } from '@app/audit';
import { PostgresEventStore, type EventStore, type RecordedEvent } from '@app/event-store';
import { OrderAudit } from '@app/api/audit/order-audit';
import { expectOk, ordersApi, startTestApp, type TestApp, type TestRole } from '@app/harness';
import { storedHashes, tamper } from './support/tamper';

/** An external test database without AUDIT_SIGNING_KEY: no checkpoint is signed or checked (audit-checkpoints.e2e-spec.ts covers them). */
const UNSIGNED = { checkpointStatus: 'disabled', checkpoint: null, signedEvents: 0 };

describe('GET /orders/{orderId}/verify', () => {
  let t: TestApp;
  let api: ReturnType<typeof ordersApi>;
  let change: ReturnType<typeof tamper>;

  beforeAll(async () => {
    t = await startTestApp({ MODE: 'api' });
    api = ordersApi(t);
    change = tamper(t.pool);
  });
  afterAll(() => t?.close());

  const verify = (orderId: string, role: TestRole = 'auditor') => t.http.get(`/orders/${orderId}/verify`).set(t.as(role));
  /** Placed, paid, shipped, two lines delivered, a complaint: revisions 0 to 5. */
  const sixEvents = async () => {
    const orderId = await api.delivered();
    await expectOk(api.post(`/orders/${orderId}/complaints`, { complaintId: 'cmp-1', category: 'delivery', message: 'late' }));
    return { orderId, hashes: await storedHashes(t.pool, orderId) };
  };

  it('answers valid with the number of events and the head hash for an untouched history', async () => {
    const { orderId, hashes } = await sixEvents();
    const { body } = await expectOk(verify(orderId));
    expect(body).toEqual({ orderId, valid: true, events: 6, headHash: hashes[5], ...UNSIGNED });
  });

  it.each([
    ['changed data', (id: string) => change.changeData(id, 2), 2],
    ['changed metadata', (id: string) => change.changeMetadata(id, 0), 0],
    ['a removed event', (id: string) => change.remove(id, 3), 3],
    ['reordered events', (id: string) => change.swap(id, 2, 4), 2],
  ])('finds %s at the first revision that no longer checks out', async (_, alter, broken) => {
    const { orderId, hashes } = await sixEvents();
    await alter(orderId);
    const { body } = await expectOk(verify(orderId));
    expect(body).toEqual({
      orderId, valid: false, events: broken, headHash: broken === 0 ? GENESIS_HASH : hashes[broken - 1], firstInvalidRevision: broken, ...UNSIGNED,
    });
  });

  it('cannot see a cut tail by itself: the chain is valid but its head hash moved (why auditors keep headHash)', async () => {
    const { orderId, hashes } = await sixEvents();
    await change.remove(orderId, 5);
    expect((await expectOk(verify(orderId))).body).toEqual({ orderId, valid: true, events: 5, headHash: hashes[4], ...UNSIGNED });
  });

  it('answers 404 for an unknown order, and is for auditors and admin only', async () => {
    expect((await verify('no-such-order')).status).toBe(404);
    const { orderId } = await sixEvents();
    expect((await verify(orderId, 'admin')).status).toBe(200);
    expect((await verify(orderId, 'service')).status).toBe(403);
    expect((await verify(orderId, 'finance')).status).toBe(403);
  });

  it('is described in the OpenAPI document, with the answers of all three audit routes', async () => {
    const { body: doc } = await expectOk(t.http.get('/docs-json').set(t.as('auditor')));
    const ok = (path: string) => doc.paths[path].get.responses['200'].content;
    expect(ok('/orders/{orderId}/events')).toEqual({
      'application/json': { schema: { $ref: '#/components/schemas/OrderHistoryDto' } },
      'application/x-ndjson': { schema: { $ref: '#/components/schemas/AuditedEventDto' } },
    });
    expect(ok('/orders/{orderId}/state')['application/json'].schema).toEqual({ $ref: '#/components/schemas/OrderViewDto' });
    expect(ok('/orders/{orderId}/verify')['application/json'].schema).toEqual({ $ref: '#/components/schemas/ChainVerificationDto' });
    expect(Object.keys(doc.paths['/orders/{orderId}/state'].get.responses).sort()).toEqual(['200', '400', '401', '403', '404', '503']);
    expect(doc.components.schemas.ChainVerificationDto.required.sort()).toEqual(['checkpoint', 'checkpointStatus', 'events', 'headHash', 'orderId', 'signedEvents', 'valid']);
    expect(Object.keys(doc.components.schemas.EventMetadataDto.properties).sort()).toEqual([
      'actor', 'causationId', 'correlationId', 'hash', 'idempotencyKey', 'occurredAt', 'policyVersion', 'prevHash', 'requestHash', 'schemaVersion',
    ]);
  });

  it('verifies the stored form, whatever view of the store the other reads get', async () => {
    const { orderId } = await sixEvents();
    const stored = new PostgresEventStore(t.pool);
    // Like the privacy view: readers get data other than the bytes that were hashed.
    const view = readView(stored, (e) => ({ ...e, data: { ...e.data, viewed: true } }));
    try {
      const audit = new OrderAudit({ store: view, stored });
      expect(await audit.verify(orderId)).toMatchObject({ valid: true, events: 6 });
      const first = await audit.history(orderId).next();
      expect(first.value?.data).toMatchObject({ viewed: true });
      // Verifying the view instead would call an untouched history altered.
      expect(await new OrderAudit(view).verify(orderId)).toMatchObject({ valid: false, firstInvalidRevision: 0 });
    } finally {
      await stored.close();
    }
  });
});

function readView(store: EventStore, map: (e: RecordedEvent) => RecordedEvent): EventStore {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'readStream') {
        return async function* (...args: Parameters<EventStore['readStream']>) {
          for await (const e of target.readStream(...args)) yield map(e);
        };
      }
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
