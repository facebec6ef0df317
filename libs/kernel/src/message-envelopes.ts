import type { Actor } from './actor.js';

/** Everything impure a decision needs comes in here, so decide stays a pure function. */
export interface CommandMetadata {
  readonly now: Date;
  readonly actor: Actor;
  /** Unique per request; the client's Idempotency-Key when it sent one. */
  readonly commandId: string;
  readonly correlationId: string;
  /**
   * True when the edge made the command id up for this one request (the
   * client sent no Idempotency-Key): no earlier run of it can exist and no
   * retry can name it, so the runner neither looks it up nor keeps its
   * outcome. Absent (the default) for every id a caller chose.
   */
  readonly freshCommandId?: boolean;
}

export interface EventMetadata {
  readonly schemaVersion: number;
  /** ISO-8601, from the command's clock: when the change happened in the product's eyes. */
  readonly occurredAt: string;
  readonly actor: Actor;
  /** The command that caused the event (an Idempotency-Key when the client sent one). */
  readonly causationId: string;
  readonly correlationId: string;
}

/** Every command of every domain: a name, its data, and the impure inputs (clock, actor, ids) in metadata. */
export interface CommandOf<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

/** Every event of every domain: what happened, its data, and who/when/why in metadata. */
export interface EventOf<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: EventMetadata;
}

/** The metadata of every event a command causes: its clock, actor and ids, stamped with the event schema. */
export const eventMetadataOf = (command: { readonly metadata: CommandMetadata }, schemaVersion: number): EventMetadata => ({
  schemaVersion,
  occurredAt: command.metadata.now.toISOString(),
  actor: command.metadata.actor,
  causationId: command.metadata.commandId,
  correlationId: command.metadata.correlationId,
});
