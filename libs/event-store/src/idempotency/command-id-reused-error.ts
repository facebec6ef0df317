/**
 * A command id sent again after its idempotency window, whose decision
 * would append events the id already appended once (their ids derive from
 * it): the store refuses them. The client must use a new key.
 */
export class CommandIdReusedError extends Error {
  readonly code = 'COMMAND_ID_REUSED';

  constructor(readonly streamId: string, readonly commandId: string) {
    super(`command id ${commandId} was used on ${streamId} before its idempotency window; send a new one`);
    this.name = 'CommandIdReusedError';
  }
}
