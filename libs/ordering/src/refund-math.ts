/**
 * The breakdown of one refund (docs/domain-rules.md "Refunds"). Pure integer arithmetic on minor units.
 * The processing-fee share multiplies two amounts; the product goes through BigInt so it is
 * exact however large the order (a Number product of two 8-digit amounts would pass 2^53).
 */
import type { PaymentMethod, RefundDestination } from './events';

/** Methods whose processing fee the payment provider gives back when the money returns to it. */
const FEE_REFUNDABLE_METHODS: ReadonlySet<PaymentMethod> = new Set<PaymentMethod>(['card', 'debit', 'gpay', 'bank_transfer']);

export interface RefundMathInput {
  goodsTotal: number;
  shippingFee: number;
  /** The processing fee the customer paid. */
  processingFee: number;
  method: PaymentMethod;
  destination: RefundDestination;
  /** Running totals before this refund. */
  alreadyRefundedGoods: number;
  feeShareAlreadyCounted: number;
  shippingAlreadyRefunded: boolean;
  /** Σ unitPrice × quantity of the refunded lines, or the goodwill amount; capped here. */
  requestedGoods: number;
  /** True when, after this refund, every unit of the order is refunded. */
  completesOrder: boolean;
  /** A `no_reason` return never carries the order's shipping fee. */
  noReasonReturn: boolean;
  /** The return's shipping cost and fault, for return refunds. */
  returnShipping?: { cost: number; merchantFault: boolean };
}

export interface RefundAmounts {
  goods: number;
  shipping: number;
  returnShipping: number;
  processingFee: number;
  feeRetained: number;
  total: number;
}

export function computeRefund(input: RefundMathInput): RefundAmounts {
  assertMoney(input);
  const goodsLeft = Math.max(0, input.goodsTotal - input.alreadyRefundedGoods);
  const goods = Math.min(input.requestedGoods, goodsLeft);
  const shipping = input.completesOrder && !input.shippingAlreadyRefunded && !input.noReasonReturn ? input.shippingFee : 0;
  const returnShipping = input.returnShipping?.merchantFault ? input.returnShipping.cost : 0;
  const share = feeShare(input.processingFee, input.alreadyRefundedGoods + goods, input.goodsTotal) - input.feeShareAlreadyCounted;
  const feeShareNow = Math.max(0, share);
  const refundsFee = input.destination === 'original' && FEE_REFUNDABLE_METHODS.has(input.method);
  const processingFee = refundsFee ? feeShareNow : 0;
  const feeRetained = refundsFee ? 0 : feeShareNow;
  return { goods, shipping, returnShipping, processingFee, feeRetained, total: goods + shipping + returnShipping + processingFee };
}

/**
 * floor(fee × goodsRefundedSoFar / goodsTotal): computed on the running total, so the shares of
 * successive refunds add up to exactly the whole fee once every unit is refunded.
 * An order of free goods has no share to give (domain rule: goodsTotal 0 → 0).
 */
export function feeShare(fee: number, goodsRefundedSoFar: number, goodsTotal: number): number {
  if (goodsTotal <= 0) return 0;
  const soFar = Math.min(goodsRefundedSoFar, goodsTotal);
  return Number((BigInt(fee) * BigInt(soFar)) / BigInt(goodsTotal));
}

function assertMoney(input: RefundMathInput): void {
  const amounts: Array<[string, number]> = [
    ['goodsTotal', input.goodsTotal], ['shippingFee', input.shippingFee], ['processingFee', input.processingFee],
    ['alreadyRefundedGoods', input.alreadyRefundedGoods], ['feeShareAlreadyCounted', input.feeShareAlreadyCounted],
    ['requestedGoods', input.requestedGoods], ['returnShipping.cost', input.returnShipping?.cost ?? 0],
  ];
  for (const [name, value] of amounts) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer amount, got ${value}`);
  }
}
