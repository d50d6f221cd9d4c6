import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL', () => {
  // Under /tmp like a CI clone elsewhere; as root the server runs as the postgres user.
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'om-embedded-'));
  const pgData = path.join(base, 'data', 'pg');
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it('initialises, keeps data across a restart, adopts a server whose parent died, and clears a stale pid file', async () => {
    const first = await startEmbeddedPostgres({ dataDir: pgData });
    await query(first.url, 'CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)');
    await first.stop();
    expect(fs.existsSync(path.join(pgData, 'postmaster.pid'))).toBe(false);

    const second = await startEmbeddedPostgres({ dataDir: pgData });
    expect(await query(second.url, 'SELECT v FROM kept')).toEqual([{ v: 42 }]);
    // The parent "dies" without stopping the server: the next start adopts the running one.
    const adopted = await startEmbeddedPostgres({ dataDir: pgData });
    expect(adopted.port).toBe(second.port);
    expect(await query(adopted.url, 'SELECT v FROM kept')).toEqual([{ v: 42 }]);
    await adopted.stop();

    // A crash that left postmaster.pid behind with a pid that is no longer postgres.
    fs.writeFileSync(path.join(pgData, 'postmaster.pid'), `999999\n${pgData}\n0\n5999\n`);
    const third = await startEmbeddedPostgres({ dataDir: pgData });
    expect(await query(third.url, 'SELECT v FROM kept')).toEqual([{ v: 42 }]);
    await third.stop();
  });
});
