import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api';

/** The console refreshes what it shows this often (new events, timers, refunds), without a reload. */
export const POLL_MS = 4000;

export interface Polled<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
}

/**
 * Loads now and again every `ms` while the page is visible; a new `key` starts over (and drops
 * answers to the old one). `key` null: nothing to load.
 */
export function usePoll<T>(key: string | null, load: () => Promise<T>, ms = POLL_MS): Polled<T> {
  const [state, setState] = useState<{ key: string | null; data?: T; error?: ApiError }>({ key: null });
  const loadRef = useRef(load);
  loadRef.current = load;
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    if (key === null) return undefined;
    let live = true;
    let timer: number | undefined;
    const run = async () => {
      try {
        const data = await loadRef.current();
        if (live) setState({ key, data });
      } catch (error) {
        if (live) setState((previous) => ({ key, data: previous.key === key ? previous.data : undefined, error: asApiError(error) }));
      }
      if (live) timer = window.setTimeout(tickWhenVisible, ms);
    };
    const tickWhenVisible = () => {
      if (document.hidden) timer = window.setTimeout(tickWhenVisible, ms);
      else void run();
    };
    void run();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [key, tick, ms]);

  const current = state.key === key;
  return { data: current ? state.data : undefined, error: current ? state.error : undefined, loading: key !== null && !current, reload };
}

export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, 'error', error instanceof Error ? error.message : String(error));
}
