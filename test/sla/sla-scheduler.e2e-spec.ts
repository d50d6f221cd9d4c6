/**
 * The SLA scheduler against the real write path and a real PostgreSQL: the acting timers act
 * exactly once, also with two processes racing; a refusal is recorded and not retried; an
 * unavailable store is retried next pass.
 */
import { EventStoreUnavailableError, orderStream, type RecordedEvent } from '@app/event-store';
import { DEFAULT_POLICY, UTC_CALENDAR, type OrderCommand } from '@app/ordering';
import { createSlaTimersProjection, SLA_TIMERS } from '@app/projections/sla-timers';
import { ProjectionCheckpoints } from '@app/projections/nest';
import { SlaScheduler } from '@app/projector/sla-scheduler/sla-scheduler';
import { timeoutCommand } from '@app/projector/sla-scheduler/timeout-commands';
import { createTestDatabase, type TestDatabase } from '@app/harness';
import { startSlaProcess, type SlaProcess } from './support/sla-process';

const projections = [createSlaTimersProjection({ policy: DEFAULT_POLICY, calendar: UTC_CALENDAR })];
const TOTAL = 2 * 4999 + 2500 + 500 + 150;

const place = (orderId: string): OrderCommand => ({
  type: 'PlaceOrder', orderId, customer: { id: 'c-1', registered: true }, channel: 'web', currency: 'EUR',
  lines: [
    { lineId: '1', sku: 'KB', name: 'Keyboard', quantity: 2, unitPrice: 4999, category: 'physical' },
    { lineId: '2', sku: 'MS', name: 'Mouse', quantity: 1, unitPrice: 2500, category: 'physical' },
  ],
  shippingFee: 500, payment: { method: 'card', processingFee: 150 },
  shippingAddress: { name: 'Ana', line1: '1 Main St', city: 'Lyon', postalCode: '69001', country: 'FR' },
});

describe('SLA scheduler (write path + PostgreSQL, two processes)', () => {
  let db: TestDatabase;
  let a: SlaProcess;
  let b: SlaProcess;

  const travel = (iso: string) => {
    a.clock.set(new Date(iso));
    b.clock.set(new Date(iso));
  };
  const events = async (orderId: string): Promise<RecordedEvent[]> => {
    const all: RecordedEvent[] = [];
    for await (const e of a.store.readStream(orderStream(orderId))) all.push(e);
    return all;
  };
  const ofType = async (orderId: string, type: string) => (await events(orderId)).filter((e) => e.type === type);
  const actionOf = async (timerId: string) =>
    (await a.pool.query('SELECT outcome, code, revision FROM sla_actions WHERE timer_id = $1', [timerId])).rows[0];
  const timerOf = async (orderId: string, kind: string) =>
    (await a.pool.query('SELECT timer_id, state FROM sla_timers.timers WHERE order_id = $1 AND kind = $2 ORDER BY started_at', [orderId, kind])).rows;

  beforeAll(async () => {
    db = await createTestDatabase('sla_scheduler');
    a = await startSlaProcess(db.url, projections);
    b = await startSlaProcess(db.url, projections);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await db?.drop();
  });

  it('cancels an unpaid order once its 24 hours have passed, once, as the system', async () => {
    travel('2026-03-02T09:00:00Z');
    await a.send(place('unpaid-1'));
    travel('2026-03-03T08:59:00Z');
    expect(await a.scheduler.runOnce()).toEqual({ acted: 0, refused: 0 });
    travel('2026-03-03T09:00:01Z');
    expect(await a.scheduler.runOnce()).toEqual({ acted: 1, refused: 0 });
    expect(await a.scheduler.runOnce()).toEqual({ acted: 0, refused: 0 });

    const [cancel] = await ofType('unpaid-1', 'OrderCancelled');
    expect(cancel.data).toEqual({ reason: 'payment_timeout', by: 'system' });
    expect(cancel.metadata).toMatchObject({
      actor: { type: 'system', name: 'sla-scheduler' }, idempotencyKey: 'sla:unpaid-1:payment:unpaid-1@0', correlationId: 'unpaid-1:payment:unpaid-1@0',
    });
    expect(await actionOf('unpaid-1:payment:unpaid-1@0')).toEqual({ outcome: 'acted', code: null, revision: '1' });
    expect(await ofType('unpaid-1', 'OrderCancelled')).toHaveLength(1);
    await a.scheduler.runOnce(); // catches the projection up with the cancellation
    expect(await timerOf('unpaid-1', 'payment')).toEqual([{ timer_id: 'unpaid-1:payment:unpaid-1@0', state: 'late' }]);
  });

  it('confirms receipt of a delivered line 7 days after delivery, that line only', async () => {
    travel('2026-04-01T09:00:00Z');
    await a.send(place('deliv-1'));
    await a.send({ type: 'ConfirmPayment', orderId: 'deliv-1', transactionId: 't', amount: TOTAL });
    await a.send({ type: 'DispatchShipment', orderId: 'deliv-1', shipmentId: 's-1', lineIds: ['1', '2'], carrier: 'UPS', trackingNumber: 'T' });
    travel('2026-04-01T12:00:00Z');
    await a.send({ type: 'MarkItemDelivered', orderId: 'deliv-1', lineId: '1', deliveredAt: '2026-04-01T11:00:00Z' });
    travel('2026-04-08T10:59:00Z');
    expect(await a.scheduler.runOnce()).toEqual({ acted: 0, refused: 0 });
    travel('2026-04-08T11:00:01Z');
    expect(await a.scheduler.runOnce()).toEqual({ acted: 1, refused: 0 });
    expect((await ofType('deliv-1', 'ReceiptConfirmed')).map((e) => e.data)).toEqual([{ lineIds: ['1'], by: 'system' }]);
    await a.scheduler.runOnce();
    expect((await timerOf('deliv-1', 'receipt')).map((t) => t.state)).toEqual(['late']);
  });

  it('two processes racing over the same due timers act on each exactly once', async () => {
    travel('2026-05-04T09:00:00Z');
    const ids = ['race-1', 'race-2', 'race-3', 'race-4', 'race-5'];
    for (const id of ids) await a.send(place(id));
    travel('2026-05-05T09:00:01Z');
    const [ra, rb] = await Promise.all([a.scheduler.runOnce(), b.scheduler.runOnce()]);
    expect(ra.acted + rb.acted).toBe(ids.length);
    expect(ra.refused + rb.refused).toBe(0);
    for (const id of ids) expect(await ofType(id, 'OrderCancelled')).toHaveLength(1);
  });

  it('the same timeout command sent by two processes at once appends once, and both get the same answer', async () => {
    travel('2026-05-11T09:00:00Z');
    await a.send(place('twice-1'));
    travel('2026-05-12T09:00:01Z');
    const timer = { timerId: 'twice-1:payment:twice-1@0', orderId: 'twice-1', kind: 'payment' as const, subjectId: 'twice-1' };
    const [first, second] = await Promise.all([a.bus.execute(timeoutCommand(timer)), b.bus.execute(timeoutCommand(timer))]);
    expect(second).toEqual(first);
    expect(await ofType('twice-1', 'OrderCancelled')).toHaveLength(1);
    // A third attempt, as after a crash between the append and the record, appends nothing either.
    expect(await a.bus.execute(timeoutCommand(timer))).toEqual(first);
    expect(await events('twice-1')).toHaveLength(2);
  });

  it('records a refusal by the domain (the order was paid after the timer was read) and does not retry it', async () => {
    travel('2026-06-01T09:00:00Z');
    await a.send(place('paid-late'));
    await a.send({ type: 'ConfirmPayment', orderId: 'paid-late', transactionId: 't', amount: TOTAL });
    travel('2026-06-02T09:00:01Z');
    await a.scheduler.runOnce();
    // The read model as a scheduler saw it just before the payment landed: the timer still running.
    const staleId = 'paid-late:payment:paid-late@0';
    await a.pool.query(`UPDATE sla_timers.timers SET stopped_at = NULL, state = 'running' WHERE timer_id = $1`, [staleId]);
    expect(await a.scheduler.runOnce()).toEqual({ acted: 0, refused: 1 });
    expect(await actionOf(staleId)).toEqual({ outcome: 'refused', code: 'invalid_state_transition', revision: null });
    expect(await a.scheduler.runOnce()).toEqual({ acted: 0, refused: 0 });
    expect(await ofType('paid-late', 'OrderCancelled')).toEqual([]);
  });

  it('an unavailable store is not recorded: the next pass acts', async () => {
    travel('2026-07-01T09:00:00Z');
    await a.send(place('store-down'));
    travel('2026-07-02T09:00:01Z');
    const checkpoints = a.context.get(ProjectionCheckpoints);
    const down = new SlaScheduler({
      pool: a.pool, store: a.store, clock: a.clock,
      commandBus: { execute: async () => { throw new EventStoreUnavailableError('connection refused'); } },
      waitForProjection: (position, timeoutMs) => checkpoints.waitFor(SLA_TIMERS, position, timeoutMs),
    });
    expect(await down.runOnce()).toEqual({ acted: 0, refused: 0 });
    expect(await actionOf('store-down:payment:store-down@0')).toBeUndefined();
    expect(await a.scheduler.runOnce()).toEqual({ acted: 1, refused: 0 });
    expect(await ofType('store-down', 'OrderCancelled')).toHaveLength(1);
  });

  it('the periodic tick stands by while another process is in its pass', async () => {
    const holder = await a.pool.connect();
    try {
      await holder.query("SELECT pg_advisory_lock(hashtextextended('sla-scheduler', 0))");
      expect(await b.scheduler.scheduler.tick()).toBeNull();
    } finally {
      await holder.query("SELECT pg_advisory_unlock(hashtextextended('sla-scheduler', 0))");
      holder.release();
    }
    expect(await b.scheduler.scheduler.tick()).toEqual({ acted: 0, refused: 0 });
  });
});
