import autocannon from 'autocannon';
import { startApp } from './lib/app';
import { placeOrderTemplate, runId } from './lib/orders';
import { runMain } from './lib/cleanup';
import { uptime } from './lib/machine';

runMain(async () => {
  const target = (process.argv[2] ?? 'local') as 'local' | 'embedded';
  const app = await startApp({ target, env: process.env.BENCH_MODE ? { MODE: process.env.BENCH_MODE } : {}, profile: process.argv.includes('--profile') });
  console.log('started', app.url, app.databaseUrl);
  const body = placeOrderTemplate();
  const id = runId();
  let n = 0;
  const run = (opts: Record<string, unknown>) => new Promise<autocannon.Result>((resolve, reject) => {
    autocannon({ url: app.url, connections: 32, pipelining: 1, duration: 10, ...opts,
      requests: [{ method: 'POST', path: '/orders', headers: { 'content-type': 'application/json', authorization: 'Bearer bench-service-token-000000000001' },
        setupRequest: (req: any) => { n += 1; req.body = body(`${id}-${n}`, n); return req; } }] } as any, (err: any, res: any) => err ? reject(err) : resolve(res));
  });
  await run({ duration: 5 });
  console.log(uptime());
  if (process.argv.includes('--profile')) await app.cpuProfile('/tmp/discard.cpuprofile');
  const { Client } = require('pg');
  const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query('select pg_stat_statements_reset()');
  const rate = Number(process.argv[3] ?? 0);
  const { measureCpu, databaseNameOf } = require('./lib/cpu-usage');
  const cpu = measureCpu(app.pid, databaseNameOf(app.databaseUrl));
  const r = await run(rate ? { overallRate: rate, connections: 100 } : {});
  if (process.argv.includes('--profile')) await app.cpuProfile('/tmp/place.cpuprofile');
  console.log(JSON.stringify(cpu()));
  console.log(uptime());
  console.log(JSON.stringify({ rps: r.requests.average, total: r.requests.total, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts, codes: (r as any).statusCodeStats }));
  const st = await admin.query(`select calls, round(total_exec_time::numeric,0) ms, round(mean_exec_time::numeric,3) mean, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) q from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname = current_database() or d.datname like 'om_%' order by calls desc limit 40`);
  console.table(st.rows);
  await admin.end();
  await app.stop();
}, 300_000);
