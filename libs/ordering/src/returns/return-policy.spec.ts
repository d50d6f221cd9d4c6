import { BusinessCalendar } from '../business-calendar';
import type { Category, ReturnReason } from '../events';
import { DEFAULT_POLICY } from '../policy';
import { isMerchantFault, isReturnable, isWithinReturnWindow, returnDeadline } from './return-policy';

const REASONS: ReturnReason[] = ['no_reason', 'defective', 'damaged_in_transit', 'wrong_item', 'not_as_described'];

describe('return policy', () => {
  it.each<[Category, ReturnReason[]]>([
    ['physical', REASONS],
    ['digital', ['defective', 'wrong_item', 'not_as_described']],
    ['custom', ['defective', 'wrong_item', 'not_as_described']],
    ['service', []],
  ])('%s lines are returnable for %j', (category, allowed) => {
    expect(REASONS.filter((r) => isReturnable(category, r))).toEqual(allowed);
  });

  it('every reason but no_reason is the merchant\'s fault', () => {
    expect(REASONS.filter(isMerchantFault)).toEqual(['defective', 'damaged_in_transit', 'wrong_item', 'not_as_described']);
  });

  it('windows: 7 calendar days for no_reason, 14 for the others, the deadline itself included', () => {
    const utc = new BusinessCalendar();
    const deliveredAt = new Date('2026-03-05T14:00:00Z');
    expect(returnDeadline(deliveredAt, 'no_reason', DEFAULT_POLICY, utc).toISOString()).toBe('2026-03-12T14:00:00.000Z');
    expect(returnDeadline(deliveredAt, 'wrong_item', DEFAULT_POLICY, utc).toISOString()).toBe('2026-03-19T14:00:00.000Z');
    expect(isWithinReturnWindow(deliveredAt, 'no_reason', new Date('2026-03-12T14:00:00Z'), DEFAULT_POLICY, utc)).toBe(true);
    expect(isWithinReturnWindow(deliveredAt, 'no_reason', new Date('2026-03-12T14:00:00.001Z'), DEFAULT_POLICY, utc)).toBe(false);
  });

  it('the default policy has the documented values', () => {
    expect(DEFAULT_POLICY).toMatchObject({
      returnWindowDays: { no_reason: 7, defective: 14, damaged_in_transit: 14, wrong_item: 14, not_as_described: 14 },
      receiptAutoConfirmDays: 7, paymentTimeoutHours: 24, shipmentBusinessDays: 5, deliveryDays: 15, returnReviewBusinessDays: 2,
      refundAfterReturnBusinessDays: 7, refundAfterCancellationOrFailureBusinessDays: 3, complaintResponseHours: 24,
    });
    expect(typeof DEFAULT_POLICY.version).toBe('string');
  });
});
