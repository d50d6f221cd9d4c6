export * from './event-store.port';
export * from './stream-names';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store';
export { eventStoreMigrations } from './postgres/migrations';
export { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
