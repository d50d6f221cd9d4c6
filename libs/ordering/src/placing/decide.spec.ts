import { InvalidCommandError } from '../errors';
import type { OrderCommand } from '../commands';
import { at, given } from '../testing/decider-spec';
import { DEFAULT_POLICY } from '../policy';
import {
  GOODS_TOTAL, ORDER_ID, T, TOTAL, cancelled, dispatched, paid, paidOrder, placeOrderCommand, placed,
} from '../testing/fixtures';

function fieldsOf(error: unknown): string[] {
  return (error as InvalidCommandError).errors.map((e) => e.field);
}

describe('PlaceOrder', () => {
  it('computes goodsTotal (2×4999 + 2500 = 12498) and total (12498 + 500 + 150 = 13148)', () => {
    given().when(placeOrderCommand()).then([placed()]);
    expect(GOODS_TOTAL).toBe(12498);
    expect(TOTAL).toBe(13148);
  });

  it('defaults lineIds to "1", "2", ... by position', () => {
    const cmd = placeOrderCommand();
    const lines = cmd.lines.map(({ lineId: _ignored, ...rest }) => rest);
    const [event] = given().when({ ...cmd, lines }).events();
    expect(event.type === 'OrderPlaced' && event.data.lines.map((l) => l.lineId)).toEqual(['1', '2']);
  });

  it('needs no shipping address when no line is physical, and copies only given customer fields', () => {
    const cmd = placeOrderCommand({
      customer: { id: 'c-7', registered: false },
      lines: [{ sku: 'EB-1', name: 'E-book', quantity: 1, unitPrice: 999, category: 'digital' }],
      shippingFee: 0,
      shippingAddress: undefined,
    });
    given().when(cmd).then([placed({
      customer: { id: 'c-7', registered: false },
      lines: [{ lineId: '1', sku: 'EB-1', name: 'E-book', quantity: 1, unitPrice: 999, category: 'digital' }],
      shippingFee: 0, shippingAddress: undefined, goodsTotal: 999, total: 999 + 150,
    })]);
  });

  it("keeps the customer's locale when given, and leaves it absent otherwise", () => {
    const customer = { id: 'c-42', email: 'ana@example.com', name: 'Ana', registered: true, locale: 'fi' as const };
    given().when(placeOrderCommand({ customer })).then([placed({ customer })]);
  });

  it('refuses a locale it cannot speak', () => {
    const customer = { id: 'c-42', registered: true, locale: 'de' as never };
    expect(fieldsOf(given().when(placeOrderCommand({ customer })).thenError('validation_failed'))).toEqual(['customer.locale']);
  });

  it('accepts a wallet payment without processing fee', () => {
    const cmd = placeOrderCommand({ payment: { method: 'wallet', processingFee: 0 } });
    given().when(cmd).then([placed({ payment: { method: 'wallet', processingFee: 0 }, total: GOODS_TOTAL + 500 })]);
  });

  it('refuses to place an order twice: order_already_exists', () => {
    given(placed()).when(placeOrderCommand()).thenError('order_already_exists');
  });

  it.each<[string, Parameters<typeof placeOrderCommand>[0], string[]]>([
    ['duplicate lineId', {
      lines: [
        { lineId: 'a', sku: 'X', name: 'X', quantity: 1, unitPrice: 1, category: 'physical' },
        { lineId: 'a', sku: 'Y', name: 'Y', quantity: 1, unitPrice: 1, category: 'physical' },
      ],
    }, ['lines[1].lineId']],
    ['a default lineId colliding with a given one', {
      lines: [
        { sku: 'X', name: 'X', quantity: 1, unitPrice: 1, category: 'physical' },
        { lineId: '1', sku: 'Y', name: 'Y', quantity: 1, unitPrice: 1, category: 'physical' },
      ],
    }, ['lines[1].lineId']],
    ['no line', { lines: [] }, ['lines']],
    ['101 lines', {
      lines: Array.from({ length: 101 }, () => ({ sku: 'X', name: 'X', quantity: 1, unitPrice: 1, category: 'physical' as const })),
    }, ['lines']],
    ['quantity 0, 1001 and 1.5', {
      lines: [
        { sku: 'X', name: 'X', quantity: 0, unitPrice: 1, category: 'physical' },
        { sku: 'Y', name: 'Y', quantity: 1001, unitPrice: 1, category: 'physical' },
        { sku: 'Z', name: 'Z', quantity: 1.5, unitPrice: 1, category: 'physical' },
      ],
    }, ['lines[0].quantity', 'lines[1].quantity', 'lines[2].quantity']],
    ['negative and fractional unit prices', {
      lines: [
        { sku: 'X', name: 'X', quantity: 1, unitPrice: -1, category: 'physical' },
        { sku: 'Y', name: 'Y', quantity: 1, unitPrice: 9.99, category: 'physical' },
      ],
    }, ['lines[0].unitPrice', 'lines[1].unitPrice']],
    ['a physical line without shipping address', { shippingAddress: undefined }, ['shippingAddress']],
    ['a wallet payment with a processing fee', { payment: { method: 'wallet', processingFee: 150 } }, ['payment.processingFee']],
    ['a negative processing fee', { payment: { method: 'card', processingFee: -1 } }, ['payment.processingFee']],
    ['a fractional shipping fee', { shippingFee: 4.5 }, ['shippingFee']],
    ['a lowercase currency', { currency: 'eur' }, ['currency']],
    ['a four-letter currency', { currency: 'EURO' }, ['currency']],
    ['several problems at once', { currency: 'e', shippingFee: -5, shippingAddress: undefined }, ['currency', 'shippingFee', 'shippingAddress']],
  ])('refuses %s: validation_failed listing the fields', (_name, overrides, fields) => {
    const error = given().when(placeOrderCommand(overrides)).thenError('validation_failed');
    expect(error).toBeInstanceOf(InvalidCommandError);
    expect(fieldsOf(error)).toEqual(fields);
  });

  it('refuses totals beyond safe integers', () => {
    const cmd = placeOrderCommand({
      lines: Array.from({ length: 100 }, () => ({ sku: 'X', name: 'X', quantity: 1000, unitPrice: Number.MAX_SAFE_INTEGER, category: 'physical' as const })),
    });
    expect(fieldsOf(given().when(cmd).thenError('validation_failed'))).toEqual(['lines']);
  });
});

describe('commands on an order that does not exist', () => {
  it.each<OrderCommand>([
    { type: 'ConfirmPayment', orderId: ORDER_ID, transactionId: 't', amount: 1 },
    { type: 'CancelOrder', orderId: ORDER_ID, reason: 'x', by: 'customer' },
    { type: 'DispatchShipment', orderId: ORDER_ID, shipmentId: 's', lineIds: ['1'], carrier: 'c', trackingNumber: 't' },
    { type: 'IssueRefund', orderId: ORDER_ID, refundId: 'r', reason: 'goodwill', destination: 'original', amount: 1 },
    { type: 'OpenComplaint', orderId: ORDER_ID, complaintId: 'k', category: 'other', message: 'm' },
  ])('$type → order_not_found', (cmd) => {
    given().when(cmd).thenError('order_not_found');
  });
});

describe('ConfirmPayment', () => {
  const confirm = (amount: number): OrderCommand => ({ type: 'ConfirmPayment', orderId: ORDER_ID, transactionId: 'tx-1', amount });

  it('records a payment of exactly the total', () => {
    given(placed()).when(confirm(TOTAL)).then([paid(TOTAL)]);
  });
  it('refuses another amount: payment_amount_mismatch', () => {
    given(placed()).when(confirm(TOTAL - 1)).thenError('payment_amount_mismatch');
    given(placed()).when(confirm(TOTAL + 1)).thenError('payment_amount_mismatch');
  });
  it('refuses a second payment: invalid_state_transition', () => {
    given(placed(), paid()).when(confirm(TOTAL)).thenError('invalid_state_transition');
  });
  it('refuses paying a cancelled order: invalid_state_transition', () => {
    given(placed(), cancelled()).when(confirm(TOTAL)).thenError('invalid_state_transition');
  });
});

describe('FailPayment', () => {
  const fail: OrderCommand = { type: 'FailPayment', orderId: ORDER_ID, reason: 'card_declined' };

  it('records the failure and cancels the order (by the system, reason payment_failed)', () => {
    given(placed()).when(fail).then([
      { type: 'PaymentFailed', data: { reason: 'card_declined' } },
      { type: 'OrderCancelled', data: { reason: 'payment_failed', by: 'system' } },
    ]);
  });
  it('refuses once paid or cancelled: invalid_state_transition', () => {
    given(placed(), paid()).when(fail).thenError('invalid_state_transition');
    given(placed(), cancelled()).when(fail).thenError('invalid_state_transition');
  });
});

describe('CancelOrder', () => {
  const cancel = (by: 'customer' | 'merchant' | 'system', reason = 'customer_request'): OrderCommand =>
    ({ type: 'CancelOrder', orderId: ORDER_ID, reason, by });

  it('the customer cancels an unpaid order', () => {
    given(placed()).when(cancel('customer')).then([cancelled('customer_request', 'customer')]);
  });
  it('the merchant cancels a paid order before shipment', () => {
    given(...paidOrder()).when(cancel('merchant', 'merchant')).then([cancelled('merchant', 'merchant')]);
  });
  it('refuses once any line has shipped: cancel_after_shipment', () => {
    given(...paidOrder(), dispatched('s-1', ['1'])).when(cancel('customer')).thenError('cancel_after_shipment');
  });
  it('refuses a second cancellation: invalid_state_transition', () => {
    given(placed(), cancelled()).when(cancel('merchant')).thenError('invalid_state_transition');
  });

  describe('by the system (payment timeout)', () => {
    const timeout = cancel('system', 'payment_timeout');

    it('cancels an order unpaid 24 hours after placement', () => {
      given(at(T.placed, placed())).when(timeout, { now: '2026-03-03T09:00:00Z' }).then([cancelled('payment_timeout', 'system')]);
    });
    it('refuses before the 24 hours: invalid_state_transition', () => {
      given(at(T.placed, placed())).when(timeout, { now: '2026-03-03T08:59:59Z' }).thenError('invalid_state_transition');
    });
    it('refuses a paid order: invalid_state_transition', () => {
      given(...paidOrder()).when(timeout, { now: '2026-03-04T09:00:00Z' }).thenError('invalid_state_transition');
    });
    it('honours the policy timeout', () => {
      given(at(T.placed, placed()))
        .when(timeout, { now: '2026-03-02T11:00:00Z', policy: { ...DEFAULT_POLICY, paymentTimeoutHours: 2 } })
        .then([cancelled('payment_timeout', 'system')]);
    });
  });
});
