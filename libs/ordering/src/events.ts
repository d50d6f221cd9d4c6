/**
 * The order's event catalogue (docs/events.md). Types are string literals, never class names:
 * a stored event must keep its meaning across renames of code.
 * Money is integer minor units of the order's currency.
 *
 * Each event type is declared once, in its area's catalogue (placing/events.ts, ...): its data
 * type and schema version. Everything here is derived from those declarations.
 */
import { mergeCatalogues, type EventDataOf } from './event-type';
import { PLACING_EVENTS } from './placing/events';
import { SHIPPING_EVENTS } from './shipping/events';
import { RETURN_EVENTS } from './returns/events';
import { REFUND_EVENTS } from './refunds/events';
import { COMPLAINT_EVENTS } from './complaints/events';
import { CHANGE_EVENTS } from './changes/events';

export * from './values';
export * from './placing/events';
export * from './shipping/events';
export * from './returns/events';
export * from './refunds/events';
export * from './complaints/events';
export * from './changes/events';
export { eventType } from './event-type';
export type { EventTypeDeclaration, EventCatalogue, EventDataOf } from './event-type';

/** Every order event type → its declaration (schema version; data type at the type level). */
export const ORDER_EVENT_CATALOGUE = mergeCatalogues(PLACING_EVENTS, SHIPPING_EVENTS, RETURN_EVENTS, REFUND_EVENTS, COMPLAINT_EVENTS, CHANGE_EVENTS);

export type OrderEventCatalogue = typeof ORDER_EVENT_CATALOGUE;

export type OrderEventDataByType = { [K in keyof OrderEventCatalogue]: EventDataOf<OrderEventCatalogue[K]> };

export type OrderEventType = keyof OrderEventDataByType;

export type OrderEvent = {
  [K in OrderEventType]: { type: K; data: OrderEventDataByType[K] };
}[OrderEventType];

export type OrderEventOf<K extends OrderEventType> = Extract<OrderEvent, { type: K }>;

export const ORDER_EVENT_TYPES: readonly OrderEventType[] = Object.keys(ORDER_EVENT_CATALOGUE) as OrderEventType[];

/** The version events of `type` are written at today (its catalogue declaration). */
export function schemaVersionOf(type: OrderEventType): number {
  return ORDER_EVENT_CATALOGUE[type].schemaVersion;
}

/**
 * The version every order event type was at when one number served them all. Writers should use
 * schemaVersionOf(type), which follows a type's own bump; this stays until they have moved.
 */
export const CURRENT_SCHEMA_VERSION = 1;
