import { ERASED, redactPersonalData } from './personal-data';
import { placed, cancelled, complaintFeedbackGiven, complaintOpened, complaintReopened, complaintResolved, delivered, dispatched, paid, returnApproved, returnRejected } from './testing/fixtures';
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

  it('blanks every other free text: payment failure, cancellation and rejection reasons, complaint resolutions', () => {
    const failed: OrderEvent = { type: 'PaymentFailed', data: { reason: 'card of Ana declined' } };
    const state = stateOf(placed(), failed, cancelled('Ana asked by phone'));
    const redacted = redactPersonalData(state);
    expect(redacted.paymentFailure).toBe(ERASED);
    expect(redacted.cancellation).toEqual({ ...state.cancellation, reason: ERASED });

    const settled = stateOf(placed(), paid(), dispatched('s-1', ['1', '2']), delivered('1', '2026-03-02T09:04:00.000Z'),
      returnWithNote, returnRejected('r-1', 'worn by Ana'), complaintOpened('cmp-1'), complaintResolved('cmp-1'));
    const blanked = redactPersonalData(settled);
    expect(blanked.returns[0]).toEqual({ ...settled.returns[0], note: ERASED, rejectionReason: ERASED });
    expect(blanked.complaints[0]).toEqual({ ...settled.complaints[0], message: ERASED, resolution: ERASED });
    expect(redactPersonalData(blanked)).toEqual(blanked);
  });

  it('blanks the comment of complaint feedback and keeps whether the customer was satisfied', () => {
    const state = stateOf(placed(), complaintOpened('cmp-1'), complaintResolved('cmp-1'),
      complaintFeedbackGiven('cmp-1', false, 'Ana is still waiting'), complaintReopened('cmp-1'), complaintOpened('cmp-2'), complaintResolved('cmp-2'),
      complaintFeedbackGiven('cmp-2', true));
    const redacted = redactPersonalData(state);
    expect(redacted.complaints[0]).toEqual({
      ...state.complaints[0], message: ERASED, resolution: ERASED, feedback: { ...state.complaints[0].feedback, comment: ERASED },
    });
    expect(redacted.complaints[1].feedback).toEqual(state.complaints[1].feedback);
    expect(redacted.complaints[1].feedback).not.toHaveProperty('comment');
    expect(JSON.stringify(redacted)).not.toContain('Ana is still waiting');
    expect(redactPersonalData(redacted)).toEqual(redacted);
  });

  it('leaves an order without an address or personal values as it is', () => {
    const state = stateOf(placed({ customer: { id: 'c-2', registered: false }, shippingAddress: undefined }));
    expect(redactPersonalData(state)).toEqual(state);
    expect('shippingAddress' in JSON.parse(JSON.stringify(redactPersonalData(state)))).toBe(false);
  });
});
