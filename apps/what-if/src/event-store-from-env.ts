import { existsSync } from 'node:fs';
import type { EventStore } from '@app/event-store';
import { ConfigError, appConfigFrom, createEventStore, sqliteEventLogPath, type Env } from '@app/platform';

/** A setting the user can fix; reported with exit status 2. */
export class WhatIfSettingError extends Error {}

/**
 * The configured store (the apps' own settings: EVENT_STORE, DATA_DIR,
 * EVENTSTORE_CONNECTION_STRING), read-only where the adapter allows it, so
 * a replay never touches a running server's files.
 */
export const eventStoreFromEnv = async (env: Env): Promise<{ store: EventStore; where: string }> => {
  let config;
  try {
    config = appConfigFrom(env);
  } catch (error) {
    if (error instanceof ConfigError) throw new WhatIfSettingError(error.problems.join('; '));
    throw error;
  }
  if (config.eventStore === 'sqlite') {
    const path = sqliteEventLogPath(config);
    if (!existsSync(path)) throw new WhatIfSettingError(`no event log at ${path} (set DATA_DIR to the folder the apps write to)`);
    return { store: await createEventStore(config, { readonly: true }), where: path };
  }
  return { store: await createEventStore(config), where: config.eventStoreConnectionString!.replace(/\/\/[^@/]*@/, '//***@') };
};
