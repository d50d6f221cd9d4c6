import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { download, type ApiError } from '../api';
import { asApiError } from '../poll';

/** A wide table scrolls sideways on a phone; the region is focusable so a keyboard can scroll it too. */
export function TableScroll({ label, children }: { label: string; children: ComponentChildren }) {
  return <div class="table-scroll" role="region" aria-label={label} tabIndex={0}>{children}</div>;
}

export function ErrorNote({ error }: { error: ApiError | undefined }) {
  if (!error) return null;
  return <p class="error" role="alert">{error.status ? `${error.status} ${error.code}: ` : ''}{error.message}</p>;
}

/** Downloads the API's own answer in another format: what the file holds is exactly what the API says. */
export function DownloadButton({ path, accept, filename, children }: { path: string; accept: string; filename: string; children: string }) {
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await download(path, accept, filename);
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="download">
      <button type="button" class="secondary" onClick={run} disabled={busy}>{children}</button>
      <ErrorNote error={error} />
    </span>
  );
}

/** Any JSON value, readable: objects as nested definition lists would be long; indented JSON is honest. */
export function Json({ value }: { value: unknown }) {
  return <pre class="json">{JSON.stringify(value, null, 2)}</pre>;
}
