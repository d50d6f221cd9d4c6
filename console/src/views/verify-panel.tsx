import { Fragment } from 'preact';
import type { ApiError } from '../api';
import { KNOWN_VERIFICATION_FIELDS, type Verification } from '../audit';
import { ErrorNote, Json } from '../components/common';

/** GET /orders/{id}/verify: the verdict first, then every field the API gave, known or new. */
export function VerifyPanel({ result, error, onVerify }: { result: Verification | undefined; error: ApiError | undefined; onVerify(): void }) {
  const extra = result ? Object.entries(result).filter(([key]) => !KNOWN_VERIFICATION_FIELDS.has(key)) : [];
  return (
    <section class="panel" aria-labelledby="verify-title">
      <div class="title-row">
        <h2 id="verify-title">Hash chain</h2>
        <button type="button" class="secondary" onClick={onVerify}>Verify again</button>
      </div>
      <ErrorNote error={error} />
      {result ? (
        <>
          <p data-testid="chain-verdict" class={result.valid ? 'verdict ok' : 'verdict bad'} role="status">
            {result.valid
              ? `Verified: all ${result.events} events link up.`
              : `Broken: the chain fails at revision ${result.firstInvalidRevision} (the ${result.events} ${result.events === 1 ? 'event' : 'events'} before it link up).`}
          </p>
          <dl class="facts">
            <dt>Head hash</dt><dd class="mono">{result.headHash}</dd>
            {extra.map(([key, value]) => (
              <Fragment key={key}>
                <dt>{key}</dt>
                <dd data-testid={`verify-${key}`}>{typeof value === 'object' && value !== null ? <Json value={value} /> : String(value)}</dd>
              </Fragment>
            ))}
          </dl>
        </>
      ) : null}
    </section>
  );
}
