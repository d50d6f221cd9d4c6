import { describeEventStoreContract } from '../contract/event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

const url = process.env.EVENT_STORE_URL;

if (url) {
  // The server should be dedicated to the run: some checks read $all and expect only their writes.
  describeEventStoreContract('eventstoredb', async () => {
    const store = new EventStoreDbEventStore(url, { batchSize: 4 });
    await store.ping();
    return { store, teardown: () => store.close() };
  });
} else {
  // The one skip the project allows: no EventStoreDB server can run on every machine.
  // Straight to stderr: jest drops the console output of a suite whose tests are all skipped.
  process.stderr.write('SKIPPED eventstoredb contract: EVENT_STORE_URL not set\n');
  describe.skip('EventStore contract: eventstoredb (EVENT_STORE_URL not set)', () => {
    it('runs against EventStoreDB', () => undefined);
  });
}
