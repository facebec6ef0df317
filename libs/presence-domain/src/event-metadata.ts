import type { CommandMetadata } from './presence-commands.js';
import type { EventMetadata } from './presence-events.js';

/** What every event of a command inherits from it: the command's clock, actor and ids, and the stream's schema version. */
export const eventMetadataOf = (command: { readonly metadata: CommandMetadata }, schemaVersion: number): EventMetadata => ({
  schemaVersion,
  occurredAt: command.metadata.now.toISOString(),
  actor: command.metadata.actor,
  causationId: command.metadata.commandId,
  correlationId: command.metadata.correlationId,
});
