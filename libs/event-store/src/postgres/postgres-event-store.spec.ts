import { createTestDatabase } from '@app/harness/test-database';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { postgresContractFixture } from './postgres-contract-fixture';

// The machine's PostgreSQL (TEST_DATABASE_URL). No server: the setup throws and every test fails.
describeEventStoreContract('postgres', async () => {
  const database = await createTestDatabase('event_store_contract');
  return postgresContractFixture(database.url, () => database.drop());
});
