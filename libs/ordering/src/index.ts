/** The ordering domain's public surface (@app/ordering). Pure: no framework, no I/O, no clock. */
export * from './events';
export * from './commands';
export * from './errors';
export { DEFAULT_POLICY } from './policy';
export type { OrderPolicy } from './policy';
export { BusinessCalendar, UTC_CALENDAR } from './business-calendar';
export type { BusinessCalendarOptions } from './business-calendar';
export { initialOrderState } from './state';
export type {
  OrderState, LineState, LineStatus, FulfilmentStage, OrderStatus, ReturnStatus, ComplaintStatus,
  ShipmentState, ReturnState, RefundState, ComplaintState, RefundedTotals, EditState, EditTotals,
} from './state';
export { lineStatus, orderStatus } from './status';
export { evolve, foldOrder } from './evolve';
export type { EventMeta, FoldableEvent } from './evolve';
export { decide } from './decide';
export type { DecideContext } from './decide';
export { orderDecider } from './decider';
export type { OrderDecider } from './decider';
export type { Decision, DecideHandlers, Evolver, EvolveHandlers } from './handlers';
export { toOrderView } from './order-view';
export type { OrderView, OrderLineView, ReturnView, RefundView, ComplaintView, EditView } from './order-view';
export { previewEdit } from './changes/edit-changes';
export type { EditPreview } from './changes/edit-changes';
export { CANCELLED_BY } from './changes/decide';
export { upcastOrderEvent, createOrderEventUpcaster, ORDER_UPCAST_STEPS } from './upcasters';
export type { UpcastStep, UpcasterConfig, OrderEventUpcaster } from './upcasters';
export { computeRefund, feeShare } from './refund-math';
export type { RefundMathInput, RefundAmounts } from './refund-math';
export * from './sla';
export { isReturnable, isMerchantFault, returnDeadline, isWithinReturnWindow } from './returns/return-policy';
export { ERASED, CUSTOMER_DATA_ERASED, redactPersonalData } from './personal-data';
export type { CustomerDataErased } from './personal-data';
export { ORDER_LIMITS } from './limits';
