import type { OrderCommand } from '@app/ordering';
import { placeOrderCommand } from '../../../ordering/src/testing/fixtures';
import { contextFor } from '../testing/histories';
import { decidesUnread } from './load';

const pay: OrderCommand = { type: 'ConfirmPayment', orderId: 'o-1', transactionId: 't-1', amount: 100 };

describe('the PlaceOrder shortcut (decidesUnread)', () => {
  it('decides a PlaceOrder without key or If-Match unread, on its first attempt only', () => {
    expect(decidesUnread(placeOrderCommand(), contextFor(), 1)).toBe(true);
    expect(decidesUnread(placeOrderCommand(), contextFor(), 2)).toBe(false);
  });

  it('reads the stream first with an Idempotency-Key (only the history tells a retry from a reuse), with If-Match, and for every other command', () => {
    expect(decidesUnread(placeOrderCommand(), contextFor({ idempotencyKey: 'k-1' }), 1)).toBe(false);
    expect(decidesUnread(placeOrderCommand(), contextFor({ expectedRevision: 0 }), 1)).toBe(false);
    expect(decidesUnread(pay, contextFor(), 1)).toBe(false);
  });
});
