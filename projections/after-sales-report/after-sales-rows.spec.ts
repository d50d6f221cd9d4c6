import type { RecordedEvent } from '@app/event-store';
import { BusinessCalendar } from '@app/ordering';
import { categoryOf, foldOrderEvents, type OrderStart } from './after-sales-rows';

const calendar = new BusinessCalendar();
let revision = 0;
const event = (type: string, data: Record<string, unknown>, occurredAt: string): RecordedEvent => ({
  eventId: `e-${revision}`, streamId: 'order-o-1', type, revision: revision++, position: String(revision), recordedAt: new Date(occurredAt),
  data, metadata: { occurredAt, schemaVersion: 1 },
});
const line = (lineId: string, category: string) => ({ lineId, sku: lineId, name: lineId, quantity: 1, unitPrice: 100, category });
const empty: OrderStart = { order: undefined, openResponses: [], returns: [] };

describe('after-sales rows', () => {
  beforeEach(() => {
    revision = 0;
  });

  const placed = () => event('OrderPlaced', { orderId: 'o-1', lines: [line('1', 'physical'), line('2', 'custom')] }, '2026-03-02T08:00:00.000Z');

  it('gives what concerns lines of one category that category, else mixed', () => {
    const lines = { 1: 'physical', 2: 'custom', 3: 'physical' };
    expect(categoryOf(lines, ['1', '3'])).toBe('physical');
    expect(categoryOf(lines, ['1', '2'])).toBe('mixed');
    expect(() => categoryOf(lines, ['9'])).toThrow(/unknown/);
  });

  it('opens a response window per opening and reopening, closed by the first answer only', () => {
    const events = [
      placed(),
      event('ComplaintOpened', { complaintId: 'k', category: 'quality', message: 'm' }, '2026-03-02T10:00:00.000Z'),
      event('ComplaintResponded', { complaintId: 'k', message: 'm' }, '2026-03-02T12:00:00.000Z'),
      event('ComplaintResponded', { complaintId: 'k', message: 'again' }, '2026-03-02T13:00:00.000Z'),
      event('ComplaintResolved', { complaintId: 'k', resolution: 'r' }, '2026-03-02T14:00:00.000Z'),
      event('ComplaintFeedbackGiven', { complaintId: 'k', satisfied: false }, '2026-03-06T22:00:00.000Z'),
      event('ComplaintReopened', { complaintId: 'k' }, '2026-03-06T22:00:00.000Z'),
      event('ComplaintResolved', { complaintId: 'k', resolution: 'r2' }, '2026-03-09T01:00:00.000Z'),
    ];
    const writes = foldOrderEvents('o-1', empty, events, calendar);
    expect(writes.order).toEqual({ order_id: 'o-1', revision: 7, lines: { 1: 'physical', 2: 'custom' } });
    expect(writes.responses).toEqual([
      expect.objectContaining({ timer_id: 'o-1:complaint_response:k@1', category: 'mixed', responded_at: '2026-03-02T12:00:00.000Z', business_ms: 2 * 3_600_000 }),
      // Friday 22:00 to Monday 01:00: 2 h of Friday and 1 h of Monday.
      expect.objectContaining({ timer_id: 'o-1:complaint_response:k@6', responded_at: '2026-03-09T01:00:00.000Z', business_ms: 3 * 3_600_000 }),
    ]);
    expect(writes.complaintEvents.map((e) => [e.kind, e.satisfied])).toEqual([
      ['opened', null], ['resolved', null], ['feedback', false], ['reopened', null], ['resolved', null],
    ]);
  });

  it('skips what an earlier batch applied and continues from the stored rows', () => {
    const all = [
      placed(),
      event('ReturnRequested', { returnId: 'r', lines: [{ lineId: '2', quantity: 1 }], reason: 'defective', resolution: 'repair', merchantFault: true }, '2026-03-03T09:00:00.000Z'),
      event('ReturnReceived', { returnId: 'r', inspection: 'passed' }, '2026-03-04T09:00:00.000Z'),
      event('RepairCompleted', { returnId: 'r', shipmentId: 's', carrier: 'c', trackingNumber: 't' }, '2026-03-09T09:00:00.000Z'),
    ];
    const first = foldOrderEvents('o-1', empty, all.slice(0, 3), calendar);
    expect(first.returns).toEqual([expect.objectContaining({ category: 'custom', received_at: '2026-03-04T09:00:00.000Z', repaired_at: null })]);
    // The same batch again, and the next one: only the RepairCompleted is new.
    const next = foldOrderEvents('o-1', { order: first.order, openResponses: [], returns: first.returns }, all, calendar);
    expect(next.order?.revision).toBe(3);
    expect(next.returns).toEqual([expect.objectContaining({ return_id: 'r', repaired_at: '2026-03-09T09:00:00.000Z', repair_business_days: 3 })]);
    const replayed = foldOrderEvents('o-1', { order: next.order, openResponses: [], returns: [] }, all, calendar);
    expect(replayed).toEqual({ order: undefined, complaintEvents: [], responses: [], returns: [] });
  });

  it('knows the products an exchange offers, so a later return of one finds its category', () => {
    const events = [
      placed(),
      event('ReturnRequested', { returnId: 'r1', lines: [{ lineId: '1', quantity: 1 }], reason: 'defective', resolution: 'exchange', exchangeFor: [line('x1', 'custom')] }, '2026-03-02T10:00:00.000Z'),
      event('ReturnRequested', { returnId: 'r2', lines: [{ lineId: 'x1', quantity: 1 }], reason: 'changed_mind', resolution: 'refund' }, '2026-03-20T10:00:00.000Z'),
    ];
    const writes = foldOrderEvents('o-1', empty, events, calendar);
    expect(writes.order?.lines).toEqual({ 1: 'physical', 2: 'custom', x1: 'custom' });
    expect(writes.returns.map((r) => [r.return_id, r.category])).toEqual([['r1', 'physical'], ['r2', 'custom']]);
  });

  it('stops on an after-sales event of an order it never saw placed', () => {
    revision = 4;
    const orphan = [event('ComplaintOpened', { complaintId: 'k', category: 'other', message: 'm' }, '2026-03-02T10:00:00.000Z')];
    expect(() => foldOrderEvents('o-1', empty, orphan, calendar)).toThrow(/before its OrderPlaced/);
  });
});
