/** The shape every domain command and event shares, as far as a runner or a spec needs to know. */
export interface IdentifiedCommand {
  readonly type: string;
  readonly metadata: { readonly commandId: string };
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
}

/** A decider that also names its streams: one per entity (`agent-<id>`, `conversation-<id>`). */
export interface StreamDecider<Command extends IdentifiedCommand, State, Event extends CausedEvent> extends Decider<Command, State, Event> {
  /** The stream a command acts on. */
  readonly streamOf: (command: Command) => string;
  /** The stream of an entity, by its id. */
  readonly streamId: (entityId: string) => string;
}
