import { calendarFromConfig } from '@app/platform';
import { loadConfig } from '@app/config';
import { ERASED, orderDecider, type OrderEvent, type OrderState } from '@app/ordering';
import { composeNotifications } from './compose';
import { renderEmail } from './render';
import { maskAddress, maskAddressesIn } from './mask';
import { messageIdFor } from './mail-transport';

const calendar = calendarFromConfig(loadConfig({ BUSINESS_TZ: 'Europe/Paris' }));
const at = (iso: string, revision: number) => ({ occurredAt: iso, revision });

function placed(locale: 'en' | 'fr' | 'fi' | 'zh', email: string | null = 'jane@example.com', name = 'Keyboard <b>'): { state: OrderState; event: OrderEvent } {
  const event: OrderEvent = {
    type: 'OrderPlaced',
    data: {
      orderId: 'o-1', customer: { id: 'c-1', ...(email ? { email } : {}), registered: true, locale }, channel: 'web', currency: 'EUR',
      lines: [{ lineId: '1', sku: 'KB', name, quantity: 2, unitPrice: 4999, category: 'physical' }],
      shippingFee: 500, payment: { method: 'paypal', processingFee: 150 },
      shippingAddress: { name: 'Jane', line1: '1 Main St', city: 'Lyon', postalCode: '69001', country: 'FR' },
      goodsTotal: 9998, total: 10648,
    },
  } as OrderEvent;
  return { event, state: orderDecider.evolve(orderDecider.initialState, event, at('2030-01-07T09:00:00.000Z', 0)) };
}

function then(state: OrderState, event: OrderEvent, revision: number, iso = '2030-01-08T09:00:00.000Z'): OrderState {
  return orderDecider.evolve(state, event, at(iso, revision));
}

describe('composing the emails', () => {
  it('confirms an order in the customer\'s language, with items, total and the tracking link', () => {
    const { state, event } = placed('fr');
    const [mail, ...rest] = composeNotifications({ event, state, calendar, trackingUrl: 'https://shop.example/track/abc', staffEmail: 'staff@shop.example' });
    expect(rest).toEqual([]);
    expect(mail).toMatchObject({ kind: 'order_confirmation', audience: 'customer', to: 'jane@example.com' });
    const { subject, text, html } = renderEmail(mail.content);
    expect(subject).toBe('Votre commande o-1 est confirmée');
    expect(text).toContain('2 × Keyboard <b> : 99,98\u00a0€');
    expect(text).toContain('Total : 106,48\u00a0€');
    expect(text).toContain('https://shop.example/track/abc');
    // Values from outside are escaped in the HTML part; no external resource.
    expect(html).toContain('Keyboard &lt;b&gt;');
    expect(html).not.toContain('<b>');
    expect(html).not.toMatch(/src=|<link|<script/);
    expect(html).toContain('<html lang="fr">');
  });

  it('writes nothing to a customer without an address or whose address was erased', () => {
    for (const email of [null, ERASED]) {
      const { state, event } = placed('en', email);
      expect(composeNotifications({ event, state, calendar, trackingUrl: 'https://x/track/t' })).toEqual([]);
    }
  });

  it('says when refunded money arrives: PayPal by the fifth business day, without the fee; the wallet at once', () => {
    let { state } = placed('en');
    state = then(state, { type: 'PaymentConfirmed', data: { transactionId: 't', amount: 10648 } } as OrderEvent, 1);
    const refund = (destination: 'original' | 'wallet', refundId: string): OrderEvent => ({
      type: 'RefundIssued',
      data: { refundId, reason: 'goodwill', lines: [], destination, method: 'paypal', goods: 1000, shipping: 0, returnShipping: 0, processingFee: 0, feeRetained: 0, total: 1000 },
    } as OrderEvent);
    // Friday 2030-01-11: five business days later is Friday 2030-01-18.
    const paypal = refund('original', 'rf-1');
    state = then(state, paypal, 2, '2030-01-11T10:00:00.000Z');
    const [mail] = composeNotifications({ event: paypal, state, calendar });
    const text = renderEmail(mail.content).text;
    expect(mail.content.subject).toBe('Refund of €10.00 for your order o-1');
    expect(text).toContain('PayPal account, without the payment\'s processing fee, within 5 business days, by 18 January 2030');
    const wallet = refund('wallet', 'rf-2');
    state = then(state, wallet, 3, '2030-01-11T11:00:00.000Z');
    expect(renderEmail(composeNotifications({ event: wallet, state, calendar })[0].content).text).toContain('store wallet now, available at once');
  });

  it('alerts staff about a cancelled line with what needs doing, in English, without the customer\'s data', () => {
    let { state } = placed('zh');
    state = then(state, { type: 'PaymentConfirmed', data: { transactionId: 't', amount: 10648 } } as OrderEvent, 1);
    const cancelled = { type: 'LineCancelled', data: { lineId: '1', quantity: 1, reason: 'out_of_stock', by: 'merchant' } } as OrderEvent;
    state = then(state, cancelled, 2);
    const mails = composeNotifications({ event: cancelled, state, calendar, staffEmail: 'staff@shop.example' });
    expect(mails.map((m) => [m.kind, m.audience, m.to])).toEqual([['line_cancelled', 'customer', 'jane@example.com'], ['line_cancelled', 'staff', 'staff@shop.example']]);
    expect(renderEmail(mails[0].content).text).toContain('我们已取消您订单 o-1 中的 1 × Keyboard <b>。');
    const staff = renderEmail(mails[1].content);
    expect(staff.subject).toBe('[Action needed] Item cancelled: order o-1');
    expect(staff.text).toContain('Check the stock of SKU KB and reorder it.');
    expect(staff.text).not.toContain('jane');
    // Without STAFF_EMAIL: the customer's email only.
    expect(composeNotifications({ event: cancelled, state, calendar }).map((m) => m.audience)).toEqual(['customer']);
  });
});

describe('addresses in records and logs', () => {
  it('masks an address to its first character and domain, also inside an error text', () => {
    expect(maskAddress('jane.doe@example.com')).toBe('j***@example.com');
    expect(maskAddressesIn('550 5.1.1 <jane.doe@example.com>: Recipient address rejected')).toBe('550 5.1.1 <j***@example.com>: Recipient address rejected');
  });

  it('gives a message the same Message-ID on every attempt, another for another kind or recipient', () => {
    const id = messageIdFor('6f1c7e0a-3a52-4f57-9a0e-0c1b3f8f2a11', 'order_confirmation', 'jane@example.com', 'Shop <orders@shop.example>');
    expect(id).toMatch(/^<[0-9a-f]{40}@shop\.example>$/);
    expect(messageIdFor('6f1c7e0a-3a52-4f57-9a0e-0c1b3f8f2a11', 'order_confirmation', 'JANE@example.com', 'orders@shop.example')).toBe(id);
    expect(messageIdFor('6f1c7e0a-3a52-4f57-9a0e-0c1b3f8f2a11', 'line_cancelled', 'jane@example.com', 'orders@shop.example')).not.toBe(id);
    expect(messageIdFor('6f1c7e0a-3a52-4f57-9a0e-0c1b3f8f2a11', 'order_confirmation', 'staff@shop.example', 'orders@shop.example')).not.toBe(id);
  });
});
