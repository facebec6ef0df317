import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SqliteEventStore, type EventStore } from '@app/event-store';

type Env = Readonly<Record<string, string | undefined>>;

/** A setting the user can fix; reported with exit status 2. */
export class WhatIfSettingError extends Error {}

/**
 * The configured store, read-only where the adapter allows it, so a replay
 * never touches a running server's files. (To be replaced by the shared
 * configuration of libs/platform.)
 */
export const eventStoreFromEnv = async (env: Env): Promise<{ store: EventStore; where: string }> => {
  const kind = env.EVENT_STORE || 'sqlite';
  switch (kind) {
    case 'sqlite': {
      const path = join(resolve(env.DATA_DIR || './data'), 'events.sqlite');
      if (!existsSync(path)) throw new WhatIfSettingError(`no event log at ${path} (set DATA_DIR to the folder the apps write to)`);
      return { store: new SqliteEventStore(path, { readonly: true }), where: path };
    }
    case 'eventstoredb': {
      const connection = env.EVENTSTORE_CONNECTION_STRING;
      if (!connection) throw new WhatIfSettingError('EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING (for example esdb://127.0.0.1:2113?tls=false)');
      // Loaded only when chosen, so the embedded default never loads the gRPC client.
      const { EventStoreDbEventStore } = await import('@app/event-store/eventstoredb');
      return { store: await EventStoreDbEventStore.connect(connection), where: connection.replace(/\/\/[^@/]*@/, '//***@') };
    }
    default:
      throw new WhatIfSettingError(`EVENT_STORE=${kind}: expected sqlite or eventstoredb`);
  }
};
