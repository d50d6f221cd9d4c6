export { orderStatusProjection, ORDER_STATUS } from './order-status.projection';
export * from './order-status.reads';
