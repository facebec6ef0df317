/** What kind of rule a coded error broke, so an edge maps it to a status without knowing every code. */
export type ErrorKind = 'invalid' | 'not-found' | 'conflict';

/**
 * A rule violation the caller can act on: a code (no message matching), its
 * kind, and the input field it is about, if any. Each domain narrows the code
 * to its own union and says which kind each code is.
 */
export abstract class CodedError<Code extends string = string> extends Error {
  abstract readonly kind: ErrorKind;

  constructor(readonly code: Code, message: string, readonly field?: string) {
    super(message);
    this.name = new.target.name;
  }
}
