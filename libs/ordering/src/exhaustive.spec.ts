/**
 * decide and evolve dispatch through tables typed over every command and event type, and each
 * event type is declared once (its area's catalogue). The `@ts-expect-error` lines are the proof
 * that matters: if a table missing a type were ever accepted, `npm run typecheck` would fail on
 * the unused directive.
 */
import type { OrderCommandType } from './commands';
import { decide, ORDER_DECISIONS } from './decide';
import { orderDecider } from './decider';
import { eventType, mergeCatalogues } from './event-type';
import { ORDER_EVENT_CATALOGUE, ORDER_EVENT_TYPES, schemaVersionOf } from './events';
import type { OrderEventType } from './events';
import { evolve, ORDER_EVOLVERS } from './evolve';
import type { DecideHandlers, EvolveHandlers } from './handlers';
import { DEFAULT_POLICY } from './policy';
import { ORDER_LIMITS } from './limits';
import { initialOrderState } from './state';
import { stateOf } from './testing/decider-spec';
import { ORDER_ID, paidOrder } from './testing/fixtures';
import type { OrderCommand } from './commands';
import type { OrderEvent } from './events';

describe('evolve handles every event type, and only those', () => {
  it('does not compile with a handler missing', () => {
    const { ComplaintResolved: _left, ...withoutOne } = ORDER_EVOLVERS;
    // @ts-expect-error ComplaintResolved has no handler
    const incomplete: EvolveHandlers<OrderEventType> = withoutOne;
    expect(Object.keys(incomplete)).toHaveLength(ORDER_EVENT_TYPES.length - 1);
  });

  it('has one handler per declared event type', () => {
    expect(Object.keys(ORDER_EVOLVERS).sort()).toEqual([...ORDER_EVENT_TYPES].sort());
  });

  it('throws on an event type unknown at runtime', () => {
    const event = { type: 'OrderTeleported', data: {} } as unknown as OrderEvent;
    expect(() => evolve(initialOrderState, event, { occurredAt: '2026-03-02T09:00:00.000Z', revision: 0 }))
      .toThrow("Unknown order event type 'OrderTeleported'");
  });
});

describe('decide handles every command type, and only those', () => {
  it('does not compile with a decision missing', () => {
    const { IssueRefund: _left, ...withoutOne } = ORDER_DECISIONS;
    // @ts-expect-error IssueRefund has no decision
    const incomplete: DecideHandlers<OrderCommandType> = withoutOne;
    expect(Object.keys(incomplete)).toHaveLength(Object.keys(ORDER_DECISIONS).length - 1);
  });

  it('throws on a command type unknown at runtime', () => {
    const command = { type: 'TeleportOrder', orderId: ORDER_ID } as unknown as OrderCommand;
    expect(() => decide(command, stateOf(...paidOrder()), { now: new Date('2026-03-09T00:00:00Z'), policy: DEFAULT_POLICY }))
      .toThrow('Unknown command TeleportOrder');
  });
});

describe('the event catalogue (one declaration per event type)', () => {
  it('lists every type once, in the order of the areas (placing, shipping, returns, refunds, complaints, changes)', () => {
    expect(ORDER_EVENT_TYPES).toEqual([
      'OrderPlaced', 'PaymentConfirmed', 'PaymentFailed', 'OrderCancelled', 'ShipmentDispatched',
      'ItemDelivered', 'ItemDeliveryFailed', 'ReplacementShipped', 'ReceiptConfirmed',
      'ReturnRequested', 'ReturnApproved', 'ReturnRejected', 'ReturnDispatched', 'ReturnReceived', 'RepairCompleted',
      'ExchangePriced',
      'RefundIssued', 'ComplaintOpened', 'ComplaintResponded', 'ComplaintResolved', 'ComplaintFeedbackGiven', 'ComplaintReopened', 'LineCancelled', 'OrderEdited', 'LineRestored',
    ]);
  });

  it('gives each type its schema version (all at 1 today)', () => {
    for (const type of ORDER_EVENT_TYPES) expect(schemaVersionOf(type)).toBe(ORDER_EVENT_CATALOGUE[type].schemaVersion);
    expect(new Set(ORDER_EVENT_TYPES.map(schemaVersionOf))).toEqual(new Set([1]));
  });

  it('refuses an event type declared by two areas', () => {
    const a = { Shared: eventType<{ x: number }>({ schemaVersion: 1 }) };
    const b = { Shared: eventType<{ x: number }>({ schemaVersion: 2 }) };
    expect(() => mergeCatalogues(a, b)).toThrow('Order event type Shared is declared twice');
  });
});

describe('orderDecider', () => {
  it('is decide, evolve and the initial state', () => {
    expect(orderDecider).toEqual({ decide, evolve, initialState: initialOrderState });
  });
});

describe('the events-per-order limit', () => {
  it('refuses any command that would take an order past ORDER_LIMITS.eventsPerOrder events, whatever its type', () => {
    const state = { ...stateOf(...paidOrder()), revision: ORDER_LIMITS.eventsPerOrder - 2 };
    const open = (complaintId: string): OrderCommand => ({ type: 'OpenComplaint', orderId: 'o-1', complaintId, category: 'other', message: 'm' });
    const ctx = { now: new Date('2026-03-03T09:00:00Z'), policy: DEFAULT_POLICY };
    expect(orderDecider.decide(open('k-1'), state, ctx)).toHaveLength(1);
    const full = { ...state, revision: ORDER_LIMITS.eventsPerOrder - 1 };
    expect(() => orderDecider.decide(open('k-1'), full, ctx)).toThrow(expect.objectContaining({ code: 'order_event_limit_reached' }));
  });
});
