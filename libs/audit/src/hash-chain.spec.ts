import { canonicalJson } from './canonical-json';
import { chainEvents, eventHash, GENESIS_HASH, verifyChain, verifyChainAgainst, type CheckpointAnchor } from './hash-chain';

const stream = () =>
  chainEvents(
    [
      { type: 'OrderPlaced', data: { orderId: '1', total: 100 }, metadata: { actor: 'a' } },
      { type: 'PaymentConfirmed', data: { amount: 100 }, metadata: { actor: 'b' } },
      { type: 'ComplaintOpened', data: { complaintId: 'c' }, metadata: { actor: 'c' } },
    ],
    GENESIS_HASH,
  ).map((e, revision) => ({ ...e, revision }));

describe('hash chain', () => {
  it('canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
  });

  it('verifies an untouched chain and reports its head', async () => {
    const events = stream();
    expect(await verifyChain(events)).toEqual({ valid: true, events: 3, headHash: events[2].metadata.hash });
  });

  it('finds changed data, changed metadata, a removed event and reordered events', async () => {
    const changedData = stream();
    changedData[1] = { ...changedData[1], data: { amount: 1 } };
    expect(await verifyChain(changedData)).toMatchObject({ valid: false, firstInvalidRevision: 1 });

    const changedMetadata = stream();
    changedMetadata[0] = { ...changedMetadata[0], metadata: { ...changedMetadata[0].metadata, actor: 'mallory' } };
    expect(await verifyChain(changedMetadata)).toMatchObject({ valid: false, firstInvalidRevision: 0 });

    const removed = stream().filter((e) => e.revision !== 1).map((e, revision) => ({ ...e, revision }));
    expect(await verifyChain(removed)).toMatchObject({ valid: false, firstInvalidRevision: 1 });

    const [a, b, c] = stream();
    expect(await verifyChain([a, { ...c, revision: 1 }, { ...b, revision: 2 }])).toMatchObject({ valid: false, firstInvalidRevision: 1 });
  });

  it('checks the chain against signed heads: a rewrite with recomputed hashes is valid only up to the last matching one', async () => {
    const events = stream();
    const anchor = (revision: number, hash = events[revision].metadata.hash): CheckpointAnchor =>
      ({ sequence: revision + 1, revision, hash, createdAt: '', position: '', keyId: 'k' });
    expect(await verifyChainAgainst(events, [anchor(0), anchor(2)])).toMatchObject({ valid: true, checkpointStatus: 'confirmed', signedEvents: 3 });
    expect(await verifyChainAgainst(events, null)).toMatchObject({ valid: true, checkpointStatus: 'disabled', checkpoint: null });

    const rewritten = chainEvents([events[0], { ...events[1], data: { amount: 99999 } }, events[2]], GENESIS_HASH).map((e, revision) => ({ ...e, revision }));
    expect(await verifyChain(rewritten)).toMatchObject({ valid: true });
    expect(rewritten[2].metadata.hash).toBe(eventHash(rewritten[2]));
    expect(await verifyChainAgainst(rewritten, [anchor(0), anchor(2)])).toMatchObject({
      valid: false, firstInvalidRevision: 1, events: 1, headHash: events[0].metadata.hash, checkpointStatus: 'contradicted', checkpoint: { revision: 2 },
    });
    expect(await verifyChainAgainst(events.slice(0, 2), [anchor(2)])).toMatchObject({ valid: false, firstInvalidRevision: 0, checkpointStatus: 'contradicted' });
    expect(await verifyChainAgainst(events, [{ ...anchor(1), forged: true }])).toMatchObject({ valid: false, checkpointStatus: 'forged', checkpoint: null });
  });
});
