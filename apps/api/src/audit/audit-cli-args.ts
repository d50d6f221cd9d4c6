import { isISO8601 } from 'class-validator';
import { ID_PATTERN } from '../orders/shared/fields';
import { ZONED_DATE_TIME } from './zoned-date-time';
import type { StateAt } from './order-audit';

export type AuditCommand =
  | { name: 'history'; orderId: string }
  | { name: 'state'; orderId: string; when: StateAt }
  | { name: 'verify'; orderId: string }
  | { name: 'verify-all'; progressEverySeconds: number; concurrency: number }
  | { name: 'checkpoints' };

export interface AuditCliArgs {
  command: AuditCommand;
  /** The run's log (JSON lines); default <DATA_DIR>/audit.log. */
  logFile?: string;
}

export const USAGE = `usage: npm run audit -- <command>
  history <orderId>                       every event of the order, one JSON object a line
  state <orderId> --at <time>             the order as it was then (ISO 8601 with a zone)
  state <orderId> --revision <n>          the order right after revision n
  verify <orderId>                        recompute the order's hash chain
  verify --all [--progress-every <s>] [--concurrency <n>]   every order stream; broken ones are listed
  checkpoints                             every signed checkpoint, one JSON object a line, each checked
options: --log <file>   where the run is logged (default <DATA_DIR>/audit.log)
exit: 0 ok, 1 a broken chain or checkpoint, 2 bad usage, 3 no such order (or not yet placed), 4 could not run`;

export class UsageError extends Error {}

/** Parses `<command> [<orderId>] [--option value | --option=value]...`. */
export function parseAuditArgs(argv: readonly string[]): AuditCliArgs {
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!match) {
      positional.push(argv[i]);
      continue;
    }
    const [, name, inline] = match;
    if (options.has(name)) throw new UsageError(`--${name} given twice`);
    const value = name === 'all' ? 'true' : (inline ?? argv[(i += 1)]);
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    options.set(name, value);
  }
  const [name, orderId, ...extra] = positional;
  const take = (option: string) => {
    const value = options.get(option);
    options.delete(option);
    return value;
  };
  const logFile = take('log');
  const command = commandOf(name, orderId, take);
  if (extra.length) throw new UsageError(`unexpected argument ${extra[0]}`);
  if (options.size) throw new UsageError(`unknown option --${[...options.keys()][0]} for ${name}`);
  return { command, ...(logFile !== undefined ? { logFile } : {}) };
}

function commandOf(name: string | undefined, orderId: string | undefined, take: (option: string) => string | undefined): AuditCommand {
  if (name === 'verify' && take('all') !== undefined) {
    if (orderId !== undefined) throw new UsageError('verify takes an order id or --all, not both');
    return {
      name: 'verify-all',
      progressEverySeconds: number(take('progress-every') ?? '5', 'progress-every', 0, 86_400),
      concurrency: number(take('concurrency') ?? '4', 'concurrency', 1, 64, true),
    };
  }
  if (name === 'checkpoints') {
    if (orderId !== undefined) throw new UsageError(`unexpected argument ${orderId}`);
    return { name };
  }
  if (name !== 'history' && name !== 'state' && name !== 'verify') throw new UsageError(name ? `unknown command ${name}` : 'no command given');
  if (orderId === undefined) throw new UsageError(`${name} needs an order id`);
  if (!ID_PATTERN.test(orderId)) throw new UsageError(`not an order id: ${JSON.stringify(orderId)}`);
  if (name !== 'state') return { name, orderId };
  const at = take('at');
  const revision = take('revision');
  if ((at === undefined) === (revision === undefined)) throw new UsageError('state needs exactly one of --at and --revision');
  if (revision !== undefined) return { name, orderId, when: { revision: number(revision, 'revision', 0, 999_999_999, true) } };
  // The same rules as GET /state's `at`: a real calendar date (strict), and a zone.
  if (!isISO8601(at, { strict: true }) || !ZONED_DATE_TIME.test(at as string)) {
    throw new UsageError(`--at must be an ISO 8601 date-time with a zone, like 2026-11-20T10:00:00Z; got ${JSON.stringify(at)}`);
  }
  return { name, orderId, when: { at: new Date(at as string) } };
}

function number(raw: string, option: string, min: number, max: number, whole = false): number {
  const value = Number(raw);
  const pattern = whole ? /^\d+$/ : /^\d+(\.\d+)?$/;
  if (!pattern.test(raw) || value < min || value > max) {
    throw new UsageError(`--${option} must be a ${whole ? 'whole ' : ''}number from ${min} to ${max}; got ${JSON.stringify(raw)}`);
  }
  return value;
}
