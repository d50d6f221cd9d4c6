/** What tests and benchmarks share (@app/harness): tokens, databases, the app in-process, simulators. */
export * from './tokens';
export * from './test-database';
export * from './in-process-app';
export * from './orders';
