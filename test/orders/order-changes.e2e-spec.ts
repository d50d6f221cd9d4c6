/**
 * Changing an order before it ships, over HTTP on the real app (issue #18): cancelling units of
 * a line, editing the order (with preview, If-Match and Idempotency-Key), settling the
 * difference (balance payment, its 24 h timer, edit refunds), and what the order view, the
 * audit state-at, the SLA timers and the finance reports show of it.
 * Standard order: 2 × 4999 + 1 × 2500 = 12498, shipping 500, fee 150 (card) → 13148.
 */
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { UTC_CALENDAR } from '@app/ordering';
import { reconcile } from '@app/projections/finance';
import { DEFAULT_TOTAL, expectOk, orderBody, ordersApi, startTestApp, streamLength, type TestApp } from '@app/harness';
import { orderReads } from './support/order-reads';

const TRACKBALL = { lineId: '3', sku: 'TB-01', name: 'Trackball', quantity: 1, unitPrice: 3500, category: 'physical' };

describe('changing an order before it ships, over HTTP', () => {
  let t: TestApp;
  let api: ReturnType<typeof ordersApi>;
  const day = '2026-03-02';

  const { travel, view, events, timers } = orderReads(() => t);
  const cancelLine = (orderId: string, lineId: string, body: object) => api.post(`/orders/${orderId}/lines/${lineId}/cancel`, body);
  const edit = (orderId: string, body: object, headers: Record<string, string> = {}) => api.post(`/orders/${orderId}/edits`, body, headers);
  const placed = async (pay: boolean) => {
    const body = orderBody();
    const orderId = String(body.orderId);
    await expectOk(api.place(body), 201);
    if (pay) await expectOk(api.pay(orderId));
    return orderId;
  };

  beforeAll(async () => {
    t = await startTestApp();
    api = ordersApi(t);
    await travel(`${day}T10:00:00.000Z`); // a Monday
  });
  afterAll(() => t.close());

  describe('cancelling a line', () => {
    it('on an unpaid order: the amount to pay drops, the old total is refused, the new one is paid', async () => {
      const orderId = await placed(false);
      const cancelled = await expectOk(cancelLine(orderId, '1', { quantity: 1, reason: 'out_of_stock' }));
      expect(cancelled.body.events).toEqual(['LineCancelled']);
      expect((await events(orderId)).at(-1)?.data).toEqual({ lineId: '1', quantity: 1, reason: 'out_of_stock', by: 'merchant' });
      const refused = await api.pay(orderId, DEFAULT_TOTAL);
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'payment_amount_mismatch' });
      const paid = await expectOk(api.pay(orderId, DEFAULT_TOTAL - 4999));
      const shown = await view(orderId, paid.body.position);
      expect(shown).toMatchObject({ status: 'processing', goodsTotal: 7499, total: 8149, paid: 8149, refundDue: 0, balanceDue: 0 });
      expect(shown.lines[0]).toMatchObject({ quantity: 2, cancelledQuantity: 1, status: 'awaiting_shipment' });
    });

    it('on a paid order: a refund of the cancelled units is due within 3 business days and refunds them to the cent', async () => {
      const orderId = await placed(true);
      const cancelled = await expectOk(cancelLine(orderId, '2', { reason: 'customer_request' }));
      expect((await events(orderId)).at(-1)?.data).toEqual({ lineId: '2', quantity: 1, reason: 'customer_request', by: 'customer' });
      expect(await view(orderId, cancelled.body.position)).toMatchObject({ refundDue: 2500, total: DEFAULT_TOTAL - 2500, paid: DEFAULT_TOTAL });
      const [timer] = await timers({ orderId, kind: 'refund', minPosition: cancelled.body.position });
      expect(timer).toMatchObject({ subjectId: `cancellation:${orderId}`, state: 'running' });
      expect(timer.dueAt).toBe(UTC_CALENDAR.addBusinessDays(new Date(timer.startedAt as string), 3).toISOString());
      expect(timer.dueAt).toMatch(/^2026-03-05T10:/);

      const refunded = await expectOk(api.post(`/orders/${orderId}/refunds`, {
        refundId: 'rf-1', reason: 'cancellation', lines: [{ lineId: '2', quantity: 1 }], destination: 'original',
      }));
      // floor(150 × 2500 / 12498) = 30; shipping stays: the keyboards still ship.
      expect((await events(orderId)).at(-1)?.data).toMatchObject({ goods: 2500, shipping: 0, processingFee: 30, total: 2530 });
      expect(await view(orderId, refunded.body.position)).toMatchObject({ refundDue: 0, refunded: 2530 });
      const [met] = await timers({ orderId, kind: 'refund', minPosition: refunded.body.position });
      expect(met).toMatchObject({ state: 'met' });
      await expectOk(api.ship(orderId, ['1']));
    });

    it('cancelling every unit cancels the order', async () => {
      const orderId = await placed(true);
      await expectOk(cancelLine(orderId, '1', { reason: 'cannot_fulfil' }));
      const last = await expectOk(cancelLine(orderId, '2', { reason: 'cannot_fulfil' }));
      expect(last.body.events).toEqual(['LineCancelled', 'OrderCancelled']);
      expect((await view(orderId, last.body.position)).status).toBe('cancelled');
      await expectOk(api.post(`/orders/${orderId}/refunds`, { refundId: 'rf-all', reason: 'cancellation', destination: 'original' }));
      expect((await events(orderId)).at(-1)?.data).toMatchObject({ goods: 12498, shipping: 500, processingFee: 150, total: DEFAULT_TOTAL });
    });

    it('refuses a shipped line, too many units and a bad body, and writes nothing', async () => {
      const orderId = await placed(true);
      await expectOk(api.ship(orderId, ['1']));
      const before = await streamLength(t.pool, orderId);
      expect((await cancelLine(orderId, '1', { reason: 'customer_request' })).body).toMatchObject({ status: 422, code: 'line_already_shipped' });
      expect((await cancelLine(orderId, '2', { quantity: 2, reason: 'customer_request' })).body).toMatchObject({ status: 422, code: 'quantity_exceeds_cancellable' });
      expect((await cancelLine(orderId, '9', { reason: 'customer_request' })).body).toMatchObject({ status: 404, code: 'line_not_found' });
      const bad = await cancelLine(orderId, '2', { reason: 'payment_timeout' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([{ field: 'reason', message: 'reason must be one of: out_of_stock, cannot_fulfil, customer_request' }]);
      expect(await streamLength(t.pool, orderId)).toBe(before);
    });
  });

  describe('editing an order', () => {
    const replaceMouse = (editId: string, preview?: boolean) => ({
      editId, changes: [{ op: 'replace_line', lineId: '2', line: TRACKBALL }], ...(preview === undefined ? {} : { preview }),
    });

    it('previews without writing, then edits with If-Match and Idempotency-Key like any command', async () => {
      const orderId = await placed(false);
      const before = await streamLength(t.pool, orderId);
      const preview = await expectOk(edit(orderId, replaceMouse('e-1', true)));
      expect(preview.body).toEqual({
        editId: 'e-1', before: { goodsTotal: 12498, total: 13148 }, after: { goodsTotal: 13498, total: 14148 }, balanceDue: 0, refundDue: 0,
      });
      expect(await streamLength(t.pool, orderId)).toBe(before);

      expect((await edit(orderId, replaceMouse('e-1'), { 'if-match': '"7"' })).status).toBe(412);
      const key = { 'idempotency-key': `edit-${orderId}` };
      const edited = await expectOk(edit(orderId, replaceMouse('e-1'), { ...key, 'if-match': '"0"' }));
      expect(edited.body).toMatchObject({ revision: 1, events: ['OrderEdited'] });
      const again = await expectOk(edit(orderId, replaceMouse('e-1'), key));
      expect(again.body).toEqual(edited.body);
      expect(await streamLength(t.pool, orderId)).toBe(before + 1);
      expect((await edit(orderId, replaceMouse('e-1'))).status).toBe(409); // edit_already_exists

      const shown = await view(orderId, edited.body.position);
      expect(shown).toMatchObject({ goodsTotal: 13498, total: 14148 });
      expect(shown.edits).toEqual([{
        editId: 'e-1', editedAt: expect.any(String), before: { goodsTotal: 12498, total: 13148 }, after: { goodsTotal: 13498, total: 14148 },
        balanceDue: 0, refundDue: 0,
      }]);
      expect(shown.lines.map((l: { lineId: string; status: string }) => `${l.lineId}:${l.status}`)).toEqual(['1:pending_payment', '2:cancelled', '3:pending_payment']);

      // The audit state-at shows the order before and after the edit.
      const at = (revision: number) => t.http.get(`/orders/${orderId}/state`).query({ revision: String(revision) }).set(t.as('auditor'));
      expect((await expectOk(at(0))).body).toMatchObject({ goodsTotal: 12498, edits: [] });
      expect((await expectOk(at(1))).body).toMatchObject({ goodsTotal: 13498, edits: [{ editId: 'e-1' }] });

      expect((await api.pay(orderId, DEFAULT_TOTAL)).status).toBe(422);
      await expectOk(api.pay(orderId, DEFAULT_TOTAL + 1000));
    });

    it('refuses a shipped line and a malformed change, and writes nothing', async () => {
      const orderId = await placed(true);
      await expectOk(api.ship(orderId, ['2']));
      const before = await streamLength(t.pool, orderId);
      expect((await edit(orderId, replaceMouse('e-1'))).body).toMatchObject({ status: 422, code: 'line_already_shipped' });
      expect((await edit(orderId, replaceMouse('e-1', true))).body).toMatchObject({ status: 422, code: 'line_already_shipped' });
      const address = { name: 'Ana', line1: '2 Rue Neuve', city: 'Paris', postalCode: '75001', country: 'FR' };
      expect((await edit(orderId, { editId: 'e-2', changes: [{ op: 'set_shipping_address', shippingAddress: address }] })).body)
        .toMatchObject({ code: 'line_already_shipped' });
      const bad = await edit(orderId, { editId: 'e-3', changes: [{ op: 'set_quantity', lineId: '1', quantity: 0 }] });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([{ field: 'changes[0].quantity', message: 'quantity must not be less than 1' }]);
      expect((await edit('no-such-order', replaceMouse('e-1', true))).body).toMatchObject({ status: 404, code: 'order_not_found' });
      expect(await streamLength(t.pool, orderId)).toBe(before);
    });
  });

  describe('settling the difference on a paid order', () => {
    it('dearer: the trackball waits for the 1000 balance (balance_unpaid), the rest ships; the balance payment frees it', async () => {
      const orderId = await placed(true);
      const edited = await expectOk(edit(orderId, { editId: 'e-1', changes: [{ op: 'replace_line', lineId: '2', line: TRACKBALL }] }));
      const shown = await view(orderId, edited.body.position);
      expect(shown).toMatchObject({ balanceDue: 1000, total: DEFAULT_TOTAL + 1000, paid: DEFAULT_TOTAL });
      expect(shown.lines[2]).toMatchObject({ lineId: '3', awaitingBalanceQuantity: 1, status: 'awaiting_shipment' });
      const balance = (await timers({ orderId, kind: 'payment', minPosition: edited.body.position })).find((x) => x.subjectId === `balance:${orderId}`)!;
      expect(balance).toMatchObject({ subjectId: `balance:${orderId}`, state: 'running' });
      expect(Date.parse(balance.dueAt as string) - Date.parse(balance.startedAt as string)).toBe(24 * 3_600_000);

      expect((await api.ship(orderId, ['1', '3'])).body).toMatchObject({ status: 422, code: 'balance_unpaid' });
      await expectOk(api.ship(orderId, ['1']));
      expect((await api.pay(orderId, 999)).body).toMatchObject({ code: 'payment_amount_mismatch' });
      const paid = await expectOk(api.pay(orderId, 1000));
      expect(await view(orderId, paid.body.position)).toMatchObject({ balanceDue: 0, paid: DEFAULT_TOTAL + 1000 });
      await expectOk(api.ship(orderId, ['3']));
    });

    it('unpaid for 24 hours: the SLA scheduler brings the mouse back and cancels the trackball; the order goes on as before the edit', async () => {
      await travel(`${day}T12:00:00.000Z`);
      const orderId = await placed(true);
      // Mouse 2500 → trackball 4000: balance 1500.
      await expectOk(edit(orderId, { editId: 'e-1', changes: [{ op: 'replace_line', lineId: '2', line: { ...TRACKBALL, unitPrice: 4000 } }] }));
      await travel('2026-03-03T12:00:30.000Z');
      await expectOk(t.http.post('/admin/sla/tick').set(t.as('admin')).send({}));
      const [restored, lapsed] = (await events(orderId)).slice(-2);
      expect(restored).toMatchObject({ type: 'LineRestored', data: { lineId: '2', quantity: 1, reason: 'payment_timeout' } });
      expect(lapsed).toMatchObject({ type: 'LineCancelled', data: { lineId: '3', quantity: 1, reason: 'payment_timeout', by: 'system' } });
      const shown = await view(orderId, lapsed.position);
      expect(shown).toMatchObject({ balanceDue: 0, refundDue: 0, goodsTotal: 12498, total: DEFAULT_TOTAL, paid: DEFAULT_TOTAL, status: 'processing' });
      expect(shown.lines.map((l: { lineId: string; status: string; cancelledQuantity: number }) => `${l.lineId}:${l.status}:${l.cancelledQuantity}`))
        .toEqual(['1:awaiting_shipment:0', '2:awaiting_shipment:0', '3:cancelled:1']);
      const payment = (await timers({ orderId, kind: 'payment', minPosition: lapsed.position })).find((x) => x.subjectId === `balance:${orderId}`);
      expect(payment).toMatchObject({ state: 'late' });
      // Nothing is owed back, so no refund timer ever started for the order.
      expect(await timers({ orderId, kind: 'refund', minPosition: lapsed.position })).toEqual([]);

      const refused = await api.post(`/orders/${orderId}/refunds`, { refundId: 'rf-e', reason: 'edit', editId: 'e-1', destination: 'original' });
      expect(refused.body).toMatchObject({ status: 422, code: 'refund_exceeds_refundable' });
      await expectOk(api.ship(orderId, ['1', '2']));
      await travel(`${day}T10:00:00.000Z`);
    });

    it('unpaid for 24 hours after a higher quantity and a new line: both are cancelled, the keyboards are 2 again, nothing is restored', async () => {
      await travel(`${day}T12:00:00.000Z`);
      const orderId = await placed(true);
      // 2 → 3 keyboards (+4999) and a trackball (+3500): balance 8499.
      const edited = await expectOk(edit(orderId, { editId: 'e-1', changes: [{ op: 'set_quantity', lineId: '1', quantity: 3 }, { op: 'add_line', line: TRACKBALL }] }));
      expect(await view(orderId, edited.body.position)).toMatchObject({ balanceDue: 8499 });
      await travel('2026-03-03T12:00:30.000Z');
      await expectOk(t.http.post('/admin/sla/tick').set(t.as('admin')).send({}));
      const lapse = (await events(orderId)).slice(-2);
      expect(lapse).toEqual([
        expect.objectContaining({ type: 'LineCancelled', data: { lineId: '1', quantity: 1, reason: 'payment_timeout', by: 'system' } }),
        expect.objectContaining({ type: 'LineCancelled', data: { lineId: '3', quantity: 1, reason: 'payment_timeout', by: 'system' } }),
      ]);
      const shown = await view(orderId, lapse[1].position);
      expect(shown).toMatchObject({ balanceDue: 0, refundDue: 0, goodsTotal: 12498, total: DEFAULT_TOTAL });
      expect(shown.lines[0]).toMatchObject({ quantity: 3, cancelledQuantity: 1, awaitingBalanceQuantity: 0, status: 'awaiting_shipment' });
      await expectOk(api.ship(orderId, ['1', '2']));
      await travel(`${day}T10:00:00.000Z`);
    });

    it('cheaper: a refund of the difference; the finance ledger and report show reason edit and reconcile at zero difference', async () => {
      const orderId = await placed(true);
      await expectOk(edit(orderId, { editId: 'e-1', changes: [{ op: 'set_quantity', lineId: '1', quantity: 1 }] }));
      const refused = await api.post(`/orders/${orderId}/refunds`, { refundId: 'rf-x', reason: 'edit', editId: 'e-9', destination: 'original' });
      expect(refused.body).toMatchObject({ status: 404, code: 'edit_not_found' });
      await expectOk(api.post(`/orders/${orderId}/refunds`, { refundId: 'rf-e', reason: 'edit', editId: 'e-1', destination: 'original' }));
      await expectOk(cancelLine(orderId, '2', { reason: 'out_of_stock' }));
      const last = await expectOk(api.post(`/orders/${orderId}/refunds`, { refundId: 'rf-c', reason: 'cancellation', destination: 'wallet' }));
      const issued = (await events(orderId)).filter((e) => e.type === 'RefundIssued').map((e) => e.data);
      // 4999 + floor(150×4999/12498) = 59 → 5058; then the mouse to the wallet: 2500, its share floor(150×7499/12498) − 59 = 90 − 59 = 31 retained.
      expect(issued).toEqual([
        expect.objectContaining({ reason: 'edit', goods: 4999, shipping: 0, processingFee: 59, feeRetained: 0, total: 5058 }),
        expect.objectContaining({ reason: 'cancellation', goods: 2500, shipping: 0, processingFee: 0, feeRetained: 31, total: 2500 }),
      ]);

      const finance = (url: string) => expectOk(t.http.get(url).set(t.as('finance')));
      const ledger = await finance(`/reports/refunds/ledger?from=${day}&to=${day}&minPosition=${last.body.position}`);
      const mine = ledger.body.items.filter((i: { orderId: string }) => i.orderId === orderId);
      expect(mine.map((i: { reason: string; total: number }) => `${i.reason}:${i.total}`)).toEqual(['edit:5058', 'cancellation:2500']);
      const report = await finance(`/reports/refunds?from=${day}&to=${day}&groupBy=reason&minPosition=${last.body.position}`);
      expect(report.body.rows.map((r: { key: string }) => r.key)).toContain('edit');

      const result = await reconcile({ store: t.app.get<EventStore>(EVENT_STORE), db: t.pool, from: day, to: '2026-03-03' });
      expect(result.differences).toEqual([]);
      expect(result.ok).toBe(true);
    });
  });
});
