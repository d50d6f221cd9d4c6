import { startTestApp } from '@app/harness';
/**
 * A few hundred random command sequences through HTTP (service token), each next command chosen
 * from the order as GET /orders/{id}?minPosition= shows it right after the previous write.
 * Afterwards every GET /orders/{id} must equal both a rebuild of the read model and the fold of
 * the order's stream.
 */
import { EVENT_STORE, type EventStore } from '@app/event-store';
import type { OrderView } from '@app/ordering';
import type { TestApp } from '@app/harness';
import { commandToHttp, nextCommand, placeOrderCommand, seededRng } from '@app/harness/order-lifecycle';
import { expectedViews } from './support/projection-db';

const ORDERS = 45;
const PARALLEL = 5;
const MAX_STEPS = 14;

// Hundreds of HTTP commands and read-your-writes waits: generous under a shared, loaded machine.
jest.setTimeout(180_000);

describe('random command sequences through HTTP: the read model equals a rebuild', () => {
  let t: TestApp;
  const run = Date.now().toString(36);
  const orderIds = Array.from({ length: ORDERS }, (_, i) => `rnd-${run}-${i}`);
  let sent = 0;
  let accepted = 0;
  /** Each order's last write: what its reads wait for. */
  const lastWrite = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  async function view(orderId: string, minPosition: string): Promise<OrderView> {
    const response = await t.http.get(`/orders/${orderId}?minPosition=${minPosition}`).set(t.as('service'));
    if (response.status !== 200) throw new Error(`GET ${orderId}: ${response.status} ${JSON.stringify(response.body)}`);
    expect(response.headers.etag).toBe(`"${response.body.revision}"`);
    return response.body;
  }

  async function drive(orderId: string, seed: number): Promise<void> {
    const rng = seededRng(seed);
    let ids = 0;
    const id = (prefix: string) => `${prefix}-${(ids += 1)}`;
    let position = '';
    for (let step = 0; step < MAX_STEPS; step += 1) {
      const command = step === 0 ? placeOrderCommand(rng, orderId) : nextCommand(await view(orderId, position), rng, id);
      if (!command) return;
      const { path, body } = commandToHttp(command);
      const response = await t.http.post(path).set(t.as('service')).send(body);
      sent += 1;
      if (response.status === 200 || response.status === 201) {
        accepted += 1;
        position = response.body.position;
        lastWrite.set(orderId, position);
      } else if (response.status !== 422) {
        throw new Error(`${command.type} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
      }
    }
  }

  it('drives a few hundred commands', async () => {
    for (let i = 0; i < ORDERS; i += PARALLEL) {
      await Promise.all(orderIds.slice(i, i + PARALLEL).map((orderId, k) => drive(orderId, 1000 + i + k)));
    }
    expect(sent).toBeGreaterThanOrEqual(300);
    expect(accepted).toBeGreaterThan(sent * 0.7);
  });

  it('answers every order as a rebuild and as the fold of its stream', async () => {
    const before = new Map<string, OrderView>();
    for (const orderId of orderIds) before.set(orderId, await view(orderId, lastWrite.get(orderId) as string));

    const rebuilt = await t.http.post('/admin/projections/order-status/rebuild').set(t.as('admin'));
    expect(rebuilt.status).toBe(200);
    for (const orderId of orderIds) expect(await view(orderId, lastWrite.get(orderId) as string)).toEqual(before.get(orderId));

    // The app's own reading view: personal data is sealed in the stored events (docs/privacy.md).
    const folded = await expectedViews(t.app.get<EventStore>(EVENT_STORE));
    for (const orderId of orderIds) expect(before.get(orderId)).toEqual(folded.get(orderId));
    // The sequences reached the interesting places, not just placement.
    const statuses = new Set([...before.values()].map((v) => v.status));
    expect(statuses.size).toBeGreaterThanOrEqual(3);
    expect([...before.values()].some((v) => v.returns.length > 0)).toBe(true);
    expect([...before.values()].some((v) => v.refunds.length > 0)).toBe(true);
  });
});
