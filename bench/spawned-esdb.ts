import { spawnAnnounced } from './spawned-process.js';

export interface SpawnedEsdb {
  readonly connectionString: string;
  stop(): Promise<void>;
}

/** Starts esdb-wire-server-process.js and waits for its connection string. */
export const spawnEsdb = async (): Promise<SpawnedEsdb> => {
  const server = await spawnAnnounced('esdb-wire-server-process.js', {}, /esdb-wire-server: (esdb:\/\/\S+)/);
  return { connectionString: server.address, stop: () => server.stop() };
};
