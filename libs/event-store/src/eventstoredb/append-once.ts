import type { AppendExpectedRevision, AppendResult, EventData, EventStoreDBClient } from '@eventstore/db-client';
// The client's single-call append. Its public appendToStream switches to the batch-append RPC
// whenever the server offers it, and 6.2.1's batch append keeps one promise table per
// connection that concurrent appends corrupt (fixed upstream in KurrentDB-Client-NodeJS PR #523).
import { append } from '@eventstore/db-client/dist/streams/appendToStream/append';

/** One Streams.Append call: the whole write commits atomically or not at all. */
export function appendOnce(client: EventStoreDBClient, streamId: string, events: EventData[], expectedRevision: AppendExpectedRevision): Promise<AppendResult> {
  return append.call(client, streamId, events, { expectedRevision, batchAppendSize: 0 });
}
