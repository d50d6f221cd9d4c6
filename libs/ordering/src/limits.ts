/**
 * What one order may hold (docs/domain-rules.md "Limits"). Far above any real order (100 lines
 * through shipping, returns and refunds stay under 1,500 events), they bound what one caller can
 * make every later command, read and replay of that order cost.
 */
export const ORDER_LIMITS = Object.freeze({
  /** Events in one order's stream; a command that would pass it is refused. */
  eventsPerOrder: 10_000,
  complaintsPerOrder: 50,
  responsesPerComplaint: 100,
});
