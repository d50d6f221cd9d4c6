import { KeyedMutex } from './keyed-mutex';

describe('KeyedMutex', () => {
  it('serialises tasks of one key in order, lets other keys through, survives failures, and forgets idle keys', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const a1 = mutex.run('a', async () => { await gate; log.push('a1'); });
    const a2 = mutex.run('a', async () => { log.push('a2'); throw new Error('boom'); });
    const a3 = mutex.run('a', async () => { log.push('a3'); return 3; });
    const b1 = mutex.run('b', async () => { log.push('b1'); });
    await b1;
    expect(log).toEqual(['b1']);
    release();
    await a1;
    await expect(a2).rejects.toThrow('boom');
    await expect(a3).resolves.toBe(3);
    expect(log).toEqual(['b1', 'a1', 'a2', 'a3']);
    await new Promise((r) => setImmediate(r));
    expect(mutex.size).toBe(0);
  });
});
