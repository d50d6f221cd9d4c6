/** What the customers' tracking page (apps/api/src/tracking) and their emails (projections/notifications) share. */
export * from './locale-format';
export * from './tracking-token';
export * from './tracking-secret';
export * from './tracking-link';
