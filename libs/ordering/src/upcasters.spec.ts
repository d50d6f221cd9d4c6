import { CURRENT_SCHEMA_VERSION } from './events';
import { createOrderEventUpcaster, upcastOrderEvent } from './upcasters';

describe('upcastOrderEvent (today: every type at version 1)', () => {
  it('reads version 1 as it is', () => {
    expect(CURRENT_SCHEMA_VERSION).toBe(1);
    const data = { reason: 'card_declined' };
    expect(upcastOrderEvent('PaymentFailed', data, 1)).toEqual({ type: 'PaymentFailed', data });
  });
  it('refuses an unknown type, and versions it cannot read', () => {
    expect(() => upcastOrderEvent('OrderTeleported', {}, 1)).toThrow(/Unknown order event type/);
    expect(() => upcastOrderEvent('PaymentFailed', {}, 2)).toThrow(/not readable/);
    expect(() => upcastOrderEvent('PaymentFailed', {}, 0)).toThrow(/not readable/);
  });
});

describe('createOrderEventUpcaster (a made-up history)', () => {
  // Suppose ComplaintOpened v1 had `text`, v2 renamed it `message`, v3 added `category` (default 'other').
  const upcast = createOrderEventUpcaster({
    currentVersions: { ComplaintOpened: 3 },
    steps: [
      {
        type: 'ComplaintOpened', fromVersion: 1,
        upcast: (d) => { const { text, ...rest } = d as { text: string }; return { ...rest, message: text }; },
      },
      { type: 'ComplaintOpened', fromVersion: 2, upcast: (d) => ({ category: 'other', ...(d as object) }) },
    ],
  });

  it('runs the steps in sequence from the stored version', () => {
    expect(upcast('ComplaintOpened', { complaintId: 'k-1', text: 'Late' }, 1)).toEqual({
      type: 'ComplaintOpened', data: { complaintId: 'k-1', message: 'Late', category: 'other' },
    });
    expect(upcast('ComplaintOpened', { complaintId: 'k-1', message: 'Late', category: 'delivery' }, 3)).toEqual({
      type: 'ComplaintOpened', data: { complaintId: 'k-1', message: 'Late', category: 'delivery' },
    });
  });
  it('leaves other types alone', () => {
    expect(upcast('PaymentFailed', { reason: 'x' }, 1)).toEqual({ type: 'PaymentFailed', data: { reason: 'x' } });
  });
  it('refuses a configuration with a missing step or two steps for one version', () => {
    expect(() => createOrderEventUpcaster({ currentVersions: { OrderPlaced: 2 }, steps: [] })).toThrow(/No upcaster for OrderPlaced v1/);
    const step = { type: 'OrderPlaced' as const, fromVersion: 1, upcast: (d: unknown) => d };
    expect(() => createOrderEventUpcaster({ currentVersions: { OrderPlaced: 2 }, steps: [step, step] })).toThrow(/Two upcasters/);
  });
});
