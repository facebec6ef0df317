import type { RecordedEvent } from './event-store.port.js';
import type { Refusal } from './idempotency/idempotency-ledger.port.js';

/** The shape every domain event shares: its metadata names the command that caused it. */
export interface CausedEvent {
  readonly type: string;
  readonly data: object;
  readonly metadata: { readonly causationId: string };
}

export interface IdentifiedCommand {
  readonly metadata: { readonly commandId: string };
}

/** Tells business refusals (remembered for a retried command id) from malformed input (decided again). */
export interface RefusalCodec {
  /** The refusal a thrown error stands for (not found, conflict), or undefined for anything a retry must decide again. */
  readonly of: (error: unknown) => Refusal | undefined;
  /** The error a retry answered from a remembered refusal throws again. */
  readonly toError: (refusal: Refusal) => Error;
}

/**
 * A stream's rule book, as the pure domain libraries export it: the runner
 * needs nothing else to load, decide and append for any kind of stream.
 * State must survive JSON.stringify/parse: idempotency records and
 * snapshots store it as JSON text.
 */
export interface Decider<Command extends IdentifiedCommand, State, Event extends CausedEvent> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: Event) => State;
  readonly decide: (command: Command, state: State) => readonly Event[];
  /** The stored event in today's schema (upcast), or undefined for a type this decider does not own. */
  readonly read: (stored: RecordedEvent) => Event | undefined;
  /** Set to allow snapshots; bump it whenever State's shape changes, so older snapshots are ignored. */
  readonly snapshotVersion?: number;
  readonly refusals?: RefusalCodec;
}
