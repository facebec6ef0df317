import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface AnnouncedProcess {
  /** What the process printed for `announcement`'s first group (a URL, a connection string). */
  readonly address: string;
  stop(): Promise<void>;
}

/**
 * Runs one of the bench's compiled helper processes (`script`, next to this
 * file) and waits until it prints a line matching `announcement`, whose first
 * group says where to reach it. SIGTERM stops it.
 */
export const spawnAnnounced = async (
  script: string, env: Record<string, string>, announcement: RegExp, timeoutMs = 20_000,
): Promise<AnnouncedProcess> => {
  const main = fileURLToPath(new URL(`./${script}`, import.meta.url));
  const child = spawn(process.execPath, [main], { env: { ...process.env, NODE_OPTIONS: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const address = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); fail(new Error(`${script} did not start:\n${output}`)); }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = announcement.exec(output);
      if (match) { clearTimeout(timer); done(match[1]); }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); fail(new Error(`${script} exited with ${code}:\n${output}`)); });
  });
  return { address, stop: async () => { child.kill('SIGTERM'); await exited; } };
};
