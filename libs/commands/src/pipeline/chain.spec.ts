import { GENESIS_HASH, verifyChain } from '@app/audit';
import { placed } from '../../../ordering/src/testing/fixtures';
import { contextFor, historyOf } from '../testing/histories';
import { chainNewEvents } from './chain';
import { NO_ORDER } from './load';

const input = (ids: string[]) => ({
  ids, context: contextFor({ idempotencyKey: 'k-9', causationId: 'req-1' }), now: new Date('2026-03-02T12:00:00Z'), requestHash: 'h-1', policyVersion: 'p-1',
});

describe('chainNewEvents', () => {
  it('starts a new order at the genesis hash and stamps every event with the command metadata', () => {
    const [event] = chainNewEvents([{ type: 'PaymentConfirmed', data: { transactionId: 't', amount: 1 } }], NO_ORDER, input(['id-1']));
    expect(event.eventId).toBe('id-1');
    expect(event.metadata).toMatchObject({
      actor: { type: 'token', role: 'service', tokenName: 'service' }, correlationId: 'corr-1', causationId: 'req-1',
      idempotencyKey: 'k-9', occurredAt: '2026-03-02T12:00:00.000Z', schemaVersion: 1, policyVersion: 'p-1', requestHash: 'h-1', prevHash: GENESIS_HASH,
    });
  });

  it('continues the chain from the order\'s last event, so the whole stream verifies', async () => {
    const [first] = chainNewEvents([{ type: 'OrderPlaced', data: placed().data as unknown as Record<string, unknown> }], NO_ORDER, input(['id-0']));
    const history = historyOf('o-1', [{ event: placed(), eventId: 'id-0', metadata: first.metadata }]);
    expect(history.lastHash).toBe(first.metadata.hash);
    const next = chainNewEvents([
      { type: 'PaymentConfirmed', data: { transactionId: 't', amount: 1 } },
      { type: 'OrderCancelled', data: { reason: 'merchant', by: 'merchant' } },
    ], history, input(['id-1', 'id-2']));
    expect(next[0].metadata.prevHash).toBe(first.metadata.hash);
    expect(next[1].metadata.prevHash).toBe(next[0].metadata.hash);
    const stream = [first, ...next].map((e, revision) => ({ ...e, revision }));
    expect(await verifyChain(stream)).toMatchObject({ valid: true, events: 3 });
  });
});
