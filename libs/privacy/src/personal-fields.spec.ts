import { commandCarriesPersonalData, mapPersonalValues, PERSONAL_EVENT_FIELDS } from './personal-fields';

const placed = {
  orderId: 'o-1',
  customer: { id: 'c-1', email: 'ana@example.com', name: 'Ana', registered: true },
  channel: 'web',
  currency: 'EUR',
  lines: [{ lineId: '1', sku: 'KB-01', name: 'Keyboard', quantity: 1, unitPrice: 100, category: 'physical' }],
  shippingFee: 5,
  payment: { method: 'card', processingFee: 1 },
  shippingAddress: { name: 'Ana', line1: '1 Main St', line2: 'Flat 2', city: 'Lyon', postalCode: '69001', region: 'ARA', country: 'FR' },
  goodsTotal: 100,
  total: 106,
};

describe('the personal field map', () => {
  it('marks e-mail, name and every address field of OrderPlaced, and nothing else', () => {
    const marked = mapPersonalValues('OrderPlaced', placed, () => '#');
    expect(marked).toEqual({
      ...placed,
      customer: { id: 'c-1', email: '#', name: '#', registered: true },
      shippingAddress: { name: '#', line1: '#', line2: '#', city: '#', postalCode: '#', region: '#', country: '#' },
    });
    // Ids, amounts, skus, product names and statuses are left as they are.
    expect(marked.lines).toBe(placed.lines);
    expect(marked.customer.id).toBe('c-1');
  });

  it('copies only along changed paths, never mutates, and answers the same object when nothing is personal', () => {
    const before = JSON.stringify(placed);
    const marked = mapPersonalValues('OrderPlaced', placed, () => '#');
    expect(JSON.stringify(placed)).toBe(before);
    expect(marked.payment).toBe(placed.payment);
    const anonymous = { ...placed, customer: { id: 'c-2', registered: false }, shippingAddress: undefined };
    expect(mapPersonalValues('OrderPlaced', anonymous, () => '#')).toBe(anonymous);
    const paid = { transactionId: 't-1', amount: 106 };
    expect(mapPersonalValues('PaymentConfirmed', paid, () => '#')).toBe(paid);
  });

  it('marks the free text customers write: return notes and complaint messages', () => {
    expect(mapPersonalValues('ReturnRequested', { returnId: 'r-1', note: 'broken on arrival' }, () => '#')).toEqual({ returnId: 'r-1', note: '#' });
    expect(mapPersonalValues('ReturnReceived', { returnId: 'r-1', inspection: 'passed', note: 'box opened' }, () => '#')).toMatchObject({ note: '#', inspection: 'passed' });
    expect(mapPersonalValues('ComplaintOpened', { complaintId: 'x', category: 'delivery', message: 'late' }, () => '#')).toMatchObject({ message: '#', category: 'delivery' });
    expect(mapPersonalValues('ComplaintResponded', { complaintId: 'x', message: 'sorry' }, () => '#')).toMatchObject({ message: '#' });
    expect(Object.keys(PERSONAL_EVENT_FIELDS).sort()).toEqual([
      'ComplaintFeedbackGiven', 'ComplaintOpened', 'ComplaintResolved', 'ComplaintResponded', 'OrderCancelled', 'OrderEdited', 'OrderPlaced', 'PaymentFailed', 'ReturnReceived', 'ReturnRejected', 'ReturnRequested',
    ]);
  });

  it('marks every other free text too: failure, cancellation and rejection reasons, resolutions', () => {
    expect(mapPersonalValues('PaymentFailed', { reason: 'card of Ana declined' }, () => '#')).toEqual({ reason: '#' });
    expect(mapPersonalValues('OrderCancelled', { reason: 'Ana changed her mind', by: 'customer' }, () => '#')).toEqual({ reason: '#', by: 'customer' });
    expect(mapPersonalValues('ReturnRejected', { returnId: 'r-1', reason: 'worn by Ana' }, () => '#')).toEqual({ returnId: 'r-1', reason: '#' });
    expect(mapPersonalValues('ComplaintResolved', { complaintId: 'x', resolution: 'voucher to ana@example.com' }, () => '#')).toEqual({ complaintId: 'x', resolution: '#' });
    for (const type of ['FailPayment', 'CancelOrder', 'RejectReturn']) expect(commandCarriesPersonalData({ type, reason: 'r' } as never)).toBe(true);
    expect(commandCarriesPersonalData({ type: 'ResolveComplaint', resolution: 'r' } as never)).toBe(true);
  });

  it('marks the comment of complaint feedback, and only when there is one', () => {
    expect(mapPersonalValues('ComplaintFeedbackGiven', { complaintId: 'x', satisfied: false, comment: 'Ana still waits' }, () => '#'))
      .toEqual({ complaintId: 'x', satisfied: false, comment: '#' });
    const noComment = { complaintId: 'x', satisfied: true };
    expect(mapPersonalValues('ComplaintFeedbackGiven', noComment, () => '#')).toBe(noComment);
    expect(commandCarriesPersonalData({ type: 'GiveComplaintFeedback', satisfied: true, comment: 'c' } as never)).toBe(true);
  });

  it('marks the address an edit sets, in whichever change of its list, and leaves the other changes as they are', () => {
    const address = { name: 'Ana', line1: '2 Rue Neuve', city: 'Paris', postalCode: '75001', country: 'FR' };
    const quantity = { op: 'set_quantity', lineId: '1', quantity: 2, previousQuantity: 1 };
    const data = { editId: 'e-1', changes: [quantity, { op: 'set_shipping_address', shippingAddress: address }] };
    const sealed = mapPersonalValues('OrderEdited', data, () => '#');
    expect(sealed).toEqual({
      editId: 'e-1',
      changes: [quantity, { op: 'set_shipping_address', shippingAddress: { name: '#', line1: '#', city: '#', postalCode: '#', country: '#' } }],
    });
    expect(sealed.changes[0]).toBe(quantity);
    expect(data.changes[1]).toEqual({ op: 'set_shipping_address', shippingAddress: address });
    expect(mapPersonalValues('OrderEdited', { editId: 'e-2', changes: [quantity] }, () => '#').changes[0]).toBe(quantity);
    expect(commandCarriesPersonalData({ type: 'EditOrder', changes: [{ op: 'set_shipping_address', shippingAddress: address }] } as never)).toBe(true);
    expect(commandCarriesPersonalData({ type: 'EditOrder', changes: [quantity] } as never)).toBe(false);
  });

  it('knows which commands carry personal data (their request fingerprint is keyed)', () => {
    expect(commandCarriesPersonalData({ type: 'PlaceOrder', ...placed } as never)).toBe(true);
    expect(commandCarriesPersonalData({ type: 'PlaceOrder', customer: { id: 'c', registered: true } } as never)).toBe(false);
    expect(commandCarriesPersonalData({ type: 'OpenComplaint', message: 'late' } as never)).toBe(true);
    expect(commandCarriesPersonalData({ type: 'RequestReturn', returnId: 'r' } as never)).toBe(false);
    expect(commandCarriesPersonalData({ type: 'ConfirmPayment', transactionId: 't', amount: 1 } as never)).toBe(false);
  });

  it('is keyed by order event types: a misspelled type does not compile', () => {
    // @ts-expect-error 'OrderPlacd' is not an order event type
    const misspelled: typeof PERSONAL_EVENT_FIELDS = { OrderPlacd: ['customer.email'] };
    expect(Object.keys(misspelled)).toEqual(['OrderPlacd']);
  });
});
