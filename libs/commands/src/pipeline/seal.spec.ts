import { hasPlaintextPersonalData, hasSealedPersonalData, KeyRing, MasterKey } from '@app/privacy';
import { MemoryKeyStore } from '../../../privacy/src/testing/memory-key-store';
import { paid, placed, placeOrderCommand } from '../../../ordering/src/testing/fixtures';
import { historyOf } from '../testing/histories';
import { customerOf, sealEvents } from './seal';

describe('sealEvents', () => {
  const keyRing = new KeyRing(new MemoryKeyStore(), () => MasterKey.generate('test'));

  it('seals every personal value under the customer\'s key and leaves other events as they are', async () => {
    const [order, payment] = await sealEvents(keyRing, 'c-1', [placed(), paid()]);
    expect(hasPlaintextPersonalData(order.type, order.data)).toBe(false);
    expect(hasSealedPersonalData(order.type, order.data)).toBe(true);
    expect(payment.data).toEqual(paid().data);
  });

  it('seals for the customer placing the order, else for the order\'s customer', () => {
    expect(customerOf(placeOrderCommand({ customer: { id: 'c-new', registered: false } }), historyOf('o-1', []).state)).toBe('c-new');
    const history = historyOf('o-1', [{ event: placed() }]);
    expect(customerOf({ type: 'ConfirmPayment', orderId: 'o-1', transactionId: 't', amount: 1 }, history.state)).toBe(history.state.customer.id);
  });
});
