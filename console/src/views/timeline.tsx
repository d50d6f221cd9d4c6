import { actorOf, linkStatus, type AuditedEvent, type Verification } from '../audit';
import { Json } from '../components/common';
import { shortHash, time } from '../format';

const LINK_TEXT = { verified: 'link verified', broken: 'link broken', unchecked: 'link not checked' } as const;

/** Every event of the order, oldest first, with who, why (correlation, causation, key) and its chain link. */
export function Timeline({ events, verified, selected, onSelect }: {
  events: AuditedEvent[];
  verified: Verification | undefined;
  selected: number | null;
  onSelect?: (revision: number) => void;
}) {
  return (
    <section class="panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline ({events.length} events)</h2>
      <ol class="timeline" data-testid="timeline">
        {events.map((event) => {
          const meta = event.metadata;
          const link = linkStatus(event.revision, verified);
          return (
            <li key={event.eventId} class={`event ${selected === event.revision ? 'selected' : ''}`} data-revision={event.revision}>
              <div class="event-head">
                <span class="revision">#{event.revision}</span>
                <strong class="event-type">{event.type}</strong>
                <span class={`badge ${link}`} data-testid="link-status">{LINK_TEXT[link]}</span>
                {onSelect ? <button type="button" class="link" onClick={() => onSelect(event.revision)} aria-label={`Replay to revision ${event.revision}`}>Replay here</button> : null}
              </div>
              <dl class="facts compact">
                <dt>Occurred</dt><dd>{time(meta.occurredAt as string)}</dd>
                <dt>Recorded</dt><dd>{time(event.recordedAt)}</dd>
                <dt>Actor</dt><dd>{actorOf(meta)}</dd>
                <dt>Correlation</dt><dd class="mono">{String(meta.correlationId ?? '—')}</dd>
                <dt>Causation</dt><dd class="mono">{String(meta.causationId ?? '—')}</dd>
                <dt>Idempotency key</dt><dd class="mono">{String(meta.idempotencyKey ?? '—')}</dd>
                <dt>Chain</dt><dd class="mono" title={`${String(meta.prevHash)} → ${String(meta.hash)}`}>{shortHash(meta.prevHash)} → {shortHash(meta.hash)}</dd>
              </dl>
              <details>
                <summary>Data</summary>
                <Json value={event.data} />
              </details>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
