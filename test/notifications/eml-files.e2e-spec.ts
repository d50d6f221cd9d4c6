/**
 * The embedded default without SMTP_URL: each email is a complete .eml file under
 * DATA_DIR/mail, named by order, revision, kind and audience, readable by any mail program.
 */
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { expectOk, orderBody, ordersApi, startTestApp, uniqueId, type TestApp } from '@app/harness';
import { eventually } from './support/smtp';

describe('emails as .eml files when SMTP_URL is unset', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ STAFF_EMAIL: 'staff@shop.example' });
  });
  afterAll(async () => {
    await t?.close();
  });

  async function files(dir: string, count: number): Promise<string[]> {
    for (let i = 0; i < 600; i += 1) {
      const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.eml')).sort() : [];
      if (names.length >= count) return names;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`fewer than ${count} .eml files in ${dir}`);
  }

  it('writes each message, text and HTML parts, in the customer\'s language, once', async () => {
    const api = ordersApi(t);
    const orderId = uniqueId('eml');
    const email = `${uniqueId('li')}@example.com`;
    await expectOk(api.place(orderBody({ orderId, customer: { id: uniqueId('c'), email, registered: true, locale: 'zh' } })), 201);
    await expectOk(api.post(`/orders/${orderId}/lines/2/cancel`, { reason: 'cannot_fulfil' }));
    const dir = path.join(t.config.dataDir, 'mail');
    const names = (await files(dir, 3)).filter((name) => name.startsWith(orderId));
    expect(names).toEqual([`${orderId}.0000.order_confirmation.customer.eml`, `${orderId}.0001.line_cancelled.customer.eml`, `${orderId}.0001.line_cancelled.staff.eml`]);
    const confirmation = await simpleParser(fs.readFileSync(path.join(dir, names[0])));
    expect(confirmation.subject).toBe(`您的订单 ${orderId} 已确认`);
    expect(confirmation.to && !Array.isArray(confirmation.to) ? confirmation.to.value[0].address : null).toBe(email);
    expect(confirmation.from?.value[0].address).toBe('orders@localhost');
    expect(confirmation.text).toContain(`2 × Keyboard：${new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'EUR' }).format(99.98)}`);
    expect(confirmation.html).toContain('/track/');
    expect(confirmation.messageId).toMatch(/^<[0-9a-f]{40}@localhost>$/);
    const alert = await simpleParser(fs.readFileSync(path.join(dir, names[2])));
    expect(alert.to && !Array.isArray(alert.to) ? alert.to.value[0].address : null).toBe('staff@shop.example');
    expect(alert.text).toContain('cannot be supplied');
    expect(fs.statSync(path.join(dir, names[0])).mode & 0o077).toBe(0);
    const states = async () => ((await expectOk(t.http.get(`/orders/${orderId}/notifications`).set(t.as('admin')))).body.notifications as Array<{ state: string }>).map((n) => n.state);
    expect(await eventually(states, (all) => all.length === 3 && all.every((state) => state === 'sent'))).toEqual(['sent', 'sent', 'sent']);
  });
});
