/**
 * The console's only way to the service: the public HTTP API, same origin, with the signed-in
 * user's bearer token. The token lives in sessionStorage only (gone when the tab closes), and is
 * never put in a URL, a log or the page.
 */
const TOKEN_KEY = 'om-console-token';

export const tokenStore = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** A problem+json answer (or a network failure, status 0) as one message a person can read. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, detail: string) {
    super(detail);
    this.name = 'ApiError';
  }
}

/** Raised on any 401 after sign-in: the app goes back to the sign-in form. */
export const UNAUTHENTICATED_EVENT = 'om-console-unauthenticated';

async function send(path: string, accept: string, token = tokenStore.get()): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { accept, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    throw new ApiError(0, 'network_error', 'The service did not answer.');
  }
  if (response.ok) return response;
  const problem = (await response.json().catch(() => ({}))) as { code?: string; detail?: string };
  const error = new ApiError(response.status, problem.code ?? `http_${response.status}`, problem.detail ?? response.statusText);
  if (response.status === 401 && token === tokenStore.get()) window.dispatchEvent(new CustomEvent(UNAUTHENTICATED_EVENT, { detail: error.message }));
  throw error;
}

export async function getJson<T>(path: string): Promise<T> {
  return (await send(path, 'application/json')).json() as Promise<T>;
}

/** The status a GET answers with this token, for learning what the token may do. */
export async function statusOf(path: string, token: string): Promise<number> {
  try {
    await send(path, 'application/json', token);
    return 200;
  } catch (error) {
    if (error instanceof ApiError) return error.status;
    throw error;
  }
}

/** Saves the API's own answer in another format (CSV, NDJSON) as a file, named as the API names it. */
export async function download(path: string, accept: string, fallbackName: string): Promise<void> {
  const response = await send(path, accept);
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const query = (params: Record<string, string | number | undefined>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

export const segment = encodeURIComponent;
