/**
 * npm run privacy:migrate [-- --json]
 * Events are immutable, so events written before personal data was encrypted keep their
 * plaintext forever: this re-encrypts nothing. It reads every stored event (the raw store) and
 * reports how many streams still hold personal values in plaintext, and which of them belong to
 * customers already erased: what erasure could not reach (docs/privacy.md "Limits").
 * Reads the service's configuration (DATABASE_URL, EVENT_STORE_URL, DATA_DIR); a running
 * service's embedded server is joined and left running.
 */
import { loadConfig } from '@app/config';
import { Database } from '@app/database';
import { CUSTOMER_KEYS_TABLE, scanForPlaintext, type PlaintextScan } from '@app/privacy';
import type { Pool } from 'pg';
import { createEventStore } from '@app/platform';

const LISTED_STREAMS = 20;

export interface PlaintextReport {
  events: number;
  plaintextEvents: number;
  plaintextStreams: number;
  plaintextCustomers: number;
  erasedCustomersWithPlaintext: number;
  /** Streams of erased customers still holding plaintext (ids only), the first few. */
  erasedStreams: string[];
}

/** The whole CLI but the process: testable with any environment and output. Answers the exit code. */
export async function runPrivacyMigrateCli(argv: readonly string[], env: NodeJS.ProcessEnv, out: Pick<Console, 'log' | 'error'>): Promise<number> {
  if (argv.some((arg) => arg !== '--json')) {
    out.error('usage: npm run privacy:migrate [-- --json]');
    return 2;
  }
  const config = loadConfig(env);
  const database = await Database.open({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2, migrations: [], log: () => undefined });
  const store = createEventStore(config, database.pool);
  try {
    const scan = await scanForPlaintext(store, (events) => events % 100_000 === 0 && out.error(`privacy:migrate: ${events} events read`));
    const report = await reportOf(scan, database.pool);
    if (argv.includes('--json')) out.log(JSON.stringify(report));
    else for (const line of formatReport(report)) out.log(line);
    return 0;
  } finally {
    await store.close().catch(() => undefined);
    await database.close();
  }
}

export async function reportOf(scan: PlaintextScan, pool: Pool): Promise<PlaintextReport> {
  const customers = new Set([...scan.plaintextStreams.values()].filter((c): c is string => c !== null));
  const erased = await erasedAmong(pool, [...customers]);
  const erasedStreams = [...scan.plaintextStreams].filter(([, customer]) => customer !== null && erased.has(customer)).map(([stream]) => stream);
  return {
    events: scan.events,
    plaintextEvents: scan.plaintextEvents,
    plaintextStreams: scan.plaintextStreams.size,
    plaintextCustomers: customers.size,
    erasedCustomersWithPlaintext: erased.size,
    erasedStreams: erasedStreams.sort().slice(0, LISTED_STREAMS),
  };
}

export function formatReport(r: PlaintextReport): string[] {
  const lines = [
    `privacy:migrate: read ${r.events} events; nothing was rewritten (events are immutable).`,
    `${r.plaintextStreams} streams (${r.plaintextEvents} events, ${r.plaintextCustomers} customers) hold personal data in plaintext, written before encryption.`,
  ];
  if (r.plaintextStreams === 0) return [...lines, 'Every personal value is encrypted: erasure reaches all of it.'];
  lines.push('Erasure deletes keys: it cannot reach these plaintext values, only the read models\' copies of them (docs/privacy.md "Limits").');
  if (r.erasedCustomersWithPlaintext) {
    lines.push(`${r.erasedCustomersWithPlaintext} of these customers were already erased; their plaintext remains in: ${r.erasedStreams.join(', ')}${r.erasedStreams.length === LISTED_STREAMS ? ', ...' : ''}`);
  }
  return lines;
}

async function erasedAmong(pool: Pool, customerIds: string[]): Promise<Set<string>> {
  if (!customerIds.length) return new Set();
  const { rows: table } = await pool.query<{ name: string | null }>('SELECT to_regclass($1)::text AS name', [CUSTOMER_KEYS_TABLE]);
  if (!table[0].name) return new Set();
  const { rows } = await pool.query<{ customer_id: string }>(
    `SELECT customer_id FROM ${CUSTOMER_KEYS_TABLE} WHERE erased_at IS NOT NULL AND customer_id = ANY($1::text[])`, [customerIds]);
  return new Set(rows.map((r) => r.customer_id));
}

if (require.main === module) {
  runPrivacyMigrateCli(process.argv.slice(2), process.env, console).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
