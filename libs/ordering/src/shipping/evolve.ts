import type { OrderEventOf } from '../events';
import type { OrderState, ReturnState } from '../state';
import { quantitiesByLine, updateLines } from '../line-updates';
import { liveQuantity } from '../queries';
import type { EvolveHandlers } from '../handlers';
import type { SHIPPING_EVENTS } from './events';

export function shipmentDispatched(state: OrderState, event: OrderEventOf<'ShipmentDispatched'>, occurredAt: string): OrderState {
  const d = event.data;
  const next: OrderState = {
    ...state,
    shipments: [...state.shipments, {
      shipmentId: d.shipmentId, lineIds: [...d.lineIds], carrier: d.carrier, trackingNumber: d.trackingNumber,
      dispatchedAt: occurredAt, replacement: false,
    }],
  };
  return {
    ...next,
    lines: updateLines(next, d.lineIds, (l) => ({
      ...l, stage: 'shipped', shipmentId: d.shipmentId, carrier: d.carrier, trackingNumber: d.trackingNumber, dispatchedAt: occurredAt,
    })),
  };
}

export function itemDelivered(state: OrderState, event: OrderEventOf<'ItemDelivered'>): OrderState {
  const d = event.data;
  return {
    ...state,
    lines: updateLines(state, [d.lineId], (l) => ({
      ...l, stage: 'delivered', deliveredAt: d.deliveredAt, deliveredQuantity: liveQuantity(l), receiptConfirmed: false,
    })),
  };
}

export function itemDeliveryFailed(state: OrderState, event: OrderEventOf<'ItemDeliveryFailed'>): OrderState {
  const d = event.data;
  return {
    ...state,
    lines: updateLines(state, [d.lineId], (l) => ({ ...l, stage: 'delivery_failed', deliveryFailure: d.reason })),
  };
}

/**
 * A replacement puts the lines back in transit: the earlier delivery or failure no longer
 * describes where the goods are. For an exchange, the returned units are replaced, so they stop
 * counting as held by the merchant and the return closes.
 */
export function replacementShipped(state: OrderState, event: OrderEventOf<'ReplacementShipped'>, occurredAt: string): OrderState {
  return shipToCustomerAgain(state, event.data, occurredAt, 'replaced');
}

/** A parcel going back to the customer, maybe for a return (an exchange, a repair): its lines are in transit again. */
export interface ParcelBack { shipmentId: string; lineIds: readonly string[]; carrier: string; trackingNumber: string; returnId?: string }

/**
 * The lines ship again: delivery starts over (a new delivery timer, then a new receipt timer),
 * and the units the return took back are the customer's again. The return, if any, ends as `closedAs`.
 */
export function shipToCustomerAgain(state: OrderState, d: ParcelBack, occurredAt: string, closedAs: 'replaced' | 'repaired'): OrderState {
  const exchanged = d.returnId === undefined ? undefined : state.returns.find((r) => r.returnId === d.returnId);
  const returnedBack = quantitiesByLine(exchanged?.lines ?? []);
  const next: OrderState = {
    ...state,
    shipments: [...state.shipments, {
      shipmentId: d.shipmentId, lineIds: d.lineIds, carrier: d.carrier, trackingNumber: d.trackingNumber,
      dispatchedAt: occurredAt, replacement: true, ...(d.returnId !== undefined ? { returnId: d.returnId } : {}),
    }],
    returns: exchanged ? state.returns.map((r): ReturnState =>
      r === exchanged ? { ...r, status: closedAs, replacementShipmentId: d.shipmentId } : r) : state.returns,
  };
  // An exchange for another product ships its new lines: the returned lines are only released.
  const shipped = new Set(d.lineIds);
  const released = (exchanged?.lines ?? []).map((l) => l.lineId).filter((id) => !shipped.has(id));
  const lines = updateLines(next, released, (l) => (l.openReturnId === d.returnId ? { ...l, openReturnId: undefined } : l));
  return {
    ...next,
    lines: updateLines({ ...next, lines }, d.lineIds, (l) => ({
      ...l,
      stage: 'shipped',
      shipmentId: d.shipmentId,
      carrier: d.carrier,
      trackingNumber: d.trackingNumber,
      dispatchedAt: occurredAt,
      deliveredAt: undefined,
      deliveryFailure: undefined,
      deliveredQuantity: 0,
      receiptConfirmed: false,
      returnedQuantity: Math.max(0, l.returnedQuantity - (returnedBack.get(l.lineId) ?? 0)),
      openReturnId: exchanged && l.openReturnId === exchanged.returnId ? undefined : l.openReturnId,
    })),
  };
}

export function receiptConfirmed(state: OrderState, event: OrderEventOf<'ReceiptConfirmed'>): OrderState {
  return {
    ...state,
    lines: updateLines(state, event.data.lineIds, (l) => ({ ...l, stage: 'completed', receiptConfirmed: true })),
  };
}

/** This area's events → how each changes the state (evolve.ts joins every area's table). */
export const shippingEvolvers: EvolveHandlers<keyof typeof SHIPPING_EVENTS> = {
  ShipmentDispatched: shipmentDispatched,
  ItemDelivered: itemDelivered,
  ItemDeliveryFailed: itemDeliveryFailed,
  ReplacementShipped: replacementShipped,
  ReceiptConfirmed: receiptConfirmed,
};
