/**
 * The audit CLI as a child process against a test database that the real app wrote through
 * HTTP: history, state, verify, verify --all with a tampered stream; exit codes, progress, run log.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expectOk, ordersApi, startTestApp, type TestApp } from '@app/harness';
import { ndjsonLines, runAuditCli } from './support/run-cli';
import { storedHashes, tamper } from './support/tamper';

/** No AUDIT_SIGNING_KEY with an external database: checkpoints are off (audit-checkpoints.e2e-spec.ts covers them). */
const UNSIGNED = { checkpointStatus: 'disabled', checkpoint: null, signedEvents: 0 };

describe('npm run audit (the CLI, as a child process)', () => {
  let t: TestApp;
  let env: Record<string, string>;
  let delivered: string;
  let paid: string;
  let placed: string;
  const cli = (...args: string[]) => runAuditCli(args, env);
  const logLines = () =>
    fs.readFileSync(path.join(t.config.dataDir, 'audit.log'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

  beforeAll(async () => {
    t = await startTestApp({ MODE: 'api' });
    env = { DATABASE_URL: t.db.url, DATA_DIR: t.config.dataDir };
    const api = ordersApi(t);
    delivered = await api.delivered();
    const { body } = await expectOk(api.place(), 201);
    paid = body.orderId;
    await expectOk(api.pay(paid));
    placed = (await expectOk(api.place(), 201)).body.orderId;
  });
  afterAll(() => t?.close());

  it('history: every event, one JSON object a line, as GET /events answers them', async () => {
    const run = await cli('history', delivered);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const { body } = await expectOk(t.http.get(`/orders/${delivered}/events`).set(t.as('auditor')));
    expect(ndjsonLines(run.stdout)).toEqual(body.events);
  });

  it('state: by revision and by time, as GET /state answers', async () => {
    const byRevision = await cli('state', delivered, '--revision', '2');
    expect(byRevision.code).toBe(0);
    const expected = await expectOk(t.http.get(`/orders/${delivered}/state?revision=2`).set(t.as('auditor')));
    expect(JSON.parse(byRevision.stdout)).toEqual(expected.body);

    const { body } = await expectOk(t.http.get(`/orders/${delivered}/events`).set(t.as('auditor')));
    const at = body.events[1].metadata.occurredAt;
    const byTime = await cli('state', delivered, `--at=${at}`);
    expect(byTime.code).toBe(0);
    expect(JSON.parse(byTime.stdout)).toMatchObject({ orderId: delivered, revision: 1, status: 'processing' });
  });

  it('answers 3 for an unknown order or a time before placement, 2 for bad usage or a revision beyond the head', async () => {
    expect(await cli('history', 'no-such-order')).toMatchObject({ code: 3, stdout: '', stderr: expect.stringMatching(/does not exist/) });
    expect((await cli('state', delivered, '--at', '2000-01-01T00:00:00Z')).code).toBe(3);
    expect(await cli('state', delivered, '--revision', '99')).toMatchObject({ code: 2, stderr: expect.stringMatching(/beyond the order's head revision 4/) });
    // Every refused argument is in audit-cli-args.spec.ts; here, that the process says so and exits 2.
    expect(await cli('state', delivered)).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('usage: npm run audit') });
  });

  it('verify: 0 and the chain when intact; 1 and the break once a row is altered; --all names the broken stream', async () => {
    const hashes = await storedHashes(t.pool, paid);
    expect(JSON.parse((await cli('verify', paid)).stdout)).toEqual({ orderId: paid, valid: true, events: 2, headHash: hashes[1], ...UNSIGNED });
    expect(await cli('verify', '--all')).toMatchObject({ code: 0, stdout: expect.stringMatching(/verified 3 order streams, 8 events .*: none broken/) });

    await tamper(t.pool).changeData(paid, 1);
    const one = await cli('verify', paid);
    expect(one.code).toBe(1);
    expect(JSON.parse(one.stdout)).toEqual({ orderId: paid, valid: false, events: 1, headHash: hashes[0], firstInvalidRevision: 1, ...UNSIGNED });
    expect(one.stderr).toMatch(/altered: first invalid revision 1/);

    // Every event of a stream deleted: nothing left to break a link, but the store still lists it.
    await tamper(t.pool).remove(placed, 0);
    const all = await cli('verify', '--all', '--progress-every', '0');
    expect(all.code).toBe(1);
    const [summary, ...broken] = all.stdout.trim().split('\n').reverse();
    expect(summary).toMatch(/^verified 3 order streams, 6 events in \d+ s \(\d+ events\/s\): 2 broken$/);
    expect(broken.sort()).toEqual([
      `broken order-${paid}: first invalid revision 1 (1 events verified before it)`,
      `broken order-${placed}: listed but has no events left`,
    ].sort());
    // Progress: streams and events done, rate, ETA, on stderr and in the run log.
    expect(all.stderr).toMatch(/^verify --all: 1 streams, \d+ events( \(\d+% of ~\d+\))?, \d+ events\/s, ETA (\d+ s|unknown)$/m);
    const log = logLines();
    expect(log.filter((l) => l.msg === 'verify --all progress').length).toBeGreaterThanOrEqual(3);
    expect(log).toContainEqual(expect.objectContaining({ msg: 'chain broken', streamId: `order-${paid}`, firstInvalidRevision: 1 }));
    expect(log.at(-1)).toMatchObject({ msg: 'audit run finished', exitCode: 1 });
  });

  it('verifies without any key; shows personal data only with the service\'s master key; 4 when it cannot run', async () => {
    const wrongKey = { ...env, PII_MASTER_KEY: randomBytes(32).toString('base64') };
    expect(await runAuditCli(['verify', delivered], wrongKey)).toMatchObject({ code: 0, stdout: expect.stringContaining('"valid":true') });
    expect(await runAuditCli(['history', delivered], wrongKey)).toMatchObject({ code: 4, stdout: '', stderr: expect.stringMatching(/could not complete/) });
    const unreachable = await runAuditCli(['verify', paid], { ...env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(unreachable).toMatchObject({ code: 4, stderr: expect.stringMatching(/cannot open the database/) });
  });
});
