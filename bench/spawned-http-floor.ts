import { spawnAnnounced, type AnnouncedProcess } from './spawned-process.js';

/** Starts http-floor-server-process.js on `store` (a SQLite path or an EventStoreDB connection string); `address` is its URL. */
export const spawnHttpFloor = (store: { sqlitePath: string } | { connectionString: string }): Promise<AnnouncedProcess> =>
  spawnAnnounced(
    'http-floor-server-process.js',
    'sqlitePath' in store ? { SQLITE_PATH: store.sqlitePath } : { EVENTSTORE_CONNECTION_STRING: store.connectionString },
    /http-floor: listening on (http:\/\/\S+)/,
  );
