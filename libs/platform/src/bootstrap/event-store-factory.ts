import { join } from 'node:path';
import { SqliteEventStore, type EventStore } from '@app/event-store';
import type { AppConfig } from '../config/app-config.js';

export interface EventStoreUse {
  /** Only read (an audit): the embedded file must exist already and is never written; ignored by EventStoreDB. */
  readonly readonly?: boolean;
}

/** The one line of configuration that swaps the embedded store for EventStoreDB. */
export const createEventStore = async (config: AppConfig, use: EventStoreUse = {}): Promise<EventStore> => {
  switch (config.eventStore) {
    case 'sqlite':
      return new SqliteEventStore(join(config.dataDir, 'events.sqlite'), { synchronous: config.sqliteSynchronous, readonly: use.readonly });
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
