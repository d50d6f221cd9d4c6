import { ERASED, redactPersonalData } from './personal-data';
import { placed, complaintOpened, delivered, dispatched, paid, returnApproved } from './testing/fixtures';
import { stateOf } from './testing/decider-spec';
import type { OrderEvent } from './events';

const returnWithNote: OrderEvent = {
  type: 'ReturnRequested',
  data: { returnId: 'r-1', lines: [{ lineId: '1', quantity: 1 }], reason: 'defective', resolution: 'refund', merchantFault: true, note: 'call me' },
};

describe('redactPersonalData', () => {
  it('blanks e-mail, name, address, return notes and complaint text; keeps amounts, statuses and which optional keys exist', () => {
    const state = stateOf(placed({ customer: { id: 'c-1', email: 'ana@example.com', registered: true } }), paid(), dispatched('s-1', ['1', '2']),
      delivered('1', '2026-03-02T09:04:00.000Z'), returnWithNote, returnApproved('r-1'), complaintOpened('cmp-1'));
    const redacted = redactPersonalData(state);
    expect(redacted.customer).toEqual({ id: 'c-1', email: ERASED, registered: true });
    expect(redacted.shippingAddress).toEqual({ name: ERASED, line1: ERASED, city: ERASED, postalCode: ERASED, country: ERASED });
    expect(redacted.returns[0]).toEqual({ ...state.returns[0], note: ERASED });
    expect(redacted.complaints[0]).toEqual({ ...state.complaints[0], message: ERASED });
    expect({ ...redacted, customer: state.customer, shippingAddress: state.shippingAddress, returns: state.returns, complaints: state.complaints }).toEqual(state);
    expect(redactPersonalData(redacted)).toEqual(redacted);
  });

  it('leaves an order without an address or personal values as it is', () => {
    const state = stateOf(placed({ customer: { id: 'c-2', registered: false }, shippingAddress: undefined }));
    expect(redactPersonalData(state)).toEqual(state);
    expect('shippingAddress' in JSON.parse(JSON.stringify(redactPersonalData(state)))).toBe(false);
  });
});
