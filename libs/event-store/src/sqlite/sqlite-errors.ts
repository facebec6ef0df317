import { EventStoreUnavailableError } from '../errors.js';

/**
 * Result codes (extended codes start with these) that mean "the store cannot
 * serve now, try later": disk full, read-only file or mount, I/O failure,
 * cannot open, or still locked by another process after busy_timeout.
 */
const UNAVAILABLE_CODES = ['SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_IOERR', 'SQLITE_CANTOPEN', 'SQLITE_BUSY', 'SQLITE_PERM'];

/** Not `instanceof Error`: module loaders (jest's among them) may throw errors from another realm. */
const messageOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);

const isUnavailableCode = (code: string): boolean =>
  UNAVAILABLE_CODES.some((prefix) => code === prefix || code.startsWith(`${prefix}_`));

/**
 * The SQLite result code of an error better-sqlite3 threw, else undefined.
 * Read from the error's shape, not `instanceof SqliteError`: the native addon
 * keeps the SqliteError class of the first copy of better-sqlite3 loaded in
 * the process, so a second copy (jest loads one per test file) gets errors
 * that are not instances of its own class.
 */
export const sqliteCodeOf = (error: unknown): string | undefined => {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
};

/** Maps SQLite's "come back later" failures to EventStoreUnavailableError; anything else passes through. */
export const toEventStoreError = (error: unknown): unknown => {
  const code = sqliteCodeOf(error);
  return code !== undefined && isUnavailableCode(code)
    ? new EventStoreUnavailableError(`SQLite event store unavailable (${code}): ${messageOf(error)}`, error)
    : error;
};

const BINDING_MISSING = /Could not locate the bindings file|better_sqlite3\.node|NODE_MODULE_VERSION|invalid ELF header|Cannot find module/;

export class NativeBindingMissingError extends Error {
  constructor(cause: unknown) {
    super(
      'better-sqlite3 native binding not built: run `npm rebuild better-sqlite3` ' +
        '(is better-sqlite3 in package.json allowScripts?). Cause: ' +
        messageOf(cause),
      { cause },
    );
  }
}

/** Recognises the errors better-sqlite3 throws when its compiled addon is absent or built for another Node. */
export const isNativeBindingMissing = (error: unknown): boolean =>
  sqliteCodeOf(error) === undefined && BINDING_MISSING.test(messageOf(error));
