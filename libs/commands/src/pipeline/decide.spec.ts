import { DEFAULT_POLICY, DomainError, type OrderCommand } from '@app/ordering';
import { paid, placed, placeOrderCommand } from '../../../ordering/src/testing/fixtures';
import { contextFor, historyOf } from '../testing/histories';
import { NO_ORDER } from './load';
import { decideNew } from './decide';

const at = { now: new Date('2026-03-02T12:00:00Z'), policy: DEFAULT_POLICY };
const cancel: OrderCommand = { type: 'CancelOrder', orderId: 'o-1', reason: 'customer_request', by: 'customer' };

describe('decideNew', () => {
  it('answers the domain decision on the history read', () => {
    expect(decideNew(placeOrderCommand(), contextFor(), NO_ORDER, at).map((e) => e.type)).toEqual(['OrderPlaced']);
    expect(decideNew(cancel, contextFor(), historyOf('o-1', [{ event: placed() }]), at).map((e) => e.type)).toEqual(['OrderCancelled']);
  });

  it('refuses with revision_mismatch (412) when If-Match names another revision, before deciding', () => {
    const history = historyOf('o-1', [{ event: placed() }, { event: paid() }]);
    expect(() => decideNew(cancel, contextFor({ expectedRevision: 0 }), history, at)).toThrow(expect.objectContaining({ code: 'revision_mismatch' }));
    expect(() => decideNew(placeOrderCommand(), contextFor({ expectedRevision: 0 }), NO_ORDER, at))
      .toThrow(expect.objectContaining({ code: 'revision_mismatch', message: expect.stringContaining('no revision') }));
    expect(decideNew(cancel, contextFor({ expectedRevision: 1 }), history, at)).toHaveLength(1);
  });

  it('passes the domain refusal through unchanged', () => {
    const error = (() => {
      try {
        return decideNew(cancel, contextFor(), NO_ORDER, at);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'order_not_found' });
  });
});
