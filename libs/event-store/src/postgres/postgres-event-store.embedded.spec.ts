import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '@app/database';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { postgresContractFixture } from './postgres-contract-fixture';

// The same contract on the embedded server `npm start` uses by default (a private cluster).
describeEventStoreContract('postgres (embedded)', async () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'om-event-store-'));
  const server = await startEmbeddedPostgres({ dataDir: path.join(base, 'data', 'pg') });
  return postgresContractFixture(server.url, async () => {
    await server.stop();
    fs.rmSync(base, { recursive: true, force: true });
  });
});
