/** The one place that names streams. */
export const orderStream = (orderId: string): string => `order-${orderId}`;
export const customerStream = (customerId: string): string => `customer-${customerId}`;
export const ORDER_STREAM_PREFIX = 'order-';
export const orderIdFromStream = (streamId: string): string | null =>
  streamId.startsWith(ORDER_STREAM_PREFIX) ? streamId.slice(ORDER_STREAM_PREFIX.length) : null;
