import { useState } from 'preact/hooks';
import type { Access } from '../access';
import { getJson, query, segment } from '../api';
import { ErrorNote, TableScroll } from '../components/common';
import { time } from '../format';
import { usePoll } from '../poll';
import { orderHref } from '../route';

/** The kinds GET /sla/timers knows (projections/sla-timers/sla-rules.ts). */
export const TIMER_KINDS = ['payment', 'shipment', 'delivery', 'receipt', 'return_review', 'refund', 'complaint_response'] as const;
const MAX_LISTED = 500;

interface Timer {
  timerId: string;
  orderId: string;
  kind: string;
  subjectId: string;
  startedAt: string;
  dueAt: string;
  state: string;
  policy: string;
}

interface TimerPage { items: Timer[]; nextCursor: string | null }

const timers = (state: string, kind?: string) => getJson<TimerPage>(`/sla/timers${query({ state, kind, limit: MAX_LISTED })}`);

/** Support: what is overdue, by kind, each linked to its order's timeline; complaints still unanswered. */
export function SupportPage({ access }: { access: Access }) {
  const [kind, setKind] = useState<string>('');
  const all = usePoll('overdue', () => timers('overdue'));
  const shown = usePoll(`overdue:${kind}`, () => (kind ? timers('overdue', kind) : timers('overdue')));
  const counts = new Map<string, number>();
  for (const timer of all.data?.items ?? []) counts.set(timer.kind, (counts.get(timer.kind) ?? 0) + 1);
  const more = all.data?.nextCursor ? '+' : '';

  return (
    <>
      <h1>Overdue</h1>
      <section class="panel" aria-labelledby="overdue-title">
        <h2 id="overdue-title">Overdue SLA timers</h2>
        <div class="chips" role="group" aria-label="Kind of timer">
          <button type="button" class="chip" aria-pressed={kind === ''} onClick={() => setKind('')}>All ({all.data?.items.length ?? '…'}{more})</button>
          {TIMER_KINDS.map((name) => (
            <button type="button" key={name} class="chip" aria-pressed={kind === name} data-kind={name} onClick={() => setKind(name)}>
              {name.replace('_', ' ')} ({counts.get(name) ?? 0}{more})
            </button>
          ))}
        </div>
        <ErrorNote error={shown.error ?? all.error} />
        {shown.data && shown.data.items.length === 0 ? <p data-testid="nothing-overdue">Nothing overdue{kind ? ` of kind ${kind}` : ''}.</p> : null}
        {shown.data && shown.data.items.length > 0 ? (
          <TableScroll label="Overdue timers">
            <table data-testid="overdue-timers">
              <thead><tr><th scope="col">Kind</th><th scope="col">Order</th><th scope="col">About</th><th scope="col">Due</th><th scope="col">Started</th><th scope="col">Policy</th></tr></thead>
              <tbody>
                {shown.data.items.map((timer) => (
                  <tr key={timer.timerId} class="overdue" data-timer={timer.timerId}>
                    <td>{timer.kind}</td>
                    <td>{access.events ? <a href={orderHref(timer.orderId)}>{timer.orderId}</a> : timer.orderId}</td>
                    <td>{timer.subjectId}</td>
                    <td>{time(timer.dueAt)}</td>
                    <td>{time(timer.startedAt)}</td>
                    <td>{timer.policy}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : null}
        {shown.data?.nextCursor ? <p class="note">Showing the {MAX_LISTED} most urgent.</p> : null}
      </section>
      {access.orders ? <OpenComplaints /> : null}
    </>
  );
}

interface OrderView { orderId: string; complaints: Array<{ complaintId: string; status: string }> }

/**
 * Complaints awaiting an answer: the orders with a running or overdue complaint-response timer,
 * and in each order's view the complaints whose status is still open.
 */
function OpenComplaints() {
  const complaints = usePoll('complaints', async () => {
    const [running, overdue] = await Promise.all([timers('running', 'complaint_response'), timers('overdue', 'complaint_response')]);
    const due = new Map([...overdue.items, ...running.items].map((timer) => [`${timer.orderId}/${timer.subjectId}`, timer]));
    const orderIds = [...new Set([...due.values()].map((timer) => timer.orderId))];
    const views = await Promise.all(orderIds.map((orderId) => getJson<OrderView>(`/orders/${segment(orderId)}`)));
    return views.flatMap((view) => view.complaints
      .filter((complaint) => complaint.status === 'open')
      .map((complaint) => ({ orderId: view.orderId, complaintId: complaint.complaintId, timer: due.get(`${view.orderId}/${complaint.complaintId}`) })));
  });
  return (
    <section class="panel" aria-labelledby="complaints-title">
      <h2 id="complaints-title">Complaints awaiting an answer</h2>
      <ErrorNote error={complaints.error} />
      {complaints.data?.length === 0 ? <p>None.</p> : null}
      {complaints.data && complaints.data.length > 0 ? (
        <TableScroll label="Complaints awaiting an answer">
          <table data-testid="open-complaints">
            <thead><tr><th scope="col">Order</th><th scope="col">Complaint</th><th scope="col">Answer due</th><th scope="col">State</th></tr></thead>
            <tbody>
              {complaints.data.map((item) => (
                <tr key={`${item.orderId}/${item.complaintId}`} class={item.timer?.state === 'overdue' ? 'overdue' : undefined}>
                  <td><a href={orderHref(item.orderId)}>{item.orderId}</a></td><td>{item.complaintId}</td>
                  <td>{time(item.timer?.dueAt)}</td><td>{item.timer?.state ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </section>
  );
}
