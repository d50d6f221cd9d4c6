import type { RecordedEvent } from '@app/event-store';
import { financeRows, occurredAt } from './finance-rows';

const recorded = (streamId: string, type: string, data: Record<string, unknown>, metadata: Record<string, unknown> = {}): RecordedEvent => ({
  eventId: `e-${type}`, streamId, type, revision: 0, position: '1', recordedAt: new Date('2026-05-05T05:05:05.005Z'), data, metadata,
});

const placed = {
  orderId: 'o-1', customer: { id: 'c', registered: true }, channel: 'web', currency: 'JPY',
  lines: [], shippingFee: 0, payment: { method: 'gpay', processingFee: 0 }, goodsTotal: 0, total: 0,
};
const refund = {
  refundId: 'rf-1', reason: 'goodwill', lines: [], destination: 'wallet', method: 'gpay',
  goods: 10, shipping: 0, returnShipping: 0, processingFee: 0, feeRetained: 1, total: 10,
};

describe('financeRows', () => {
  it('keeps an order row from OrderPlaced and a ledger row from RefundIssued, ignoring every other event', () => {
    const rows = financeRows([
      recorded('order-o-1', 'OrderPlaced', placed, { schemaVersion: 1 }),
      recorded('order-o-1', 'PaymentConfirmed', { transactionId: 't', amount: 0 }),
      recorded('order-o-1', 'RefundIssued', refund, { occurredAt: '2026-05-01T23:00:00-02:00' }),
    ]);
    expect(rows.orders).toEqual([{ order_id: 'o-1', currency: 'JPY', method: 'gpay' }]);
    expect(rows.refunds).toEqual([{
      event_id: 'e-RefundIssued', order_id: 'o-1', refund_id: 'rf-1', issued_at: '2026-05-02T01:00:00.000Z', reason: 'goodwill',
      method: 'gpay', destination: 'wallet', goods: 10, shipping: 0, return_shipping: 0, processing_fee: 0, fee_retained: 1, total: 10,
    }]);
  });

  it('takes the order id from the stream, and refuses a refund outside an order stream', () => {
    expect(financeRows([recorded('order-abc.1', 'RefundIssued', refund)]).refunds[0].order_id).toBe('abc.1');
    expect(() => financeRows([recorded('customer-c', 'RefundIssued', refund)])).toThrow(/not an order stream/);
  });

  it('refuses an event of a schema version it cannot read rather than guess', () => {
    expect(() => financeRows([recorded('order-o-1', 'RefundIssued', refund, { schemaVersion: 99 })])).toThrow(/schema version 99/);
  });

  it('dates an event by its business time, else by when it was recorded', () => {
    expect(occurredAt(recorded('order-o', 'X', {}, { occurredAt: '2026-01-01T00:00:00.000Z' }))).toBe('2026-01-01T00:00:00.000Z');
    expect(occurredAt(recorded('order-o', 'X', {}, { occurredAt: 'garbage' }))).toBe('2026-05-05T05:05:05.005Z');
    expect(occurredAt(recorded('order-o', 'X', {}))).toBe('2026-05-05T05:05:05.005Z');
  });
});
