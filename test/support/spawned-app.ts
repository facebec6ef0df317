import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { TEST_AUTH_ENV, TEST_CONNECTION_ENV } from './test-tokens.js';

export interface SpawnedApp {
  readonly url: string;
  readonly process: ChildProcess;
  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  kill(): Promise<void>;
  stop(): Promise<void>;
  output(): string;
}

const entry = (app: string) => resolve('dist', 'apps', app, 'src', 'main.js');

/**
 * Runs a built app (`npm run build`) as its own OS process, as `npm start`
 * would, so a test can kill -9 it. Resolves once it prints where it listens.
 */
export const spawnApp = async (app: string, env: Record<string, string>, timeoutMs = 20_000): Promise<SpawnedApp> => {
  const main = entry(app);
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` before this test`);
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, NODE_OPTIONS: '', HOST: '127.0.0.1', PORT: '0', ...TEST_AUTH_ENV, ...TEST_CONNECTION_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`${app} did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+?)[;\s]/.exec(output);
      if (match) { clearTimeout(timer); done(match[1].replace('[::1]', '127.0.0.1')); }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); fail(new Error(`${app} exited with ${code} before listening:\n${output}`)); });
  });
  return {
    url, process: child,
    kill: async () => { child.kill('SIGKILL'); await exited; },
    stop: async () => { child.kill('SIGTERM'); await exited; },
    output: () => output,
  };
};
