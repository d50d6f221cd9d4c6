/**
 * The audit CLI on the embedded PostgreSQL, as `npm start` leaves it: no DATABASE_URL, only a
 * DATA_DIR. The test fills the store through the port, stops the server, alters one stream, and
 * the CLI starts the server itself, finds the break, and stops it again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Database } from '@app/database';
import { PostgresEventStore } from '@app/event-store';
import { coreMigrations } from '@app/platform';
import { fillStore } from '@app/harness/fill-store';
import { seededRng } from '@app/harness/order-lifecycle';
import { ndjsonLines, runAuditCli } from './support/run-cli';
import { tamper } from './support/tamper';

describe('npm run audit on the embedded PostgreSQL (no DATABASE_URL)', () => {
  let dataDir: string;
  let lengths: Map<string, number>;
  let tampered: string;
  let intact: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-audit-embedded-'));
    const database = await Database.open({ dataDir, poolSize: 2, migrations: coreMigrations(), log: () => undefined });
    const store = new PostgresEventStore(database.pool);
    try {
      await fillStore(store, { orders: 6, rng: seededRng(11), prefix: 'emb' });
      const { rows } = await database.pool.query<{ stream_id: string; n: number }>('SELECT stream_id, count(*)::int AS n FROM events GROUP BY stream_id ORDER BY stream_id');
      lengths = new Map(rows.map((r) => [r.stream_id.slice('order-'.length), r.n]));
      const long = rows.filter((r) => r.n >= 3).map((r) => r.stream_id.slice('order-'.length));
      [tampered, intact] = long;
      await tamper(database.pool).swap(tampered, 1, 2);
    } finally {
      await store.close();
      await database.close();
    }
  }, 120_000);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('verifies every stream and names the altered one; reads a history; leaves the log in DATA_DIR', async () => {
    expect(lengths.size).toBe(6);
    const all = await runAuditCli(['verify', '--all'], { DATA_DIR: dataDir });
    expect(all.code).toBe(1);
    expect(all.stdout).toContain(`broken order-${tampered}: first invalid revision 1`);
    expect(all.stdout).toMatch(/verified 6 order streams, \d+ events .*: 1 broken/);

    const history = await runAuditCli(['history', intact], { DATA_DIR: dataDir });
    expect(history.code).toBe(0);
    expect(ndjsonLines(history.stdout)).toHaveLength(lengths.get(intact) as number);
    expect(fs.readFileSync(path.join(dataDir, 'audit.log'), 'utf8')).toContain('"msg":"audit run finished"');
  }, 120_000);
});
