import { DomainError, type OrderCommand } from '@app/ordering';
import { paid, placed, placeOrderCommand } from '../../../ordering/src/testing/fixtures';
import { eventIdsFor } from '../deterministic-ids';
import { contextFor, historyOf } from '../testing/histories';
import { NO_ORDER } from './load';
import { replayFromHistory } from './replay';

const same = async () => true;
const other = async () => false;
const pay: OrderCommand = { type: 'ConfirmPayment', orderId: 'o-1', transactionId: 't-1', amount: 13148 };
const payPath = 'POST /orders/o-1/payment/confirm';

/** placed, then a payment appended under key k-1 (its deterministic event id), then another event. */
function paidWithKey() {
  const [paymentId] = eventIdsFor(1, { idempotencyKey: 'k-1', path: payPath, orderId: 'o-1' });
  return historyOf('o-1', [
    { event: placed(), metadata: { requestHash: 'h-place' } },
    { event: paid(), eventId: paymentId, metadata: { idempotencyKey: 'k-1', requestHash: 'h-pay' } },
    { event: { type: 'OrderCancelled', data: { reason: 'merchant', by: 'merchant' } }, metadata: { requestHash: 'h-other' } },
  ]);
}

describe('replayFromHistory (idempotent replay from the stream)', () => {
  it('a new command: nothing to replay', async () => {
    expect(await replayFromHistory(pay, contextFor({ path: payPath }), historyOf('o-1', [{ event: placed() }]), same)).toBeNull();
    expect(await replayFromHistory(placeOrderCommand(), contextFor(), NO_ORDER, same)).toBeNull();
  });

  it('a key whose events are in the stream, same body: the first answer again (its own events only), under the stored fingerprint', async () => {
    const answer = await replayFromHistory(pay, contextFor({ path: payPath, idempotencyKey: 'k-1' }), paidWithKey(), same);
    expect(answer).toEqual({ result: { orderId: 'o-1', revision: 1, position: '0/2', events: ['PaymentConfirmed'] }, requestHash: 'h-pay' });
  });

  it('a key reused with another body: idempotency_key_reused (422)', async () => {
    const error = await replayFromHistory(pay, contextFor({ path: payPath, idempotencyKey: 'k-1' }), paidWithKey(), other).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'idempotency_key_reused' });
  });

  it('the same key on another path is another command', async () => {
    expect(await replayFromHistory(pay, contextFor({ path: 'POST /orders/o-1/cancel', idempotencyKey: 'k-1' }), paidWithKey(), same)).toBeNull();
  });

  it('an order placed again: the first answer with the same body, order_already_exists (409) with another', async () => {
    const history = historyOf('o-1', [{ event: placed(), metadata: { requestHash: 'h-place' } }]);
    expect(await replayFromHistory(placeOrderCommand(), contextFor(), history, same))
      .toEqual({ result: { orderId: 'o-1', revision: 0, position: '0/1', events: ['OrderPlaced'] }, requestHash: 'h-place' });
    await expect(replayFromHistory(placeOrderCommand(), contextFor(), history, other)).rejects.toMatchObject({ code: 'order_already_exists' });
  });
});
