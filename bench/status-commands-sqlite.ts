import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { runStatusCommandGroup } from './status-command-setup.js';

/** Embedded default: SQLite with synchronous=FULL (the app's default) on all four paths, each on its own file. */
await runStatusCommandGroup('status-commands-sqlite', 'SQLite', async () => ({
  appEnv: (dataDir) => ({ DATA_DIR: dataDir }),
  busEnv: (dataDir) => ({ DATA_DIR: dataDir }),
  raw: async (dir) => new SqliteEventStore(join(dir, 'raw', 'events.sqlite'), { synchronous: 'FULL' }),
  floor: (dir) => ({ sqlitePath: join(dir, 'floor', 'events.sqlite') }),
}));
