/**
 * A PostgreSQL position is `<transaction_id>-<global_position>`, each zero-padded to 20 digits
 * (xid8 is an unsigned 64-bit number, at most 20 digits), so positions also sort correctly as
 * plain strings (a checkpoint column compared in SQL or by `<` keeps working). The global read
 * order is by transaction id first: see docs/event-store.md, "Why a reader never skips".
 */
export interface PgPosition {
  transactionId: bigint;
  globalPosition: bigint;
}

const WIDTH = 20;
const PATTERN = /^(\d{20})-(\d{20})$/;

/** Before every event: the default `after` of a read from the start. */
export const START: PgPosition = { transactionId: 0n, globalPosition: 0n };

export function formatPosition(transactionId: string | bigint, globalPosition: string | bigint): string {
  return `${String(transactionId).padStart(WIDTH, '0')}-${String(globalPosition).padStart(WIDTH, '0')}`;
}

export function parsePosition(position: string): PgPosition {
  const match = PATTERN.exec(position);
  if (!match) throw new TypeError(`Not a PostgreSQL event store position: ${JSON.stringify(position)}`);
  // BigInt, never Number: both halves can exceed 2^53.
  return { transactionId: BigInt(match[1]), globalPosition: BigInt(match[2]) };
}

export function comparePgPositions(a: string, b: string): number {
  const x = parsePosition(a);
  const y = parsePosition(b);
  if (x.transactionId !== y.transactionId) return x.transactionId < y.transactionId ? -1 : 1;
  if (x.globalPosition !== y.globalPosition) return x.globalPosition < y.globalPosition ? -1 : 1;
  return 0;
}
