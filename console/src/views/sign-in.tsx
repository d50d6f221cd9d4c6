import { useState } from 'preact/hooks';

/** The token is typed (or pasted) here, checked against the API, and only then kept in sessionStorage. */
export function SignIn({ onSignIn, message }: { onSignIn(token: string): Promise<string | null>; message?: string }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(message ?? null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!token.trim()) {
      setError('Enter an API token.');
      return;
    }
    setBusy(true);
    const refused = await onSignIn(token.trim());
    setBusy(false);
    if (refused) {
      setError(`Sign-in failed: ${refused}`);
      setToken('');
    }
  };

  return (
    <main class="centered">
      <form class="panel sign-in" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Order management console</h1>
        <p>Sign in with an API token. On a default install the tokens are in <code>DATA_DIR/api-tokens.json</code> (one per role).</p>
        <label for="token">API token</label>
        <input id="token" name="token" type="password" autocomplete="off" spellcheck={false} value={token}
          onInput={(event) => setToken((event.target as HTMLInputElement).value)} aria-describedby={error ? 'sign-in-error' : undefined} />
        <button type="submit" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
        {error ? <p id="sign-in-error" class="error" role="alert">{error}</p> : null}
      </form>
    </main>
  );
}
