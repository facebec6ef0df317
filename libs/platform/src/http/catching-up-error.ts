/**
 * A read model asked for an answer it cannot give yet: it is still reading
 * the log up to the moment of the request (after a start, a long rebuild).
 * Answered 503 with Retry-After, never a partial answer.
 */
export class CatchingUpError extends Error {
  readonly code = 'CATCHING_UP';
  constructor(what: string) {
    super(`${what} is still catching up with the event log; try again shortly`);
  }
}
