import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The files `npm run build` puts in dist/console/ (apps/presence/console/build-console.mjs), by name. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
  'console.js.map': 'application/json; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};

export interface ConsoleFile {
  readonly body: Buffer;
  readonly contentType: string;
}

/**
 * Where the built console is: beside the compiled app (dist/apps/presence/src/console → dist/console),
 * or dist/console under the working folder when the app runs from source (the test suites).
 */
export const consoleDirectory = (): string | undefined => [
  fileURLToPath(new URL('../../../../console/', import.meta.url)),
  join(process.cwd(), 'dist', 'console'),
].find((candidate) => existsSync(join(candidate, 'index.html')));

/**
 * The console's static files, read once: a closed list of names (no path from
 * a request ever reaches the file system), none when the console was not built.
 */
export class ConsoleFiles {
  private readonly files = new Map<string, ConsoleFile>();

  constructor(directory: string | undefined = consoleDirectory()) {
    if (!directory) return;
    for (const [name, contentType] of Object.entries(CONTENT_TYPES)) {
      const path = join(directory, name);
      if (existsSync(path)) this.files.set(name, { body: readFileSync(path), contentType });
    }
  }

  get built(): boolean {
    return this.files.has('index.html');
  }

  get(name: string): ConsoleFile | undefined {
    return this.files.get(name);
  }
}
