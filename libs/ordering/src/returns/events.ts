/** The return flow: the events (docs/events.md). */
import { eventType } from '../event-type';
import type { LineQuantity } from '../values';

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
}
export interface ReturnApproved { returnId: string }
export interface ReturnRejected { returnId: string; reason: string }
export interface ReturnDispatched { returnId: string; carrier: string; trackingNumber: string; shippingCost: number }
export interface ReturnReceived { returnId: string; inspection: Inspection; note?: string }

/** The repaired item goes back to the customer in this parcel. */
export interface RepairCompleted { returnId: string; shipmentId: string; carrier: string; trackingNumber: string }

export const RETURN_EVENTS = {
  ReturnRequested: eventType<ReturnRequested>({ schemaVersion: 1 }),
  ReturnApproved: eventType<ReturnApproved>({ schemaVersion: 1 }),
  ReturnRejected: eventType<ReturnRejected>({ schemaVersion: 1 }),
  ReturnDispatched: eventType<ReturnDispatched>({ schemaVersion: 1 }),
  ReturnReceived: eventType<ReturnReceived>({ schemaVersion: 1 }),
  RepairCompleted: eventType<RepairCompleted>({ schemaVersion: 1 }),
} as const;
