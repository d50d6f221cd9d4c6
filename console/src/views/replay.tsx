import { useEffect, useRef, useState } from 'preact/hooks';
import { changes, stateAt, type AuditedEvent, type Change } from '../audit';
import type { ApiError } from '../api';
import { ErrorNote, Json } from '../components/common';
import { time } from '../format';
import { asApiError } from '../poll';

type State = Record<string, unknown>;

/**
 * Step or slide through the order's revisions: the state the API replays at each one
 * (GET /state?revision=n) beside what changed from the one before. A past state never changes,
 * so each is fetched once.
 */
export function Replay({ orderId, events, revision, onRevision }: {
  orderId: string;
  events: AuditedEvent[];
  revision: number;
  onRevision(revision: number): void;
}) {
  const head = events.length - 1;
  const cache = useRef(new Map<number, State>());
  const [shown, setShown] = useState<{ revision: number; state: State; previous?: State }>();
  const [error, setError] = useState<ApiError>();
  const [at, setAt] = useState('');

  useEffect(() => {
    cache.current.clear();
  }, [orderId]);

  useEffect(() => {
    let live = true;
    const load = async (n: number): Promise<State> => {
      const kept = cache.current.get(n);
      if (kept) return kept;
      const state = await stateAt(orderId, { revision: n });
      cache.current.set(n, state);
      return state;
    };
    Promise.all([load(revision), revision > 0 ? load(revision - 1) : Promise.resolve(undefined)]).then(
      ([state, previous]) => {
        if (!live) return;
        setError(undefined);
        setShown({ revision, state, previous });
      },
      (failure) => live && setError(asApiError(failure)),
    );
    return () => {
      live = false;
    };
  }, [orderId, revision]);

  const goToTime = async (event: Event) => {
    event.preventDefault();
    const when = new Date(at);
    if (!at || Number.isNaN(when.getTime())) {
      setError(asApiError(new Error('Enter a time such as 2026-03-01T10:00:00Z.')));
      return;
    }
    try {
      const state = await stateAt(orderId, { at: when.toISOString() });
      onRevision(Number(state.revision));
    } catch (failure) {
      setError(asApiError(failure));
    }
  };

  const event = events[revision];
  const diff: Change[] = shown ? changes(shown.previous, shown.state) : [];
  return (
    <section class="panel replay" aria-labelledby="replay-title">
      <h2 id="replay-title">Replay</h2>
      <div class="replay-controls">
        <button type="button" class="secondary" onClick={() => onRevision(Math.max(0, revision - 1))} disabled={revision <= 0}>◀ Previous</button>
        <label class="slider">
          <span class="visually-hidden">Revision</span>
          <input type="range" min={0} max={head} step={1} value={revision} aria-valuetext={`revision ${revision} of ${head}`}
            onInput={(e) => onRevision(Number((e.target as HTMLInputElement).value))} />
        </label>
        <button type="button" class="secondary" onClick={() => onRevision(Math.min(head, revision + 1))} disabled={revision >= head}>Next ▶</button>
      </div>
      <p data-testid="replay-position" role="status">
        Revision <strong>{revision}</strong> of {head}: {event?.type} at {time(event?.metadata.occurredAt as string)}
      </p>
      <form class="row" onSubmit={goToTime}>
        <label for="replay-at">State at a time (UTC)</label>
        <input id="replay-at" placeholder="2026-03-01T10:00:00Z" value={at} onInput={(e) => setAt((e.target as HTMLInputElement).value)} />
        <button type="submit" class="secondary">Go</button>
      </form>
      <ErrorNote error={error} />
      {shown && shown.revision === revision ? (
        <>
          <h3>What changed at revision {revision}</h3>
          {diff.length === 0 ? <p>Nothing in the order's view changed.</p> : (
            <ul class="changes" data-testid="changes">
              {diff.map((change) => (
                <li key={change.path}>
                  <span class="mono">{change.path}</span>{' '}
                  <span class={`badge ${change.kind}`}>{change.kind}</span>{' '}
                  {change.kind !== 'added' ? <span class="before">{short(change.before)}</span> : null}
                  {change.kind === 'changed' ? ' → ' : null}
                  {change.kind !== 'removed' ? <span class="after">{short(change.after)}</span> : null}
                </li>
              ))}
            </ul>
          )}
          <p class="state-summary" data-testid="replay-status">Status: <strong>{String(shown.state.status)}</strong></p>
          <details>
            <summary>The whole state at revision {revision}</summary>
            <Json value={shown.state} />
          </details>
        </>
      ) : null}
    </section>
  );
}

function short(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? '—' : text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
