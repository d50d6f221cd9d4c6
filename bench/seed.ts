/**
 * Fills a database with realistic orders, for the benches (and anyone who wants a full one).
 *
 *   npm run bench:seed -- --orders 10000                      # fresh database on the machine's PostgreSQL, through HTTP
 *   npm run bench:seed -- --orders 10000 --url http://127.0.0.1:3000 --token <service token>   # a running service
 *   npm run bench:seed -- --orders 100000 --via store --database-url postgres://…              # through the event store port
 *
 * Without --url or --database-url it makes a fresh database on the machine's PostgreSQL
 * (TEST_DATABASE_URL's server), starts the real service against it (HTTP), seeds, stops the
 * service and keeps the database (its URL is printed; the benches take it as --database-url).
 * --via store writes straight through the EventStore port (~10× faster; no personal-data
 * sealing or idempotency records); a service started later catches its projections up.
 * Writes the "Seed" section of docs/benchmarks.md (throughput of the generator itself).
 */
import { parseArgs } from './lib/args';
import { startApp, TOKENS } from './lib/app';
import { onCleanup, runMain } from './lib/cleanup';
import { drainProjections } from './lib/health';
import { HttpClient } from './lib/http';
import { loadAverage, uptime } from './lib/machine';
import { runId } from './lib/orders';
import { fmt, table, writeSection } from './lib/report';
import { seedViaHttp, seedViaStore, type SeedResult } from './lib/seed';
import { createTestDatabase } from '@app/harness';

const args = parseArgs(process.argv.slice(2), {
  orders: 1000,
  via: 'http',
  url: '',
  token: TOKENS.service,
  databaseUrl: '',
  concurrency: 32,
  prefix: '',
  write: true,
  maxSeconds: 1800,
  /** Keep the database it made (to bench against it later); false drops it at the end. */
  keep: true,
});

runMain(async () => {
  if (!Number.isInteger(args.orders) || args.orders < 1 || args.orders > 10_000_000) throw new Error('--orders must be 1 to 10,000,000');
  if (args.via !== 'http' && args.via !== 'store') throw new Error('--via is http or store');
  const before = loadAverage();
  const prefix = args.prefix || `seed-${runId()}`;
  console.log(`seed: ${fmt(args.orders)} orders via ${args.via}, ${args.concurrency} at once, ids ${prefix}-N (${uptime()})`);
  const progress = (r: SeedResult) => console.log(`  ${fmt(r.orders)} orders, ${fmt(r.commands)} commands, ${fmt(r.events)} events, ${Math.round(r.commands / r.seconds)} commands/s`);
  let result: SeedResult;
  let where: string;
  if (args.via === 'store') {
    let databaseUrl = args.databaseUrl;
    if (!databaseUrl) {
      const db = await createTestDatabase('bench_seed');
      databaseUrl = db.url;
      if (!args.keep) onCleanup(`drop ${db.name}`, () => db.drop());
    }
    let last = 0;
    result = await seedViaStore(databaseUrl, {
      orders: args.orders, concurrency: Math.min(args.concurrency, 32), prefix,
      onProgress: (events) => {
        if (Date.now() - last < 2_000) return;
        last = Date.now();
        console.log(`  ${fmt(events)} events`);
      },
    });
    where = databaseUrl;
  } else if (args.url) {
    const http = new HttpClient(args.url, args.token);
    result = await seedViaHttp(http, { orders: args.orders, concurrency: args.concurrency, prefix, deadlineMs: args.maxSeconds * 1000, onProgress: progress });
    http.close();
    where = args.url;
  } else {
    const db = args.databaseUrl ? { url: args.databaseUrl } : await createTestDatabase('bench_seed');
    if (!args.databaseUrl && !args.keep && 'drop' in db) onCleanup(`drop ${db.name}`, () => db.drop());
    const app = await startApp({ target: 'local', databaseUrl: db.url, label: 'bench_seed' });
    try {
      result = await seedViaHttp(app.http, { orders: args.orders, concurrency: args.concurrency, prefix, deadlineMs: args.maxSeconds * 1000, onProgress: progress });
      await drainProjections(app.http, 300_000);
    } finally {
      await app.stop();
    }
    where = db.url;
  }
  const after = loadAverage();
  const rate = (n: number) => (n < 0 ? 'n/a' : fmt(Math.round(n / result.seconds)));
  console.log(`seeded ${fmt(result.orders)} orders (${result.commands < 0 ? '' : `${fmt(result.commands)} commands, `}${fmt(result.events)} events, ${result.refused} refused) in ${result.seconds} s into ${where}`);
  if (args.databaseUrl || ((args.via === 'store' || !args.url) && args.keep)) console.log(`database kept: --database-url ${where}`);
  if (args.write) {
    writeSection('seed', {
      title: 'Seed (the data generator)',
      command: `npm run bench:seed -- ${process.argv.slice(2).join(' ')}`,
      body: [
        `Realistic order stories (placed, paid or cancelled, shipped, delivered or failed, returns, refunds, complaints), chosen per order from its current view; ${result.via === 'http' ? 'sent over HTTP to the real service (it decides, seals personal data, chains hashes, appends)' : 'decided in memory by the real domain with hash-chained metadata and appended through the EventStore port'}, ${args.concurrency} orders at once.`,
        table(['via', 'orders', 'commands', 'events', 'refused', 'seconds', 'orders/s', 'commands/s', 'events/s'], [
          [result.via, fmt(result.orders), result.commands < 0 ? 'n/a' : fmt(result.commands), fmt(result.events), result.refused, result.seconds, rate(result.orders), rate(result.commands), rate(result.events)],
        ]),
      ].join('\n\n'),
      load: { before, after },
      result,
    });
  }
}, (args.maxSeconds + 300) * 1000);
