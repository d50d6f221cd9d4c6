/** Warranty after the return window, and the repair flow (docs/domain-rules.md "Warranty and repair"). */
import type { OrderCommand } from '../commands';
import type { ReturnReason, ReturnResolution } from '../events';
import { BusinessCalendar } from '../business-calendar';
import { DEFAULT_POLICY } from '../policy';
import { at, given, stateOf } from '../testing/decider-spec';
import {
  ORDER_ID, customOrder, delivered, deliveredOrder, dispatched, paid, returnApproved, returnDispatched, returnReceived, returnRequested, shippedOrder,
} from '../testing/fixtures';
import type { OrderEvent } from '../events';
import { runTimers } from '../sla/testing/timer-ledger';

const request = (reason: ReturnReason, resolution: ReturnResolution): OrderCommand =>
  ({ type: 'RequestReturn', orderId: ORDER_ID, returnId: 'r-1', lines: [{ lineId: '1', quantity: 1 }], reason, resolution });
const requested = (reason: ReturnReason, resolution: ReturnResolution) => returnRequested('r-1', [{ lineId: '1', quantity: 1 }], reason, resolution);
const completeRepair = (shipmentId = 's-rep'): OrderCommand =>
  ({ type: 'CompleteRepair', orderId: ORDER_ID, returnId: 'r-1', shipmentId, carrier: 'DHL', trackingNumber: 'TRK-rep' });
const repairCompleted = (shipmentId = 's-rep'): OrderEvent =>
  ({ type: 'RepairCompleted', data: { returnId: 'r-1', shipmentId, carrier: 'DHL', trackingNumber: 'TRK-rep' } });

/**
 * Delivered Friday 20 March 2026 10:00 in Paris (CET, 09:00Z). The 14-day window ends Friday
 * 3 April 10:00 Paris, after the change to summer time: 08:00Z. The 365-day warranty ends
 * Saturday 20 March 2027 10:00 Paris (CET again): 09:00Z.
 */
const paris = new BusinessCalendar({ timeZone: 'Europe/Paris' });
const deliveredInParis = () => [...shippedOrder(), at('2026-03-20T09:00:00Z', delivered('1', '2026-03-20T09:00:00Z'))];
const inParis = (now: string) => ({ now, calendar: paris });

describe('warranty after the return window (physical: 365 days)', () => {
  it('day 14 (the window\'s last instant): a defective item may still be refunded', () => {
    given(...deliveredInParis()).when(request('defective', 'refund'), inParis('2026-04-03T08:00:00Z')).then([requested('defective', 'refund')]);
  });

  it('just past the window: repaired or exchanged under warranty, never refunded (warranty_no_refund)', () => {
    const now = inParis('2026-04-03T08:00:01Z');
    given(...deliveredInParis()).when(request('defective', 'refund'), now).thenError('warranty_no_refund');
    given(...deliveredInParis()).when(request('defective', 'repair'), now).then([requested('defective', 'repair')]);
    given(...deliveredInParis()).when(request('defective', 'exchange'), now).then([requested('defective', 'exchange')]);
  });

  it('day 15: still the warranty\'s; other reasons than defective stay closed (return_window_closed)', () => {
    const now = inParis('2026-04-04T08:00:00Z');
    given(...deliveredInParis()).when(request('defective', 'repair'), now).then([requested('defective', 'repair')]);
    given(...deliveredInParis()).when(request('defective', 'refund'), now).thenError('warranty_no_refund');
    given(...deliveredInParis()).when(request('wrong_item', 'exchange'), now).thenError('return_window_closed');
    given(...deliveredInParis()).when(request('not_as_described', 'repair'), now).thenError('return_window_closed');
  });

  it('counts the window in the business zone: the summer-time change moves its end to 08:00Z, not 09:00Z as in UTC', () => {
    const now = '2026-04-03T08:30:00Z';
    given(...deliveredInParis()).when(request('defective', 'refund'), inParis(now)).thenError('warranty_no_refund');
    given(...deliveredInParis()).when(request('defective', 'refund'), { now }).then([requested('defective', 'refund')]);
  });

  it('day 365 (the warranty\'s last instant) is covered; a second later, and day 366, warranty_expired', () => {
    given(...deliveredInParis()).when(request('defective', 'repair'), inParis('2027-03-20T09:00:00Z')).then([requested('defective', 'repair')]);
    given(...deliveredInParis()).when(request('defective', 'repair'), inParis('2027-03-20T09:00:01Z')).thenError('warranty_expired');
    given(...deliveredInParis()).when(request('defective', 'exchange'), inParis('2027-03-21T09:00:00Z')).thenError('warranty_expired');
    given(...deliveredInParis()).when(request('defective', 'refund'), inParis('2027-03-21T09:00:00Z')).thenError('warranty_expired');
  });

  it('digital and service items have no warranty: past the window it is closed', () => {
    const digital = customOrder({ lines: [{ lineId: '1', quantity: 1, unitPrice: 1000, category: 'digital' }] });
    const history = [at('2026-03-02T09:00:00Z', digital), paid(1000), dispatched('s-1', ['1']), at('2026-03-05T14:00:00Z', delivered('1', '2026-03-05T14:00:00Z'))];
    given(...history).when(request('defective', 'repair'), { now: '2026-03-19T14:00:00Z' }).then([requested('defective', 'repair')]);
    given(...history).when(request('defective', 'repair'), { now: '2026-03-19T14:00:01Z' }).thenError('return_window_closed');
  });

  it('follows the configured warranty', () => {
    const policy = { ...DEFAULT_POLICY, warrantyDays: { ...DEFAULT_POLICY.warrantyDays, physical: 30 } };
    given(...deliveredOrder()).when(request('defective', 'repair'), { now: '2026-04-04T14:00:00Z', policy }).then([requested('defective', 'repair')]);
    given(...deliveredOrder()).when(request('defective', 'repair'), { now: '2026-04-04T14:00:01Z', policy }).thenError('warranty_expired');
  });
});

describe('repair', () => {
  const received = () => [
    ...deliveredOrder(), requested('defective', 'repair'), returnApproved('r-1'), returnDispatched('r-1'),
    at('2026-03-10T10:00:00Z', returnReceived('r-1')),
  ];

  it('a passed repair is in progress; the repaired item goes back to the customer (RepairCompleted)', () => {
    expect(stateOf(...received()).returns[0].status).toBe('repair_in_progress');
    expect(stateOf(...received()).lines[0].status).toBe('repair_in_progress');
    given(...received()).when(completeRepair()).then([repairCompleted()]);
  });

  it('the line ships again and is delivered again by the carrier (MarkItemDelivered)', () => {
    const state = stateOf(...received(), repairCompleted());
    expect(state.returns[0]).toMatchObject({ status: 'repaired', replacementShipmentId: 's-rep' });
    expect(state.lines[0]).toMatchObject({ status: 'shipped', shipmentId: 's-rep', returnedQuantity: 0 });
    given(...received(), repairCompleted()).when({ type: 'MarkItemDelivered', orderId: ORDER_ID, lineId: '1' }).events();
    expect(stateOf(...received(), repairCompleted(), delivered('1', '2026-03-20T10:00:00Z')).lines[0].status).toBe('delivered');
  });

  it('a failed inspection closes it without repair', () => {
    const failed = [...deliveredOrder(), requested('defective', 'repair'), returnApproved('r-1'), returnDispatched('r-1'), returnReceived('r-1', 'failed')];
    expect(stateOf(...failed).returns[0].status).toBe('failed_inspection');
    given(...failed).when(completeRepair()).thenError('invalid_state_transition');
  });

  it('refuses to complete a repair not yet received, already completed, or of another resolution', () => {
    given(...deliveredOrder(), requested('defective', 'repair'), returnApproved('r-1')).when(completeRepair()).thenError('invalid_state_transition');
    given(...received(), repairCompleted()).when(completeRepair('s-rep-2')).thenError('invalid_state_transition');
    const exchange = [...deliveredOrder(), requested('defective', 'exchange'), returnApproved('r-1'), returnDispatched('r-1'), returnReceived('r-1')];
    given(...exchange).when(completeRepair()).thenError('invalid_state_transition');
    given(...deliveredOrder()).when(completeRepair()).thenError('return_not_found');
    given(...received()).when(completeRepair('s-1')).thenError('shipment_already_exists');
  });

  describe('repair timer', () => {
    it('starts on the receipt, due 15 business days later, and stops on RepairCompleted', () => {
      // Received Tuesday 10 March 10:00: 15 business days later is Tuesday 31 March 10:00.
      expect(runTimers(received()).one('repair')).toMatchObject({
        subjectId: 'r-1', startedAt: '2026-03-10T10:00:00.000Z', dueAt: '2026-03-31T10:00:00.000Z', duration: '15 business days', state: 'running',
      });
      const ledger = runTimers([...received(), at('2026-03-31T10:00:00Z', repairCompleted())]);
      expect(ledger.one('repair')).toMatchObject({ state: 'met', stoppedAt: '2026-03-31T10:00:00.000Z' });
      expect(runTimers([...received(), at('2026-03-31T10:00:01Z', repairCompleted())]).one('repair').state).toBe('late');
    });

    it('no refund timer for a repair; a new delivery timer, then a new receipt timer, for the parcel going back', () => {
      const ledger = runTimers([...received(), at('2026-03-12T10:00:00Z', repairCompleted()), at('2026-03-13T10:00:00Z', delivered('1', '2026-03-13T10:00:00Z'))]);
      expect(ledger.of('refund')).toEqual([]);
      expect(ledger.one('delivery', 's-rep')).toMatchObject({ state: 'met' });
      expect(ledger.of('receipt', '1').map((t) => t.state)).toEqual(['met', 'running']); // the first stopped by the return request
    });

    it('a failed inspection starts no repair timer', () => {
      const failed = [...deliveredOrder(), requested('defective', 'repair'), returnApproved('r-1'), returnDispatched('r-1'), returnReceived('r-1', 'failed')];
      expect(runTimers(failed).of('repair')).toEqual([]);
    });
  });
});
