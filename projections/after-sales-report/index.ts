export * from './after-sales.projection';
export * from './after-sales-report.query';
export * from './business-time';
