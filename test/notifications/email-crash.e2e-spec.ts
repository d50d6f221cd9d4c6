/**
 * kill -9 of the sending process while emails are going out, then a restart: every email
 * arrives, none is lost, and no email is sent twice under two identities. The one window that
 * remains (the server accepted, the process died before recording it) sends that message again
 * with the same Message-ID, which mail systems deduplicate: at most one per attempt in flight at
 * the kill. The service runs as production runs it (the built app, MODE=all, a child process).
 */
import { Pool } from 'pg';
import { bearer, createTestDatabase, orderBody, uniqueId, type TestDatabase } from '@app/harness';
import { buildOnce, killChildren, startChildApp, type ChildApp } from '@app/harness/child-process-app';
import { startSmtp, type SmtpSink } from './support/smtp';

const ORDERS = 40;
/** Each order: its confirmation, a cancelled line to the customer and the staff alert. */
const EMAILS = ORDERS * 3;
const STAFF = 'staff@shop.example';
/** Attempts in flight for the email subscription (EmailSink.maxInFlight): each sends its emails one after another. */
const IN_FLIGHT = 16;

describe('emails across a kill -9 and a restart', () => {
  let db: TestDatabase;
  let pool: Pool;
  let smtp: SmtpSink;
  let child: ChildApp | null = null;

  beforeAll(async () => {
    await buildOnce();
    db = await createTestDatabase('email_crash');
    pool = new Pool({ connectionString: db.url, max: 2 });
    pool.on('error', () => undefined);
    smtp = await startSmtp({ delayMs: 40 });
  }, 180_000);
  afterAll(async () => {
    await killChildren();
    await smtp?.stop();
    await pool?.end();
    await db?.drop();
  });

  const start = () => startChildApp({ databaseUrl: db.url, env: { LOG_LEVEL: 'warn', SMTP_URL: smtp.url, MAIL_FROM: 'orders@shop.example', STAFF_EMAIL: STAFF } });

  async function post(path: string, body: unknown): Promise<void> {
    const response = await fetch(`${child!.url}${path}`, { method: 'POST', headers: { ...bearer('service'), 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  }

  it('loses none and sends none twice under two identities', async () => {
    child = await start();
    const run = uniqueId('crash');
    const orders = Array.from({ length: ORDERS }, (_, i) => `${run}-${i}`);
    for (const orderId of orders) {
      await post('/orders', orderBody({ orderId, customer: { id: `c-${orderId}`, email: `${orderId}@example.com`, registered: true, locale: 'fr' } }));
      await post(`/orders/${orderId}/lines/2/cancel`, { reason: 'out_of_stock' });
    }
    await smtp.waitFor(() => smtp.received.length >= EMAILS / 4, 60_000);
    child.process.kill('SIGKILL');
    expect(await child.waitForExit(10_000)).toMatchObject({ signal: 'SIGKILL' });
    const atKill = smtp.received.length;
    child = await start();
    const distinct = () => new Set(smtp.received.map((m) => m.messageId)).size;
    await smtp.waitFor(() => distinct() === EMAILS, 90_000);
    expect(atKill).toBeLessThan(EMAILS);

    // One identity per email: its (recipient, subject) and its Message-ID go together.
    const identities = new Map<string, Set<string>>();
    for (const mail of smtp.received) {
      const key = `${mail.to}\n${mail.subject}`;
      identities.set(key, (identities.get(key) ?? new Set()).add(mail.messageId));
    }
    expect(identities.size).toBe(EMAILS);
    expect([...identities.values()].filter((ids) => ids.size !== 1)).toEqual([]);
    const staffSubjects = new Set(smtp.to(STAFF).map((m) => m.subject));
    for (const orderId of orders) {
      expect([...new Set(smtp.to(`${orderId}@example.com`).map((m) => m.subject))].sort()).toEqual([
        `Un article de votre commande ${orderId} a été annulé`, `Votre commande ${orderId} est confirmée`,
      ]);
      expect(staffSubjects.has(`[Action needed] Item cancelled: order ${orderId}`)).toBe(true);
    }
    // Repeats only from the window between the server's acceptance and our record, at the kill.
    expect(smtp.received.length - EMAILS).toBeLessThanOrEqual(IN_FLIGHT);
    const { rows } = await pool.query<{ state: string; n: number }>("SELECT state, count(*)::int AS n FROM outbound.notifications WHERE order_id LIKE $1 || '-%' GROUP BY state", [run]);
    expect(rows).toEqual([{ state: 'sent', n: EMAILS }]);
    await child.stop();
  }, 240_000);
});
