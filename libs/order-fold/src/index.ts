/** The one fold over stored order events (@app/order-fold): write path, projections and audit. */
export * from './fold-stored-events';
export * from './load-order';
export * from './order-history-cache';
