import { Readable } from 'node:stream';
import type { StreamingRead } from '@eventstore/db-client';
import { boundedRead } from './bounded-read';

// A real Node stream with the client's cancel(): what leaving a read early must do to it.
function readOf(items: number[]): { read: StreamingRead<number>; cancelled: () => boolean } {
  let cancelled = false;
  const read = Object.assign(Readable.from(items), { cancel: async () => void (cancelled = true) }) as unknown as StreamingRead<number>;
  return { read, cancelled: () => cancelled };
}

describe('boundedRead', () => {
  it("a caller's break cancels the gRPC call and destroys the stream", async () => {
    const { read, cancelled } = readOf([1, 2, 3, 4]);
    for await (const item of boundedRead(read, 1000, 'test')) if (item === 2) break;
    expect(cancelled()).toBe(true);
    expect(read.destroyed).toBe(true);
  });

  it('a read that ends by itself needs no cancel', async () => {
    const { read, cancelled } = readOf([1, 2]);
    const seen: number[] = [];
    for await (const item of boundedRead(read, 1000, 'test')) seen.push(item);
    expect(seen).toEqual([1, 2]);
    expect(cancelled()).toBe(false);
  });
});
