import type { Position } from '@eventstore/db-client';

/**
 * An EventStoreDB position is the event's commit position in the transaction log, as a decimal
 * string (it is a 64-bit number: BigInt, never Number). For appends through the gRPC API every
 * event gets its own log record and its commit position equals its prepare position, so the
 * commit position alone identifies one event.
 */
export function formatEsdbPosition(position: Position | bigint): string {
  return String(typeof position === 'bigint' ? position : position.commit);
}

export function parseEsdbPosition(position: string): bigint {
  if (!/^\d+$/.test(position)) throw new TypeError(`Not an EventStoreDB position: ${JSON.stringify(position)}`);
  return BigInt(position);
}

/** The log position to read from; forward reads from it include the event at it. */
export function toLogPosition(position: string): Position {
  const commit = parseEsdbPosition(position);
  return { commit, prepare: commit };
}

export function compareEsdbPositions(a: string, b: string): number {
  const x = parseEsdbPosition(a);
  const y = parseEsdbPosition(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Reads of one stream on servers before 22.6 carry no log position (or 2^64 - 1 for "none"). */
export function knownPosition(position: Position | undefined): Position | undefined {
  if (!position || position.commit === 18446744073709551615n) return undefined;
  return position;
}
