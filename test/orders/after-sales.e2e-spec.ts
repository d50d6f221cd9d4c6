/**
 * After-sales over HTTP on the real app (issue #19): the call back after a complaint is resolved,
 * the customer's feedback, a reopened complaint and the follow_up timer that shows who was not
 * called back; the warranty after the return window and the repair flow with its timer.
 * The test clock (POST /admin/clock) moves time.
 */
import { expectOk, orderBody, ordersApi, startTestApp, type TestApp } from '@app/harness';

describe('after-sales over HTTP: complaint follow-up, warranty and repair', () => {
  let t: TestApp;
  let api: ReturnType<typeof ordersApi>;

  const travel = (now: string) => expectOk(t.http.post('/admin/clock').set(t.as('admin')).send({ now }));
  const view = async (orderId: string, minPosition: string) =>
    (await expectOk(t.http.get(`/orders/${orderId}`).query({ minPosition }).set(t.as('service')))).body;
  const events = async (orderId: string): Promise<Array<{ type: string; data: Record<string, unknown> }>> =>
    (await expectOk(t.http.get(`/orders/${orderId}/events`).set(t.as('auditor')))).body.events;
  const timers = async (query: Record<string, string>) =>
    (await expectOk(t.http.get('/sla/timers').query(query).set(t.as('service')))).body.items as Array<Record<string, unknown>>;
  const complaint = (orderId: string, complaintId: string, action: string, body: object) =>
    api.post(`/orders/${orderId}/complaints/${complaintId}/${action}`, body);
  /** A paid order with complaint k-1 opened and resolved at 10:00 on Thursday 5 March. */
  const resolvedComplaint = async () => {
    await travel('2026-03-05T09:00:00.000Z');
    const body = orderBody();
    const orderId = String(body.orderId);
    await expectOk(api.place(body), 201);
    await expectOk(api.pay(orderId));
    await expectOk(api.post(`/orders/${orderId}/complaints`, { complaintId: 'k-1', category: 'delivery', message: 'Late' }));
    await travel('2026-03-05T10:00:00.000Z');
    const resolved = await expectOk(complaint(orderId, 'k-1', 'resolve', { resolution: 'voucher sent' }));
    return { orderId, position: String(resolved.body.position) };
  };

  beforeAll(async () => {
    t = await startTestApp();
    api = ordersApi(t);
  });
  afterAll(() => t.close());

  it('refuses feedback before the resolution, then records it once; the follow_up timer shows the missed call back', async () => {
    await travel('2026-03-05T09:00:00.000Z');
    const body = orderBody();
    const orderId = String(body.orderId);
    await expectOk(api.place(body), 201);
    await expectOk(api.post(`/orders/${orderId}/complaints`, { complaintId: 'k-1', category: 'quality', message: 'Scratched' }));
    const early = await complaint(orderId, 'k-1', 'feedback', { satisfied: true });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ code: 'complaint_not_resolved' });

    await travel('2026-03-05T10:00:00.000Z');
    const resolved = await expectOk(complaint(orderId, 'k-1', 'resolve', { resolution: 'voucher sent' }));
    const [running] = await timers({ orderId, kind: 'follow_up', minPosition: String(resolved.body.position) });
    expect(running).toMatchObject({ subjectId: 'k-1', state: 'running', duration: '2 business days' });
    expect(running.dueAt).toMatch(/^2026-03-09T10:00:00/); // the test clock runs on from where it was set

    await travel('2026-03-09T11:00:00.000Z'); // Monday, past due: nobody called back
    const [overdue] = await timers({ orderId, kind: 'follow_up', minPosition: String(resolved.body.position) });
    expect(overdue).toMatchObject({ state: 'overdue' });

    const given = await expectOk(complaint(orderId, 'k-1', 'feedback', { satisfied: true, comment: 'Fine in the end' }));
    expect(given.body.events).toEqual(['ComplaintFeedbackGiven']);
    expect((await events(orderId)).at(-1)?.data).toEqual({ complaintId: 'k-1', satisfied: true, comment: 'Fine in the end' });
    const shown = await view(orderId, String(given.body.position));
    expect(shown.complaints).toEqual([
      { complaintId: 'k-1', status: 'resolved', feedback: { satisfied: true, at: expect.stringMatching(/^2026-03-09T11:00:00/) }, reopenedCount: 0 },
    ]);
    const [late] = await timers({ orderId, kind: 'follow_up', minPosition: String(given.body.position) });
    expect(late).toMatchObject({ state: 'late', stoppedAt: shown.complaints[0].feedback.at });

    const twice = await complaint(orderId, 'k-1', 'feedback', { satisfied: false });
    expect(twice.status).toBe(422);
    expect(twice.body).toMatchObject({ code: 'feedback_already_given' });
  });

  it('an unsatisfied customer reopens the complaint: a response is due again, and the next resolution may get feedback', async () => {
    const { orderId } = await resolvedComplaint();
    await travel('2026-03-06T10:00:00.000Z');
    const reopened = await expectOk(complaint(orderId, 'k-1', 'feedback', { satisfied: false }));
    expect(reopened.body.events).toEqual(['ComplaintFeedbackGiven', 'ComplaintReopened']);
    const shown = await view(orderId, String(reopened.body.position));
    expect(shown.complaints).toEqual([
      { complaintId: 'k-1', status: 'open', feedback: { satisfied: false, at: expect.stringMatching(/^2026-03-06T10:00:00/) }, reopenedCount: 1 },
    ]);
    const responses = await timers({ orderId, kind: 'complaint_response', minPosition: String(reopened.body.position) });
    expect(responses.map((r) => r.state).sort()).toEqual(['met', 'running']);
    expect(responses.find((r) => r.state === 'running')).toMatchObject({ startedAt: shown.complaints[0].feedback.at, duration: '24 hours' });
    const [followUp] = await timers({ orderId, kind: 'follow_up', minPosition: String(reopened.body.position) });
    expect(followUp).toMatchObject({ state: 'met' });

    await expectOk(complaint(orderId, 'k-1', 'resolve', { resolution: 'replacement sent' }));
    const again = await expectOk(complaint(orderId, 'k-1', 'feedback', { satisfied: true }));
    const settled = await view(orderId, String(again.body.position));
    expect(settled.complaints[0]).toMatchObject({ status: 'resolved', feedback: { satisfied: true }, reopenedCount: 1 });
  });

  it('refuses a body without satisfied, or with a comment that is not text, and records nothing', async () => {
    const { orderId } = await resolvedComplaint();
    const missing = await complaint(orderId, 'k-1', 'feedback', { comment: 'ok' });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('satisfied');
    const wrong = await complaint(orderId, 'k-1', 'feedback', { satisfied: 'yes', comment: 3 });
    expect(wrong.status).toBe(400);
    expect((await events(orderId)).map((e) => e.type)).not.toContain('ComplaintFeedbackGiven');
  });

  describe('warranty and repair', () => {
    const returns = (orderId: string, path: string, body: object) => api.post(`/orders/${orderId}/returns${path}`, body);

    it('past the 14-day window a defective item is repaired, not refunded; the repaired item is delivered again', async () => {
      await travel('2026-03-02T10:00:00.000Z'); // Monday: delivered now
      const orderId = await api.delivered();
      await travel('2026-03-18T10:00:00.000Z'); // day 16
      const refund = await returns(orderId, '', { returnId: 'r-1', lines: [{ lineId: '1', quantity: 1 }], reason: 'defective', resolution: 'refund' });
      expect(refund.status).toBe(422);
      expect(refund.body).toMatchObject({ code: 'warranty_no_refund' });
      const late = await returns(orderId, '', { returnId: 'r-1', lines: [{ lineId: '2', quantity: 1 }], reason: 'wrong_item', resolution: 'exchange' });
      expect(late.body).toMatchObject({ code: 'return_window_closed' });

      await expectOk(returns(orderId, '', { returnId: 'r-1', lines: [{ lineId: '1', quantity: 2 }], reason: 'defective', resolution: 'repair' }));
      await expectOk(returns(orderId, '/r-1/approve', {}));
      await expectOk(returns(orderId, '/r-1/dispatch', { carrier: 'La Poste', trackingNumber: 'RT-1', shippingCost: 0 }));
      const received = await expectOk(returns(orderId, '/r-1/receive', { inspection: 'passed' }));
      expect((await view(orderId, String(received.body.position))).returns[0]).toMatchObject({ status: 'repair_in_progress', resolution: 'repair' });
      const [repair] = await timers({ orderId, kind: 'repair', minPosition: String(received.body.position) });
      expect(repair).toMatchObject({ subjectId: 'r-1', state: 'running', duration: '15 business days' });
      expect(repair.dueAt).toMatch(/^2026-04-08T10:00:00/); // 15 business days after Wednesday 18 March

      const repaired = await expectOk(returns(orderId, '/r-1/repaired', { shipmentId: 's-rep', carrier: 'DHL', trackingNumber: 'TRK-rep' }));
      expect(repaired.body.events).toEqual(['RepairCompleted']);
      const shipped = await view(orderId, String(repaired.body.position));
      expect(shipped.returns[0]).toMatchObject({ status: 'repaired' });
      expect(shipped.lines[0]).toMatchObject({ status: 'shipped' });
      const [met] = await timers({ orderId, kind: 'repair', minPosition: String(repaired.body.position) });
      expect(met).toMatchObject({ state: 'met' });

      const back = await expectOk(api.deliver(orderId, '1'));
      expect((await view(orderId, String(back.body.position))).lines[0]).toMatchObject({ status: 'delivered' });
      const receipts = await timers({ orderId, kind: 'receipt', minPosition: String(back.body.position) });
      expect(receipts.filter((r) => r.subjectId === '1' && r.state === 'running')).toHaveLength(1);
    });

    it('refuses a repair once the 365-day warranty is over: warranty_expired', async () => {
      await travel('2026-03-02T10:00:00.000Z');
      const orderId = await api.delivered();
      await travel('2027-03-03T10:00:00.000Z'); // day 366
      const expired = await returns(orderId, '', { returnId: 'r-1', lines: [{ lineId: '1', quantity: 1 }], reason: 'defective', resolution: 'repair' });
      expect(expired.status).toBe(422);
      expect(expired.body).toMatchObject({ code: 'warranty_expired' });
    });

    it('refuses to send back a repair that was not received: invalid_state_transition', async () => {
      await travel('2026-03-02T10:00:00.000Z');
      const orderId = await api.delivered();
      await expectOk(returns(orderId, '', { returnId: 'r-1', lines: [{ lineId: '2', quantity: 1 }], reason: 'defective', resolution: 'repair' }));
      const early = await returns(orderId, '/r-1/repaired', { shipmentId: 's-rep', carrier: 'DHL', trackingNumber: 'TRK-rep' });
      expect(early.status).toBe(422);
      expect(early.body).toMatchObject({ code: 'invalid_state_transition' });
    });
  });
});
