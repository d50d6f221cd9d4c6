export * from './amounts';
export * from './calendar-date';
export * from './finance.projection';
export * from './refund-report.query';
export * from './refund-ledger.query';
export * from './reconcile';
