/**
 * The sla-timers projection on a real PostgreSQL: every kind of timer starts, stops, is
 * cancelled, met or late as the pure rules say, whatever the batch boundaries; overdue is
 * derived at the read; replays change nothing; a rebuild keeps the deadlines already set.
 */
import { BusinessCalendar, DEFAULT_POLICY, UTC_CALENDAR } from '@app/ordering';
import { createSlaTimersProjection, SLA_TIMERS_LIVE_SCHEMA } from '@app/projections/sla-timers';
import { listSlaTimers } from '@app/api/sla/sla-timer-list.query';
import { at } from '../../libs/ordering/src/testing/decider-spec';
import {
  cancelled, complaintOpened, complaintResolved, complaintResponded, delivered, deliveryFailed, dispatched, paid, placed,
  receiptConfirmed, refundIssued, replacementShipped, returnApproved, returnDispatched, returnReceived, returnRejected,
  returnRequested, T,
} from '../../libs/ordering/src/testing/fixtures';
import { runTimers, type LedgerTimer } from '../../libs/ordering/src/sla/testing/timer-ledger';
import { batches, interleave, recordedOf, type Story } from './support/recorded-orders';
import { createSlaDb, type SlaDb, type TimerRowView } from './support/sla-db';

const projection = createSlaTimersProjection({ policy: DEFAULT_POLICY, calendar: UTC_CALENDAR });
const LIVE = SLA_TIMERS_LIVE_SCHEMA;

/** The standard fixtures' order under another id. */
const story = (orderId: string, rest: Story['history'] = []): Story => ({
  orderId, history: [at(T.placed, placed({ orderId })), ...rest],
});
const paidAnd = (...rest: Story['history']) => [at(T.paid, paid()), ...rest];
const shippedAnd = (...rest: Story['history']) => paidAnd(at(T.dispatched, dispatched('s-1', ['1', '2'])), ...rest);
const deliveredAnd = (...rest: Story['history']) =>
  shippedAnd(at(T.delivered, delivered('1', T.delivered)), at(T.delivered, delivered('2', T.delivered)), ...rest);

const STORIES: Story[] = [
  story('unpaid'),
  story('timed-out', [at('2026-03-03T09:00:02Z', cancelled('payment_timeout', 'system'))]),
  story('paid-then-cancelled', paidAnd(at('2026-03-06T16:00:00Z', cancelled()))),
  story('shipped-late', paidAnd(at('2026-03-03T10:00:00Z', dispatched('s-1', ['1'])), at('2026-03-10T10:00:00Z', dispatched('s-2', ['2'])))),
  story('receipts', deliveredAnd(
    at('2026-03-06T09:00:00Z', receiptConfirmed(['1'])),
    at('2026-03-06T10:00:00Z', returnRequested('r-1', [{ lineId: '2', quantity: 1 }])),
    // Rejected in the same batch as the request when batches are large: stop and restart of one subject.
    at('2026-03-20T10:00:00Z', returnRejected('r-1')),
  )),
  story('return-refund', deliveredAnd(
    at('2026-03-06T09:00:00Z', returnRequested('r-1', [{ lineId: '1', quantity: 1 }])),
    at('2026-03-10T09:00:01Z', returnApproved('r-1')),
    at('2026-03-11T10:00:00Z', returnDispatched('r-1', 695)),
    at('2026-03-12T15:00:00Z', returnReceived('r-1')),
    at('2026-03-13T10:00:00Z', refundIssued({ refundId: 'gw', reason: 'goodwill', goods: 9000, processingFee: 108 })),
  )),
  story('failed-delivery', shippedAnd(
    at('2026-03-06T11:00:00Z', deliveryFailed('2')),
    at('2026-03-09T11:00:00Z', replacementShipped('s-2', ['2'])),
    at('2026-03-12T11:00:00Z', deliveryFailed('2', 'damaged')),
    at('2026-03-17T11:00:00Z', refundIssued({ refundId: 'rf', reason: 'delivery_failed', lines: [{ lineId: '2', quantity: 1 }], goods: 2500, processingFee: 30 })),
  )),
  story('complaints', paidAnd(
    at('2026-03-02T12:00:00Z', complaintOpened('c-1')),
    at('2026-03-02T13:00:00Z', complaintOpened('c-2')),
    at('2026-03-03T13:00:00Z', complaintResponded('c-1')),
    at('2026-03-03T10:00:00Z', complaintResolved('c-2')),
  )),
];

/** What the pure rules say each order's timers are, in the database's shape. */
function expectedRows(stories: readonly Story[]): TimerRowView[] {
  return stories.flatMap((s) => runTimers(s.history).timers.map((t) => toRow(s.orderId, t)))
    .sort((a, b) => a.timerId.localeCompare(b.timerId));
}

function toRow(orderId: string, t: LedgerTimer): TimerRowView {
  return {
    timerId: t.timerId, orderId, kind: t.kind, subjectId: t.subjectId, startedAt: t.startedAt, dueAt: t.dueAt,
    stoppedAt: t.stoppedAt ?? null, state: t.state, duration: t.duration, currency: t.currency,
    refundPreview: t.refundPreview as Record<string, unknown> | null,
  };
}

const sorted = (rows: TimerRowView[]) => [...rows].sort((a, b) => a.timerId.localeCompare(b.timerId));

describe('sla-timers projection (PostgreSQL)', () => {
  let t: SlaDb;
  const events = interleave(STORIES);

  beforeAll(async () => {
    t = await createSlaDb('sla_projection');
  });
  afterAll(() => t.close());

  it.each([[1, 'one event'], [7, 'seven events'], [events.length, 'the whole log']])(
    'batches of %i (%s) give exactly the timers the rules give', async (size) => {
      const schema = `sla_b${size}`;
      await t.createSchema(schema, projection);
      for (const batch of batches(events, size)) await t.apply(projection, schema, batch);
      expect(sorted(await t.timers(schema))).toEqual(expectedRows(STORIES));
    },
  );

  it('covers every kind and every stored state in these stories', async () => {
    const rows = await t.timers(`sla_b${events.length}`);
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['payment', 'shipment', 'delivery', 'receipt', 'return_review', 'refund', 'complaint_response', 'follow_up']));
    expect(new Set(rows.map((r) => r.state))).toEqual(new Set(['running', 'met', 'late', 'cancelled']));
  });

  it('stores what finance reads: currency, duration and the refund a running refund timer would be', async () => {
    const rows = await t.timers(`sla_b${events.length}`, 'return-refund');
    expect(rows.find((r) => r.kind === 'refund')).toMatchObject({
      subjectId: 'return:r-1', state: 'running', currency: 'EUR', duration: '7 business days',
      // The goodwill refund issued after the return was received left 3498 of goods refundable.
      refundPreview: { reason: 'return', goods: 3498, shipping: 0, returnShipping: 695, processingFee: 42, feeRetained: 0, total: 3498 + 695 + 42 },
    });
    expect(rows.find((r) => r.kind === 'payment')).toMatchObject({ refundPreview: null, duration: '24 hours' });
  });

  it('replaying batches, whole or overlapping, changes nothing', async () => {
    const schema = 'sla_replay';
    await t.createSchema(schema, projection);
    await t.apply(projection, schema, events.slice(0, 20));
    await t.apply(projection, schema, events.slice(0, 20));
    await t.apply(projection, schema, events.slice(10, 40));
    await t.apply(projection, schema, events);
    await t.apply(projection, schema, events.slice(5));
    expect(sorted(await t.timers(schema))).toEqual(expectedRows(STORIES));
  });

  it('a batch rolled back after writing its states is applied again from the stored states, not the process\'s copy', async () => {
    const schema = 'sla_rolled_back';
    await t.createSchema(schema, projection);
    const parts = batches(events, 9);
    await t.apply(projection, schema, parts[0]);
    for (const part of parts.slice(1)) {
      // The batch runs to its end (states and timers written, the copy kept), then rolls back.
      const client = await t.pool.connect();
      try {
        await client.query('BEGIN');
        await projection.apply(client, schema, part);
      } finally {
        await client.query('ROLLBACK');
        client.release();
      }
      await t.apply(projection, schema, part);
    }
    expect(sorted(await t.timers(schema))).toEqual(expectedRows(STORIES));
  });

  it('two instances taking turns on the same tables (a failover and back) give the same timers', async () => {
    const schema = 'sla_turns';
    await t.createSchema(schema, projection);
    const other = createSlaTimersProjection({ policy: DEFAULT_POLICY, calendar: UTC_CALENDAR });
    // Each instance keeps a copy of the states it wrote; the other one moves the table past it.
    const turns = [projection, other, other, projection, projection, other];
    for (const [i, part] of batches(events, 5).entries()) await t.apply(turns[i % turns.length], schema, part);
    expect(sorted(await t.timers(schema))).toEqual(expectedRows(STORIES));
  });

  it('stops a timer started in an earlier batch and restarts its subject in the same batch', async () => {
    const schema = 'sla_restart';
    await t.createSchema(schema, projection);
    const receipts = STORIES.find((s) => s.orderId === 'receipts') as Story;
    const recorded = recordedOf('receipts', receipts.history);
    await t.apply(projection, schema, recorded.slice(0, 5)); // up to both deliveries
    await t.apply(projection, schema, recorded.slice(5)); // confirm 1; request and reject a return of 2
    const line2 = (await t.timers(schema)).filter((r) => r.kind === 'receipt' && r.subjectId === '2');
    expect(line2.map((r) => [r.state, r.stoppedAt])).toEqual([['met', '2026-03-06T10:00:00.000Z'], ['running', null]]);
  });

  it('ignores other streams, and stops on a gap in an order\'s revisions without writing anything', async () => {
    const schema = 'sla_gaps';
    await t.createSchema(schema, projection);
    const [first, , third] = recordedOf('gappy', story('gappy', paidAnd(at(T.dispatched, dispatched('s-1', ['1', '2'])))).history);
    const other = { ...first, streamId: 'customer-1', type: 'CustomerRegistered', data: {} };
    await t.apply(projection, schema, [other, first]);
    expect((await t.timers(schema)).map((r) => r.kind)).toEqual(['payment']);
    await expect(t.apply(projection, schema, [third])).rejects.toThrow(/revision 0 but the next event read is revision 2/);
    expect((await t.timers(schema)).map((r) => [r.kind, r.state])).toEqual([['payment', 'running']]);
  });

  it('derives overdue at the read from the clock it is given: running before the due time, overdue from it on', async () => {
    await t.createSchema(LIVE, projection);
    await t.apply(projection, LIVE, recordedOf('live-1', story('live-1').history));
    const read = (now: string, state?: 'running' | 'overdue') => listSlaTimers(t.pool, { orderId: 'live-1', state, limit: 10, now: new Date(now) });
    const before = await read('2026-03-03T08:59:59.999Z');
    expect(before.items).toEqual([expect.objectContaining({ kind: 'payment', state: 'running', dueAt: '2026-03-03T09:00:00.000Z' })]);
    expect(before.items[0]).not.toHaveProperty('stoppedAt');
    expect((await read('2026-03-03T09:00:00.000Z')).items[0].state).toBe('overdue');
    expect((await read('2026-03-03T09:00:00.000Z', 'running')).items).toEqual([]);
    expect((await read('2026-03-03T09:00:00.000Z', 'overdue')).items).toHaveLength(1);
  });

  it('a rebuild under a changed policy keeps the deadlines the live model set; timers started since follow the new policy', async () => {
    const longer = createSlaTimersProjection({ policy: { ...DEFAULT_POLICY, paymentTimeoutHours: 48 }, calendar: UTC_CALENDAR });
    const older = recordedOf('kept', story('kept').history);
    await t.apply(projection, LIVE, older); // live model: 24 hours
    const newer = recordedOf('fresh', story('fresh').history); // started after the policy change
    await t.apply(longer, LIVE, newer);
    await t.createSchema('sla_timers__rebuild', longer);
    await t.apply(longer, 'sla_timers__rebuild', [...older, ...newer]);
    const rebuilt = await t.timers('sla_timers__rebuild');
    expect(rebuilt.find((r) => r.orderId === 'kept')).toMatchObject({ dueAt: '2026-03-03T09:00:00.000Z', duration: '24 hours' });
    expect(rebuilt.find((r) => r.orderId === 'fresh')).toMatchObject({ dueAt: '2026-03-04T09:00:00.000Z', duration: '48 hours' });
  });

  it('counts business days in the configured zone and holidays', async () => {
    const paris = createSlaTimersProjection({ policy: DEFAULT_POLICY, calendar: new BusinessCalendar({ timeZone: 'Europe/Paris', holidays: ['2026-03-30'] }) });
    await t.createSchema('sla_paris', paris);
    // Failed on Friday 27 March 17:30 Paris; Monday 30 is a holiday; clocks change on the 29th.
    await t.apply(paris, 'sla_paris', recordedOf('paris', story('paris', shippedAnd(at('2026-03-27T16:30:00Z', deliveryFailed('2')))).history));
    const refund = (await t.timers('sla_paris')).find((r) => r.kind === 'refund');
    expect(refund).toMatchObject({ dueAt: '2026-04-02T15:30:00.000Z', duration: '3 business days' });
  });
});
