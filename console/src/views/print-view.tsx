import type { Access } from '../access';
import { actorOf, history, linkStatus, verification, type Verification } from '../audit';
import { ErrorNote } from '../components/common';
import { time } from '../format';
import { usePoll } from '../poll';
import { orderHref } from '../route';

/** A plain document for an audit file: the verdict and every event, printed as shown (print styles hide the rest). */
export function PrintView({ orderId, access }: { orderId: string; access: Access }) {
  const events = usePoll(`print-events:${orderId}`, () => history(orderId), 60_000);
  const verified = usePoll<Verification>(access.audit ? `print-verify:${orderId}` : null, () => verification(orderId), 60_000);
  return (
    <main class="print-view">
      <div class="no-print row">
        <a href={orderHref(orderId)}>← Back to the order</a>
        <button type="button" onClick={() => window.print()}>Print</button>
      </div>
      <h1>Audit file: order {orderId}</h1>
      <p>Prepared {new Date().toISOString()} by role {access.role}, from the service's event store.</p>
      <ErrorNote error={events.error ?? verified.error} />
      {verified.data ? (
        <p class={verified.data.valid ? 'verdict ok' : 'verdict bad'}>
          Hash chain {verified.data.valid ? `verified over ${verified.data.events} events` : `broken at revision ${verified.data.firstInvalidRevision}`}; head hash <span class="mono">{verified.data.headHash}</span>
        </p>
      ) : access.audit ? null : <p>Chain not verified (this role may not verify).</p>}
      {events.data ? (
        <table class="print-table">
          <thead>
            <tr><th scope="col">#</th><th scope="col">Event</th><th scope="col">Occurred / recorded</th><th scope="col">Actor</th><th scope="col">Correlation / causation</th><th scope="col">Idempotency key</th><th scope="col">Hash (link)</th></tr>
          </thead>
          <tbody>
            {events.data.map((event) => (
              <tr key={event.eventId}>
                <td>{event.revision}</td>
                <td>{event.type}<br /><span class="mono small">{event.eventId}</span></td>
                <td>{time(event.metadata.occurredAt as string)}<br />{time(event.recordedAt)}</td>
                <td>{actorOf(event.metadata)}</td>
                <td class="mono small">{String(event.metadata.correlationId ?? '—')}<br />{String(event.metadata.causationId ?? '—')}</td>
                <td class="mono small">{String(event.metadata.idempotencyKey ?? '—')}</td>
                <td class="mono small">{String(event.metadata.hash ?? '—')} ({linkStatus(event.revision, verified.data)})</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </main>
  );
}
