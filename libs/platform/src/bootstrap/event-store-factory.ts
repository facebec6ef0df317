import { SqliteEventStore, type EventStore } from '@app/event-store';
import type { AppConfig } from '../config/app-config.js';

/** Where the embedded default keeps its event log: SQLITE_PATH, by default DATA_DIR/events.sqlite. */
export const sqliteEventLogPath = (config: Pick<AppConfig, 'sqlitePath'>): string => config.sqlitePath;

/**
 * The one line of configuration that swaps the embedded store for EventStoreDB.
 * `readonly`: tools that only read (what-if, audit:verify) open SQLite read-only, so they never touch a running server's files.
 */
export const createEventStore = async (config: AppConfig, { readonly = false }: { readonly readonly?: boolean } = {}): Promise<EventStore> => {
  switch (config.eventStore) {
    case 'sqlite':
      return new SqliteEventStore(sqliteEventLogPath(config), { synchronous: config.sqliteSynchronous, readonly });
    case 'eventstoredb': {
      // Loaded only when chosen, so the embedded default never loads the gRPC client.
      const { EventStoreDbEventStore } = await import('@app/event-store/eventstoredb');
      return EventStoreDbEventStore.connect(config.eventStoreConnectionString!);
    }
    default: {
      const unhandled: never = config.eventStore;
      throw new Error(`unknown event store ${String(unhandled)}`);
    }
  }
};
