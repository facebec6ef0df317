export * from './event-store.port.js';
export * from './global-position.js';
export * from './errors.js';
export { deterministicEventId } from './deterministic-event-id.js';
export { SqliteEventStore, type SqliteDurability, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store.js';
export * from './command-runner.js';
export * from './hash-chain/index.js';
