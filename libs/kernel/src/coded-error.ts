/**
 * A rule violation the caller can act on: a code the HTTP edge maps to a
 * status (no message matching), and the input field it is about, if any.
 * Each domain narrows the code to its own union.
 */
export abstract class CodedError<Code extends string = string> extends Error {
  constructor(readonly code: Code, message: string, readonly field?: string) {
    super(message);
    this.name = new.target.name;
  }
}
