/**
 * Customers' emails and staff alerts end to end: the real app (API and delivery in one
 * process) sending over SMTP to a real server on 127.0.0.1. Each kind arrives once, in the
 * order's language, with the order's own amounts; staff alerts go to STAFF_EMAIL; an SMTP
 * outage delays, never loses or doubles; nothing goes to an erased customer; GET
 * /orders/{id}/notifications shows what happened with recipients masked.
 */
import { DEFAULT_TOTAL, expectOk, orderBody, ordersApi, startTestApp, uniqueId, type TestApp } from '@app/harness';
import { eventually, startSmtp, type ReceivedMail, type SmtpSink } from './support/smtp';

const STAFF = 'staff@shop.example';

describe('customer emails over SMTP', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let api: ReturnType<typeof ordersApi>;
  let clock = Date.parse('2030-01-07T09:00:00Z');

  beforeAll(async () => {
    smtp = await startSmtp({ refuse: (address) => address.startsWith('bounce-') });
    t = await startTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'Shop <orders@shop.example>', STAFF_EMAIL: STAFF, PUBLIC_BASE_URL: 'https://shop.example' });
    api = ordersApi(t);
    await setClock();
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  async function setClock(): Promise<void> {
    await expectOk(t.http.post('/admin/clock').set(t.as('admin')).send({ now: new Date(clock).toISOString() }));
  }
  const ok = (path: string, body: unknown = {}) => expectOk(api.post(path, body));
  const customer = (locale: string) => ({ id: uniqueId('c'), email: `${uniqueId('buyer')}@example.com`, name: 'Ana', registered: true, locale });
  const money = (locale: string, minor: number) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(minor / 100);
  const subjects = (mails: ReceivedMail[]) => mails.map((m) => m.subject);
  async function order(id: string) {
    return (await expectOk(t.http.get(`/orders/${id}`).set(t.as('service')))).body;
  }
  async function notifications(id: string) {
    return (await expectOk(t.http.get(`/orders/${id}/notifications`).set(t.as('service')))).body.notifications as Array<Record<string, unknown>>;
  }

  it('sends every kind once, in French, with the amounts and the tracking link; staff alerts to STAFF_EMAIL', async () => {
    const body = orderBody({ customer: customer('fr') });
    const to = (body.customer as { email: string }).email;
    const orderId = String(body.orderId);
    const placed = await expectOk(api.place(body), 201);
    await ok(`/orders/${orderId}/payment/confirm`, { transactionId: uniqueId('t'), amount: DEFAULT_TOTAL });
    await ok(`/orders/${orderId}/shipments`, { shipmentId: 's-1', lineIds: ['1', '2'], carrier: 'Colissimo', trackingNumber: 'CP123FR' });
    await ok(`/orders/${orderId}/lines/1/delivered`);
    await ok(`/orders/${orderId}/lines/2/delivery-failed`, { reason: 'lost' });
    await ok(`/orders/${orderId}/refunds`, { refundId: 'rf-1', reason: 'delivery_failed', lines: [{ lineId: '2', quantity: 1 }], destination: 'original' });
    await ok(`/orders/${orderId}/returns`, { returnId: 'r-1', lines: [{ lineId: '1', quantity: 1 }], reason: 'no_reason', resolution: 'refund' });
    await ok(`/orders/${orderId}/returns/r-1/reject`, { reason: 'Article utilisé' });
    await ok(`/orders/${orderId}/returns`, { returnId: 'r-2', lines: [{ lineId: '1', quantity: 1 }], reason: 'defective', resolution: 'refund' });
    await ok(`/orders/${orderId}/returns/r-2/approve`);
    await ok(`/orders/${orderId}/complaints`, { complaintId: 'k-1', category: 'delivery', message: 'Colis perdu' });
    await ok(`/orders/${orderId}/complaints/k-1/respond`, { message: 'Nous renvoyons la souris.' });

    await smtp.waitFor(() => smtp.to(to).length >= 7 && smtp.to(STAFF).some((m) => m.text.includes(orderId)));
    const mine = smtp.to(to);
    expect(subjects(mine)).toEqual([
      `Votre commande ${orderId} est confirmée`,
      `Votre commande ${orderId} est en route`,
      `Un problème de livraison pour votre commande ${orderId}`,
      `Remboursement de ${money('fr-FR', (await order(orderId)).refunds[0].total)} pour votre commande ${orderId}`,
      `Votre retour pour la commande ${orderId} n'a pas été accepté`,
      `Votre retour pour la commande ${orderId} est accepté`,
      `Une réponse au sujet de votre commande ${orderId}`,
    ]);
    const [confirmation, dispatched, failed, refund, rejected, , answered] = mine;
    expect(confirmation.text).toContain(`Total : ${money('fr-FR', DEFAULT_TOTAL)}`);
    expect(confirmation.text).toContain(`2 × Keyboard : ${money('fr-FR', 9998)}`);
    expect(confirmation.text).toContain(placed.body.trackingUrl);
    expect(confirmation.html).toContain(`href="${placed.body.trackingUrl}"`);
    expect(confirmation.html).toContain('lang="fr"');
    expect(dispatched.text).toMatch(/Transporteur : Colissimo[\s\S]*Numéro de suivi : CP123FR/);
    expect(failed.text).toContain('Le colis a été perdu.');
    expect(refund.text).toContain('recrédité sur votre carte');
    expect(refund.text).toMatch(/au plus tard le \d+ \S+ 2030/);
    expect(rejected.text).toContain('Article utilisé');
    expect(answered.text).toContain('Nous renvoyons la souris.');
    for (const mail of mine) expect(mail.parsed.from?.value).toEqual([{ name: 'Shop', address: 'orders@shop.example' }]);

    const alerts = smtp.to(STAFF).filter((m) => m.subject.includes(orderId));
    expect(subjects(alerts)).toEqual([`[Action needed] Delivery failed: order ${orderId}`]);
    expect(alerts[0].text).toContain('Open a claim with the carrier');
    expect(alerts[0].text).not.toContain(to);

    // Each message once: no Message-ID twice.
    expect(new Set(mine.map((m) => m.messageId)).size).toBe(mine.length);
    const listed = await eventually(() => notifications(orderId), (all) => all.length === 8 && all.every((n) => n.state === 'sent'));
    expect(listed.map((n) => [n.kind, n.audience, n.state])).toEqual([
      ['order_confirmation', 'customer', 'sent'], ['shipment_dispatched', 'customer', 'sent'], ['delivery_failed', 'customer', 'sent'],
      ['delivery_failed', 'staff', 'sent'], ['refund_issued', 'customer', 'sent'], ['return_rejected', 'customer', 'sent'],
      ['return_approved', 'customer', 'sent'], ['complaint_answered', 'customer', 'sent'],
    ]);
    expect(listed[0]).toMatchObject({ recipient: `${to[0]}***@example.com`, attempts: 1, eventType: 'OrderPlaced' });
    expect(JSON.stringify(listed)).not.toContain(to);
  });

  it('tells a Chinese customer about cancelled items and a wallet refund, and alerts staff', async () => {
    const body = orderBody({ customer: customer('zh') });
    const to = (body.customer as { email: string }).email;
    const orderId = String(body.orderId);
    await expectOk(api.place(body), 201);
    await ok(`/orders/${orderId}/payment/confirm`, { transactionId: uniqueId('t'), amount: DEFAULT_TOTAL });
    await ok(`/orders/${orderId}/lines/2/cancel`, { reason: 'out_of_stock' });
    await ok(`/orders/${orderId}/refunds`, { refundId: 'rf-w', reason: 'cancellation', lines: [{ lineId: '2', quantity: 1 }], destination: 'wallet' });
    await ok(`/orders/${orderId}/lines/1/cancel`, { reason: 'customer_request' });

    await smtp.waitFor(() => smtp.to(to).length >= 5);
    const wallet = (await order(orderId)).refunds[0].total;
    expect(subjects(smtp.to(to))).toEqual([
      `您的订单 ${orderId} 已确认`,
      `您的订单 ${orderId} 中有商品被取消`,
      `您的订单 ${orderId} 退款 ${money('zh-CN', wallet)}`,
      `您的订单 ${orderId} 中有商品被取消`,
      `您的订单 ${orderId} 已取消`,
    ]);
    expect(smtp.to(to)[1].text).toContain('很抱歉：该商品已缺货。');
    expect(smtp.to(to)[2].text).toContain('款项已立即存入您的商店钱包');
    expect(smtp.to(to)[0].html).toContain('lang="zh-Hans"');
    await smtp.waitFor(() => smtp.to(STAFF).filter((m) => m.subject.includes(orderId)).length >= 3);
    const alerts = smtp.to(STAFF).filter((m) => m.subject.includes(orderId));
    expect(subjects(alerts)).toEqual([
      `[Action needed] Item cancelled: order ${orderId}`, `[Action needed] Item cancelled: order ${orderId}`, `[Action needed] Order cancelled: order ${orderId}`,
    ]);
    expect(alerts[0].text).toContain('Check the stock of SKU MS-01');
    expect(alerts[2].text).toContain('issue the cancellation refund');
  });

  it('sends nothing to a customer without an address or after erasure; staff alerts still go', async () => {
    const anonymous = orderBody({ customer: { id: uniqueId('c'), registered: false } });
    await expectOk(api.place(anonymous), 201);
    const body = orderBody({ customer: customer('en') });
    const to = (body.customer as { email: string; id: string }).email;
    const orderId = String(body.orderId);
    await expectOk(api.place(body), 201);
    await smtp.waitFor(() => smtp.to(to).length === 1);
    await expectOk(t.http.post(`/customers/${(body.customer as { id: string }).id}/erase`).set(t.as('admin')));
    await ok(`/orders/${orderId}/cancel`, { reason: 'customer_request', by: 'customer' });
    await ok(`/orders/${String(anonymous.orderId)}/cancel`, { reason: 'customer_request', by: 'customer' });
    await smtp.waitFor(() => smtp.to(STAFF).filter((m) => m.subject.includes(orderId) || m.subject.includes(String(anonymous.orderId))).length === 2);
    expect(smtp.to(to).map((m) => m.subject)).toEqual([`Your order ${orderId} is confirmed`]);
    expect((await notifications(orderId)).map((n) => [n.kind, n.audience])).toEqual([['order_confirmation', 'customer'], ['order_cancelled', 'staff']]);
    expect((await notifications(String(anonymous.orderId))).map((n) => [n.kind, n.audience])).toEqual([['order_cancelled', 'staff']]);
  });

  it('keeps emails through an SMTP outage and sends each once after it', async () => {
    await smtp.stop();
    const body = orderBody({ customer: customer('fi') });
    const to = (body.customer as { email: string }).email;
    const orderId = String(body.orderId);
    await expectOk(api.place(body), 201);
    const pending = async () => (await notifications(orderId)).filter((n) => n.state === 'pending' && Number(n.attempts) >= 1);
    for (let i = 0; i < 600 && (await pending()).length === 0; i += 1) await new Promise((r) => setTimeout(r, 50));
    expect(await pending()).toHaveLength(1);
    await smtp.start();
    clock += 60_000; // past the first retry delay (5 s)
    await setClock();
    await smtp.waitFor(() => smtp.to(to).length === 1);
    expect(smtp.to(to)[0].subject).toBe(`Tilauksesi ${orderId} on vahvistettu`);
    const [sent] = await eventually(() => notifications(orderId), ([first]) => first?.state === 'sent');
    expect(Number(sent.attempts)).toBeGreaterThanOrEqual(2);
    // A later event of the order is not held back, and the first is not sent again.
    await ok(`/orders/${orderId}/cancel`, { reason: 'customer_request', by: 'customer' });
    await smtp.waitFor(() => smtp.to(to).length === 2);
    expect(subjects(smtp.to(to))).toEqual([`Tilauksesi ${orderId} on vahvistettu`, `Tilauksesi ${orderId} peruttiin`]);
  });

  it('marks an email the server refuses for its address as failed, and goes on with the order', async () => {
    const body = orderBody({ customer: { ...customer('en'), email: `${uniqueId('bounce')}@example.com` } });
    const orderId = String(body.orderId);
    await expectOk(api.place(body), 201);
    await ok(`/orders/${orderId}/lines/2/cancel`, { reason: 'cannot_fulfil' });
    await smtp.waitFor(() => smtp.to(STAFF).some((m) => m.subject.includes(orderId)));
    const listed = await eventually(() => notifications(orderId), (all) => all.length === 3 && all[2].state === 'sent');
    expect(listed.map((n) => [n.kind, n.audience, n.state])).toEqual([
      ['order_confirmation', 'customer', 'failed'], ['line_cancelled', 'customer', 'failed'], ['line_cancelled', 'staff', 'sent'],
    ]);
    const { rows } = await t.pool.query<{ error: string }>('SELECT error FROM outbound.notifications WHERE order_id = $1 AND state = $2', [orderId, 'failed']);
    expect(rows[0].error).toMatch(/b\*\*\*@example\.com/);
    expect(JSON.stringify(rows)).not.toContain(String((body.customer as { email: string }).email));
  });

  it('sends nothing again when the email subscription replays an order', async () => {
    const body = orderBody({ customer: customer('en') });
    const to = (body.customer as { email: string }).email;
    const orderId = String(body.orderId);
    await expectOk(api.place(body), 201);
    await ok(`/orders/${orderId}/cancel`, { reason: 'customer_request', by: 'customer' });
    await eventually(() => notifications(orderId), (all) => all.length === 3 && all.every((n) => n.state === 'sent'));
    const admin = t.as('admin');
    const delivered = async () => (await expectOk(t.http.get('/subscriptions/notifications-email').set(admin))).body.delivered as number;
    // Both events delivered: none left in the order's queue of the email subscription.
    const queued = async () => (await t.pool.query("SELECT 1 FROM outbound.pending WHERE subscription_id = 'notifications-email' AND order_id = $1", [orderId])).rowCount;
    await eventually(queued, (n) => n === 0);
    const before = await delivered();
    await expectOk(t.http.post('/subscriptions/notifications-email/replay').set(admin).send({ orderId }), 202);
    await eventually(delivered, (n) => n >= before + 2);
    expect(await queued()).toBe(0);
    expect(smtp.to(to)).toHaveLength(2);
    expect(smtp.to(STAFF).filter((m) => m.subject.includes(orderId))).toHaveLength(1);
    expect((await notifications(orderId)).map((n) => [n.kind, n.audience, n.attempts])).toEqual([
      ['order_confirmation', 'customer', 1], ['order_cancelled', 'customer', 1], ['order_cancelled', 'staff', 1],
    ]);
  });

  it('shows notifications to the service and admin roles only', async () => {
    const body = orderBody({ customer: customer('en') });
    await expectOk(api.place(body), 201);
    const path = `/orders/${String(body.orderId)}/notifications`;
    await t.http.get(path).expect(401);
    for (const role of ['auditor', 'finance'] as const) expect((await expectOk(t.http.get(path).set(t.as(role)), 403)).body.code).toBe('forbidden');
    await expectOk(t.http.get(path).set(t.as('admin')));
    await expectOk(t.http.get(`/orders/${uniqueId('none')}/notifications`).set(t.as('service')), 404);
  });
});
