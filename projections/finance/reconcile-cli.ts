/**
 * npm run finance:reconcile -- --from 2026-01-01 --to 2026-01-31
 * Replays every RefundIssued from the event store and compares it with the refund report of the
 * same period. Exit 0: equal to the cent; 1: a difference (printed per currency); 2: bad usage.
 * Reads the same configuration as the service (DATABASE_URL, EVENT_STORE_URL, DATA_DIR); a
 * running service's embedded server is joined and left running.
 */
import { loadConfig } from '@app/config';
import { Database } from '@app/database';
import { createEventStore } from '@app/platform';
import { isCalendarDate } from './calendar-date';
import { formatReconciliation, reconcile } from './reconcile';

export function parseReconcileArgs(argv: readonly string[]): { from: string; to: string } {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const match = /^--(from|to)(?:=(.*))?$/.exec(argv[i]);
    if (!match) throw new UsageError(`unknown argument ${argv[i]}`);
    values[match[1]] = match[2] ?? argv[(i += 1)] ?? '';
  }
  for (const name of ['from', 'to']) {
    if (!isCalendarDate(values[name])) throw new UsageError(`--${name} must be a date YYYY-MM-DD, got ${JSON.stringify(values[name] ?? '')}`);
  }
  if (values.from > values.to) throw new UsageError(`--from ${values.from} is after --to ${values.to}`);
  return { from: values.from, to: values.to };
}

class UsageError extends Error {}

/** The whole CLI but the process: testable with any environment and output. Answers the exit code. */
export async function runReconcileCli(argv: readonly string[], env: NodeJS.ProcessEnv, out: Pick<Console, 'log' | 'error'>): Promise<number> {
  let period: { from: string; to: string };
  try {
    period = parseReconcileArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    out.error(`${error.message}\nusage: npm run finance:reconcile -- --from YYYY-MM-DD --to YYYY-MM-DD`);
    return 2;
  }
  const config = loadConfig(env);
  const database = await Database.open({
    databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2, migrations: [], log: () => undefined,
  });
  const store = createEventStore(config, database.pool);
  try {
    const result = await reconcile({ store, db: database.pool, ...period });
    for (const line of formatReconciliation(result)) out.log(line);
    return result.ok ? 0 : 1;
  } finally {
    await store.close().catch(() => undefined);
    await database.close();
  }
}

if (require.main === module) {
  runReconcileCli(process.argv.slice(2), process.env, console).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.stack ?? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
