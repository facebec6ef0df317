import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVER_MAIN = fileURLToPath(new URL('./esdb-wire-server-process.js', import.meta.url));

export interface SpawnedEsdb {
  readonly connectionString: string;
  stop(): Promise<void>;
}

/** Starts esdb-wire-server-process.js and waits for its connection string. */
export const spawnEsdb = async (timeoutMs = 20_000): Promise<SpawnedEsdb> => {
  const child = spawn(process.execPath, [SERVER_MAIN], { env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const connectionString = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); fail(new Error(`esdb wire server did not start:\n${output}`)); }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /esdb-wire-server: (esdb:\/\/\S+)/.exec(output);
      if (match) { clearTimeout(timer); done(match[1]); }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); fail(new Error(`esdb wire server exited with ${code}:\n${output}`)); });
  });
  return { connectionString, stop: async () => { child.kill('SIGTERM'); await exited; } };
};
