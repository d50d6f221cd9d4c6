/**
 * The auditors' command line (docs/auditing.md): npm run audit -- history|state|verify ...
 * Reads the same configuration as the service (DATABASE_URL or the embedded server in DATA_DIR,
 * EVENT_STORE_URL) and answers from the event store, like the audit endpoints.
 */
import 'reflect-metadata';
import path from 'node:path';
import type { Logger } from 'pino';
import { ConfigError, loadConfig, type AppConfig } from '@app/config';
import { NotFoundError } from '@app/ordering';
import { parseAuditArgs, USAGE, UsageError, type AuditCliArgs } from './audit-cli-args';
import { EXIT, executeAuditCommand, type CommandIo } from './audit-cli-commands';
import { lineWriter, openAuditStores, openRunLog, OutputClosedError } from './audit-cli-runtime';
import { RevisionBeyondHeadError } from './order-audit';

export interface CliStreams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** The whole CLI but the process: any arguments, environment and streams. Answers the exit code. */
export async function runAuditCli(argv: readonly string[], env: NodeJS.ProcessEnv, streams: CliStreams): Promise<number> {
  const err = (text: string) => void streams.stderr.write(text);
  if (argv[0] === 'help' || argv.includes('--help') || argv.includes('-h')) {
    streams.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  let args: AuditCliArgs;
  let config: AppConfig;
  try {
    args = parseAuditArgs(argv);
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof UsageError) {
      err(`${error.message}\n${USAGE}\n`);
      return EXIT.usage;
    }
    if (error instanceof ConfigError) {
      err(`${error.message}\n`);
      return EXIT.failed;
    }
    throw error;
  }
  const logFile = args.logFile ?? path.join(config.dataDir, 'audit.log');
  let log: Logger;
  try {
    log = openRunLog(logFile);
  } catch (error) {
    err(`cannot write the run log ${logFile} (choose another with --log): ${(error as Error).message}\n`);
    return EXIT.failed;
  }
  log.info({ command: args.command }, 'audit run started');
  const code = await run(args, config, { out: lineWriter(streams.stdout), err, log });
  log.info({ exitCode: code }, 'audit run finished');
  return code;
}

async function run(args: AuditCliArgs, config: AppConfig, io: CommandIo): Promise<number> {
  const { name } = args.command;
  const poolSize = args.command.name === 'verify-all' ? args.command.concurrency + 2 : 2; // + listing, + count
  let stores: Awaited<ReturnType<typeof openAuditStores>>;
  try {
    stores = await openAuditStores(config, { poolSize, decrypt: name === 'history' || name === 'state' }, io.log);
  } catch (error) {
    return failed(io, error instanceof ConfigError ? 'cannot start' : 'cannot open the database', error);
  }
  try {
    return await executeAuditCommand(args.command, stores, io);
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof RevisionBeyondHeadError) {
      io.err(`${error.message}\n`);
      io.log.warn({ reason: error.message }, 'refused');
      return error instanceof NotFoundError ? EXIT.notFound : EXIT.usage;
    }
    // The reader of stdout went away (`| head`): what it wanted was written.
    if (error instanceof OutputClosedError) return EXIT.ok;
    return failed(io, 'the audit could not complete', error);
  } finally {
    await stores.close();
  }
}

function failed(io: CommandIo, what: string, error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  io.err(`${what}: ${message}\n`);
  io.log.error({ err: error }, what);
  return EXIT.failed;
}

if (require.main === module) {
  runAuditCli(process.argv.slice(2), process.env, process).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.stack ?? error.message : String(error));
      process.exitCode = EXIT.failed;
    },
  );
}
