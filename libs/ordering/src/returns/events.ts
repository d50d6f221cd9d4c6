/** The return flow: the events (docs/events.md). */
import { eventType } from '../event-type';
import type { LineQuantity, OrderLine } from '../values';

export type ReturnReason = 'no_reason' | 'defective' | 'damaged_in_transit' | 'wrong_item' | 'not_as_described';
/** `repair`: the same item comes back repaired (RepairCompleted). */
export type ReturnResolution = 'refund' | 'exchange' | 'repair';
export type Inspection = 'passed' | 'failed';

export interface ReturnRequested {
  returnId: string;
  lines: LineQuantity[];
  reason: ReturnReason;
  resolution: ReturnResolution;
  merchantFault: boolean;
  note?: string;
  /**
   * Resolution exchange for another product: the new lines, priced in the order's currency.
   * Absent for an exchange of the same product. Added without a version bump (older events lack it).
   */
  exchangeFor?: OrderLine[];
}
export interface ReturnApproved { returnId: string }
export interface ReturnRejected { returnId: string; reason: string }
export interface ReturnDispatched { returnId: string; carrier: string; trackingNumber: string; shippingCost: number }
export interface ReturnReceived { returnId: string; inspection: Inspection; note?: string }

/** The repaired item goes back to the customer in this parcel. */
export interface RepairCompleted { returnId: string; shipmentId: string; carrier: string; trackingNumber: string }

/**
 * The passed return of an exchange for another product takes effect: the returned units are
 * exchanged, the new lines join the order, and the price difference goes into the order's
 * balance or refund due by the rule of edits (docs/domain-rules.md "Exchange for another product").
 */
export interface ExchangePriced {
  returnId: string;
  /** Σ unitPrice × quantity of the returned units. */
  returnedGoods: number;
  /** Σ unitPrice × quantity of the new lines. */
  exchangeGoods: number;
  /** The order's balance and difference refund once the exchange is priced, as in OrderEdited. */
  balanceDue: number;
  refundDue: number;
  /** Units of the new lines that wait for the balance before the replacement ships (empty when none is due). */
  awaitingBalance: LineQuantity[];
}

export const RETURN_EVENTS = {
  ReturnRequested: eventType<ReturnRequested>({ schemaVersion: 1 }),
  ReturnApproved: eventType<ReturnApproved>({ schemaVersion: 1 }),
  ReturnRejected: eventType<ReturnRejected>({ schemaVersion: 1 }),
  ReturnDispatched: eventType<ReturnDispatched>({ schemaVersion: 1 }),
  ReturnReceived: eventType<ReturnReceived>({ schemaVersion: 1 }),
  RepairCompleted: eventType<RepairCompleted>({ schemaVersion: 1 }),
  ExchangePriced: eventType<ExchangePriced>({ schemaVersion: 1 }),
} as const;
