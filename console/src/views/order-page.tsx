import type { Access } from '../access';
import { history, verification, type Verification } from '../audit';
import { segment } from '../api';
import { DownloadButton, ErrorNote } from '../components/common';
import { usePoll } from '../poll';
import { Timeline } from './timeline';
import { Replay } from './replay';
import { VerifyPanel } from './verify-panel';
import { useState } from 'preact/hooks';

/** One order for an auditor: the chain's verdict, the timeline, the replay, the exports. */
export function OrderPage({ orderId, access }: { orderId: string; access: Access }) {
  const events = usePoll(`events:${orderId}`, () => history(orderId));
  const verified = usePoll<Verification>(access.audit ? `verify:${orderId}` : null, () => verification(orderId));
  const [selected, setSelected] = useState<number | null>(null);
  const list = events.data ?? [];
  const head = list.length - 1;
  const revision = selected === null || selected > head ? head : selected;

  return (
    <>
      <div class="title-row">
        <h1>Order <span data-testid="order-id">{orderId}</span></h1>
        <div class="row">
          <DownloadButton path={`/orders/${segment(orderId)}/events`} accept="application/x-ndjson" filename={`order-${orderId}-events.ndjson`}>Export NDJSON</DownloadButton>
          <a class="button secondary" href={`#/orders/${segment(orderId)}/print`}>Printable audit file</a>
        </div>
      </div>
      <ErrorNote error={events.error} />
      {events.loading ? <p role="status">Loading the history…</p> : null}
      {access.audit ? <VerifyPanel result={verified.data} error={verified.error} onVerify={verified.reload} /> : <p class="note">Your role may read the history but not verify the chain or replay states.</p>}
      {list.length > 0 ? (
        <div class="order-grid">
          <Timeline events={list} verified={verified.data} selected={access.audit ? revision : null} onSelect={access.audit ? setSelected : undefined} />
          {access.audit ? <Replay orderId={orderId} events={list} revision={revision} onRevision={setSelected} /> : null}
        </div>
      ) : null}
    </>
  );
}
