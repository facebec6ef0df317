import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SECRET_FILE = 'auth-secret';

/**
 * The embedded default's HS256 secret: made at random on first start and kept
 * in the data folder (mode 0600), never a constant in the code. Two processes
 * starting at once agree: the loser of the exclusive create reads the winner's.
 */
export const loadOrCreateSecret = (dataDir: string): Uint8Array => {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, SECRET_FILE);
  try {
    writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const text = readFileSync(file, 'utf8').trim();
  if (text.length < 32) throw new Error(`${file} holds too short a secret; delete it to make a new one`);
  return new TextEncoder().encode(text);
};
