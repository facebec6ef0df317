import type { ErrorKind } from './coded-error.js';

/** The shape every domain command and event shares, as far as a runner or a spec needs to know. */
export interface IdentifiedCommand {
  readonly type: string;
  /** See CommandMetadata: a fresh command id is neither looked up nor recorded. */
  readonly metadata: { readonly commandId: string; readonly freshCommandId?: boolean };
}

export interface CausedEvent {
  readonly type: string;
  readonly data: object;
  readonly metadata: { readonly causationId: string };
}

/** An event as any store hands it back, before a domain trusts its shape. */
export interface StoredEvent {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

/** A business refusal as a retried request gets it again: its code, kind (404 or 409 at the edge), message and field. */
export interface Refusal {
  readonly code: string;
  readonly kind?: Exclude<ErrorKind, 'invalid'>;
  readonly message: string;
  readonly field?: string;
}

/** Tells business refusals (remembered for a retried command id) from malformed input (decided again). */
export interface RefusalCodec {
  /** The refusal a thrown error stands for (not found, conflict), or undefined for anything a retry must decide again. */
  readonly of: (error: unknown) => Refusal | undefined;
  /** The error a retry answered from a remembered refusal throws again. */
  readonly toError: (refusal: Refusal) => Error;
}

/**
 * A stream's rule book as a plain value: what a command decides against the
 * state, how an event evolves it, where it starts, and how a stored event is
 * read in today's schema (undefined for a type the decider does not own).
 */
export interface Decider<Command extends IdentifiedCommand, State, Event extends CausedEvent> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: Event) => State;
  readonly decide: (command: Command, state: State) => readonly Event[];
  readonly read: (stored: StoredEvent) => Event | undefined;
  /**
   * State as JSON text and back, for idempotency records and snapshots;
   * default JSON.stringify/parse (a State holding a Map or a Date gives its own).
   */
  readonly stateJson?: { readonly write: (state: State) => string; readonly parse: (text: string) => State };
  /**
   * Set to allow snapshots (State must survive stateJson); bump it
   * whenever State's shape changes, so older snapshots are ignored.
   */
  readonly snapshotVersion?: number;
  /** Which thrown errors a retried command id gets again (payment-API rule: 404/409 yes, 400 no). */
  readonly refusals?: RefusalCodec;
}

/** A decider that also names its streams: one per entity (`agent-<id>`, `conversation-<id>`). */
export interface StreamDecider<Command extends IdentifiedCommand, State, Event extends CausedEvent> extends Decider<Command, State, Event> {
  /** The stream a command acts on. */
  readonly streamOf: (command: Command) => string;
  /** The stream of an entity, by its id. */
  readonly streamId: (entityId: string) => string;
}
