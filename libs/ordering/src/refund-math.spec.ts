import { computeRefund, feeShare } from './refund-math';
import type { RefundMathInput } from './refund-math';

const base: RefundMathInput = {
  goodsTotal: 12498, shippingFee: 500, processingFee: 150, method: 'card', destination: 'original',
  alreadyRefundedGoods: 0, feeShareAlreadyCounted: 0, shippingAlreadyRefunded: false,
  requestedGoods: 4999, completesOrder: false, noReasonReturn: false,
};

describe('feeShare', () => {
  it('rounds down on the running total: 150 × 4999 / 12498 = 59.997 → 59', () => {
    expect(feeShare(150, 4999, 12498)).toBe(59);
  });
  it('gives the whole fee once every cent of goods is refunded', () => {
    expect(feeShare(150, 12498, 12498)).toBe(150);
  });
  it('never passes the whole fee, even if asked for more goods than exist', () => {
    expect(feeShare(150, 20000, 12498)).toBe(150);
  });
  it('is 0 for an order of free goods', () => {
    expect(feeShare(150, 0, 0)).toBe(0);
  });
  it('splits a fee of 2 over three units of 1 as 0, 1, 1 — never more than the fee in total', () => {
    const shares = [1, 2, 3].map((soFar) => feeShare(2, soFar, 3));
    expect(shares).toEqual([0, 1, 2]);
  });
  it('is exact beyond 2^53 products (BigInt): floor(1e8 × (9e15 − 1) / 9e15) = 99999999', () => {
    // A float product would round 8.99999999e23 − 1e8 up and answer 100000000.
    expect(feeShare(100_000_000, 9_000_000_000_000_000 - 1, 9_000_000_000_000_000)).toBe(99_999_999);
  });
});

describe('computeRefund', () => {
  it('card, original: goods + fee share', () => {
    expect(computeRefund(base)).toEqual({ goods: 4999, shipping: 0, returnShipping: 0, processingFee: 59, feeRetained: 0, total: 5058 });
  });
  it.each(['paypal', 'wallet'] as const)('%s: fee share retained', (method) => {
    expect(computeRefund({ ...base, method })).toMatchObject({ processingFee: 0, feeRetained: 59, total: 4999 });
  });
  it('wallet destination retains the fee share whatever the method', () => {
    expect(computeRefund({ ...base, destination: 'wallet' })).toMatchObject({ processingFee: 0, feeRetained: 59, total: 4999 });
  });
  it('continues from what was counted: second half 7499 → 150 − 59 = 91', () => {
    expect(computeRefund({ ...base, alreadyRefundedGoods: 4999, feeShareAlreadyCounted: 59, requestedGoods: 7499, completesOrder: true }))
      .toEqual({ goods: 7499, shipping: 500, returnShipping: 0, processingFee: 91, feeRetained: 0, total: 8090 });
  });
  it('carries shipping once: not again when already refunded, not on a no_reason return', () => {
    expect(computeRefund({ ...base, completesOrder: true, shippingAlreadyRefunded: true }).shipping).toBe(0);
    expect(computeRefund({ ...base, completesOrder: true, noReasonReturn: true }).shipping).toBe(0);
    expect(computeRefund({ ...base, completesOrder: true }).shipping).toBe(500);
  });
  it('pays return shipping only when the merchant was at fault', () => {
    expect(computeRefund({ ...base, returnShipping: { cost: 700, merchantFault: true } })).toMatchObject({ returnShipping: 700, total: 5758 });
    expect(computeRefund({ ...base, returnShipping: { cost: 700, merchantFault: false } })).toMatchObject({ returnShipping: 0, total: 5058 });
  });
  it('caps goods at what is left of goodsTotal', () => {
    expect(computeRefund({ ...base, alreadyRefundedGoods: 3000, feeShareAlreadyCounted: 36, requestedGoods: 12498, completesOrder: true }))
      .toEqual({ goods: 9498, shipping: 500, returnShipping: 0, processingFee: 114, feeRetained: 0, total: 10112 });
  });
  it('refuses non-integer or negative amounts (a programming error, not a business refusal)', () => {
    expect(() => computeRefund({ ...base, requestedGoods: 10.5 })).toThrow(RangeError);
    expect(() => computeRefund({ ...base, processingFee: -1 })).toThrow(RangeError);
  });
});
