/**
 * A deterministic year of refunds: orders in several currencies and payment methods, each with
 * one to four refunds at random instants of 2026 (UTC), amounts up to a few thousand units.
 */
import type { PaymentMethod, RefundDestination, RefundReason } from '@app/ordering';
import type { OrderSpec, RefundSpec } from './finance-events';

const CURRENCIES = ['EUR', 'USD', 'GBP', 'JPY'];
const METHODS: PaymentMethod[] = ['card', 'debit', 'gpay', 'paypal', 'wallet', 'bank_transfer'];
const REASONS: RefundReason[] = ['return', 'delivery_failed', 'cancellation', 'goodwill'];
const DESTINATIONS: RefundDestination[] = ['original', 'wallet'];
const YEAR_START = Date.UTC(2026, 0, 1);
const YEAR_MS = 365 * 24 * 3600 * 1000;

/** mulberry32: small, seeded, good enough to spread test data. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedOrder {
  order: OrderSpec;
  refunds: Array<RefundSpec & Required<Pick<RefundSpec, 'goods' | 'shipping' | 'returnShipping' | 'processingFee' | 'feeRetained'>>>;
}

export function generateOrders(count: number, seed = 42): GeneratedOrder[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const int = (max: number) => Math.floor(next() * (max + 1));
  return Array.from({ length: count }, (_, i) => {
    const method = pick(METHODS);
    const refunds = Array.from({ length: 1 + int(3) }, (__, j) => {
      const fee = int(300);
      const refundsFee = method !== 'paypal' && method !== 'wallet' && next() < 0.7;
      return {
        refundId: `rf-${j + 1}`,
        at: new Date(YEAR_START + Math.floor(next() * YEAR_MS)).toISOString(),
        reason: pick(REASONS),
        destination: pick(DESTINATIONS),
        goods: int(500_000),
        shipping: next() < 0.3 ? int(1500) : 0,
        returnShipping: next() < 0.2 ? int(900) : 0,
        processingFee: refundsFee ? fee : 0,
        feeRetained: refundsFee ? 0 : fee,
      };
    });
    return { order: { orderId: `gen-${seed}-${i}`, currency: pick(CURRENCIES), method }, refunds };
  });
}

/** The expected per-currency totals of a period, computed straight from the generated data. */
export function expectedTotals(orders: GeneratedOrder[], from: string, to: string) {
  const sums = new Map<string, { currency: string; count: number; goods: number; shipping: number; returnShipping: number; processingFee: number; feeRetained: number; total: number }>();
  for (const { order, refunds } of orders) {
    for (const r of refunds) {
      const day = r.at.slice(0, 10);
      if (day < from || day > to) continue;
      const s = sums.get(order.currency) ?? { currency: order.currency, count: 0, goods: 0, shipping: 0, returnShipping: 0, processingFee: 0, feeRetained: 0, total: 0 };
      s.count += 1;
      s.goods += r.goods;
      s.shipping += r.shipping;
      s.returnShipping += r.returnShipping;
      s.processingFee += r.processingFee;
      s.feeRetained += r.feeRetained;
      s.total += r.goods + r.shipping + r.returnShipping + r.processingFee;
      sums.set(order.currency, s);
    }
  }
  return [...sums.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}
