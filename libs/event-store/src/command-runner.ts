import { deterministicEventId } from './deterministic-event-id.js';
import { StreamNotFoundError, WrongExpectedRevisionError } from './errors.js';
import type { EventStore, ExpectedRevision, JsonObject, NewEvent, RecordedEvent } from './event-store.port.js';
import type { GlobalPosition } from './global-position.js';
import {
  DEFAULT_IDEMPOTENCY_WINDOW_MS, type IdempotencyLedger, type RecordTiming, type RecordedOutcome, type Refusal,
} from './idempotency/idempotency-ledger.port.js';
import { RememberedRefusalError } from './idempotency/remembered-refusal-error.js';
import { runnerStorageFor } from './runner-storage.js';
import type { StreamHead } from './stream-state/stream-head.js';
import type { SnapshotStore } from './stream-state/stream-snapshot.port.js';
import { StreamStateCache } from './stream-state/stream-state-cache.js';
import { StreamStateLoader, type LoadedHead } from './stream-state/stream-state-loader.js';

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

export interface CommandOutcome<State, Event> {
  readonly state: State;
  /** The events the command caused: appended now, or earlier when `replayed`. */
  readonly events: readonly Event[];
  /** Events this call appended (0 for a no-op or a retried request). */
  readonly appended: number;
  /** Position of the last event that produced `state`, if any; read models wait for it. */
  readonly position: GlobalPosition | undefined;
  /** Stream revision of that event. */
  readonly revision: number | undefined;
  /** True when answered from the command id's first run (a retry): nothing appended, nothing decided. */
  readonly replayed: boolean;
}

export interface LoadedStream<State, Event> {
  readonly state: State;
  readonly events: readonly { readonly recorded: RecordedEvent; readonly event: Event }[];
  readonly expected: ExpectedRevision;
}

export interface RunOptions {
  /**
   * Decide only against this revision of the stream: a conflict is thrown
   * (WrongExpectedRevisionError), not retried, because the caller acted on
   * what it saw at that revision (routing accepted an agent for it).
   */
  readonly expectedRevision?: number | 'no_stream';
  /**
   * What a retried command id is answered from, inside the window.
   * 'every-outcome' (default; an HTTP Idempotency-Key): appends, no-ops and
   * business refusals alike. 'appends-only': only events the id appended; a
   * no-op or a refusal is decided again (routing's own steps, whose ids name
   * a step that may succeed later, not one client request).
   */
  readonly idempotency?: 'every-outcome' | 'appends-only';
}

export interface CommandRunnerOptions {
  /** Default: the store's own (runnerStorageFor). */
  readonly ledger?: IdempotencyLedger;
  /** Default: the store's own; snapshots are taken only for deciders with a snapshotVersion. */
  readonly snapshots?: SnapshotStore;
  /** Streams whose state stays in memory; 0 turns the cache off. Default 10,000. */
  readonly cacheCapacity?: number;
  /** Events between snapshots of a stream. Default 100. */
  readonly snapshotEvery?: number;
  /** How long a command id's first outcome answers its retries. Default 24 h. */
  readonly idempotencyWindowMs?: number;
  /** ms since the epoch; stamps idempotency records. */
  readonly clock?: () => number;
}

export class ConcurrencyConflictError extends Error {
  readonly code = 'CONCURRENCY_CONFLICT';
  constructor(readonly streamId: string, attempts: number) {
    super(`stream ${streamId} kept changing; gave up after ${attempts} attempts`);
  }
}

const MAX_ATTEMPTS = 64;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Decision<Event> = { readonly events: readonly Event[] } | { readonly error: unknown };

type Step<State, Event> =
  | { readonly outcome: CommandOutcome<State, Event> }
  /** Decide again on `next`; `conflicted`: another writer appended first, so back off a little. */
  | { readonly next: LoadedHead<State>; readonly conflicted?: boolean };

/**
 * Load, decide, append with the expected revision; on a conflict, read on
 * and decide again. The stream's state comes from a bounded cache or the
 * newest snapshot plus the events after it, and a retried command id is
 * answered from its idempotency record, so a command costs the same on a
 * stream of 100,000 events as on a fresh one. Shared by every stream kind.
 */
export class CommandRunner<Command extends IdentifiedCommand, State, Event extends CausedEvent> {
  private readonly loader: StreamStateLoader<Command, State, Event>;
  private readonly ledger: IdempotencyLedger;
  private readonly windowMs: number;
  private readonly clock: () => number;

  constructor(private readonly store: EventStore, private readonly decider: Decider<Command, State, Event>, options: CommandRunnerOptions = {}) {
    const storage = options.ledger && options.snapshots ? undefined : runnerStorageFor(store);
    this.ledger = options.ledger ?? storage!.ledger;
    this.windowMs = options.idempotencyWindowMs ?? DEFAULT_IDEMPOTENCY_WINDOW_MS;
    this.clock = options.clock ?? Date.now;
    this.loader = new StreamStateLoader(store, decider, {
      cache: new StreamStateCache<State>(options.cacheCapacity),
      snapshots: options.snapshots ?? storage!.snapshots,
      snapshotEvery: options.snapshotEvery,
    });
  }

  async run(streamId: string, command: Command, options: RunOptions = {}): Promise<CommandOutcome<State, Event>> {
    const at = this.clock();
    const timing: RecordTiming = { at, notBefore: at - this.windowMs };
    const earlier = await this.ledger.find(streamId, command.metadata.commandId);
    const everyOutcome = (options.idempotency ?? 'every-outcome') === 'every-outcome';
    if (earlier && earlier.recordedAt >= timing.notBefore && (everyOutcome || earlier.outcome.kind === 'appended')) {
      return this.answer(streamId, earlier.outcome);
    }
    let loaded = await this.loader.load(streamId);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const step = await this.attempt(streamId, command, loaded, options, timing);
      if ('outcome' in step) return step.outcome;
      // With jitter, so writers that keep colliding spread out.
      if (step.conflicted && attempt > 1) await pause(Math.random() * Math.min(2 ** attempt, 50));
      loaded = step.next;
    }
    throw new ConcurrencyConflictError(streamId, MAX_ATTEMPTS);
  }

  /** The stream's state now, read forward from the cache or the newest snapshot; undefined revision: no stream. */
  async current(streamId: string): Promise<{ state: State; revision: number | undefined; position: GlobalPosition | undefined }> {
    const loaded = await this.loader.load(streamId);
    const head = loaded.fresh ? loaded.head : await this.loader.refresh(streamId, loaded.head);
    return { state: head?.state ?? this.decider.initialState(), revision: head?.revision, position: head?.position };
  }

  /** The whole stream with every event, for callers that look through its history. */
  async load(streamId: string): Promise<LoadedStream<State, Event>> {
    let recorded: RecordedEvent[];
    try {
      recorded = await this.store.readStream(streamId);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return { state: this.decider.initialState(), events: [], expected: 'no_stream' };
      throw error;
    }
    const events = recorded.flatMap((r) => {
      const event = this.decider.read(r);
      return event ? [{ recorded: r, event }] : [];
    });
    return {
      state: events.reduce((state, { event }) => this.decider.evolve(state, event), this.decider.initialState()),
      events,
      expected: recorded.length === 0 ? 'no_stream' : recorded[recorded.length - 1].revision,
    };
  }

  /**
   * One decision. A head from the cache may be stale: an append is guarded
   * by its expected revision, but a no-op, a refusal or a failed revision
   * check is answered only after reading forward shows nothing new.
   */
  private async attempt(
    streamId: string, command: Command, { head, fresh }: LoadedHead<State>, options: RunOptions, timing: RecordTiming,
  ): Promise<Step<State, Event>> {
    const expected: ExpectedRevision = head ? head.revision : 'no_stream';
    const readOn = async (): Promise<LoadedHead<State> | undefined> => {
      if (fresh) return undefined;
      const next = await this.loader.refresh(streamId, head);
      return next?.revision === head?.revision ? undefined : { head: next, fresh: true };
    };
    if (options.expectedRevision !== undefined && expected !== options.expectedRevision) {
      const next = await readOn();
      if (next) return { next };
      throw new WrongExpectedRevisionError(streamId, options.expectedRevision, head ? head.revision : 'no_stream');
    }
    const decision = this.decide(command, head);
    if ('error' in decision || decision.events.length === 0) {
      const next = await readOn();
      if (next) return { next };
      const everyOutcome = (options.idempotency ?? 'every-outcome') === 'every-outcome';
      return { outcome: await this.settleWithoutAppend(streamId, command, head, decision, everyOutcome, timing) };
    }
    try {
      return { outcome: await this.append(streamId, command, head, decision.events, timing) };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      this.loader.forget(streamId);
      if (options.expectedRevision !== undefined) throw error;
      // Another writer got there first: read what it appended and decide again.
      return { next: { head: await this.loader.refresh(streamId, head), fresh: true }, conflicted: true };
    }
  }

  private decide(command: Command, head: StreamHead<State> | undefined): Decision<Event> {
    try {
      return { events: this.decider.decide(command, head?.state ?? this.decider.initialState()) };
    } catch (error) {
      return { error };
    }
  }

  private async append(
    streamId: string, command: Command, head: StreamHead<State> | undefined, events: readonly Event[], timing: RecordTiming,
  ): Promise<CommandOutcome<State, Event>> {
    const { commandId } = command.metadata;
    const newEvents = events.map(toNewEvent(commandId, streamId));
    const state = events.reduce(this.decider.evolve, head?.state ?? this.decider.initialState());
    const recorded = (result: { nextExpectedRevision: number; position: GlobalPosition }): RecordedOutcome => ({
      kind: 'appended', count: events.length, revision: result.nextExpectedRevision, position: result.position, state: JSON.stringify(state),
    });
    const result = await this.ledger.appendRecorded(streamId, commandId, newEvents, head ? head.revision : 'no_stream', recorded, timing);
    const next = { revision: result.nextExpectedRevision, position: result.position, eventId: newEvents[newEvents.length - 1].id };
    await this.loader.advance(streamId, head, next, events);
    return { state, events, appended: events.length, position: result.position, revision: result.nextExpectedRevision, replayed: false };
  }

  /** A no-op or a refusal: recorded (unless the caller decides those again), then answered or thrown. */
  private async settleWithoutAppend(
    streamId: string, command: Command, head: StreamHead<State> | undefined, decision: Decision<Event>, everyOutcome: boolean,
    timing: RecordTiming,
  ): Promise<CommandOutcome<State, Event>> {
    const { commandId } = command.metadata;
    if ('error' in decision) {
      const refusal = this.decider.refusals?.of(decision.error);
      if (!refusal || !everyOutcome) throw decision.error;
      const standing = await this.ledger.remember({ streamId, commandId, outcome: { kind: 'refused', refusal } }, timing);
      // Another process recorded this command id first: its outcome is the answer.
      if (standing.outcome.kind !== 'refused') return this.answer(streamId, standing.outcome);
      throw decision.error;
    }
    const state = head?.state ?? this.decider.initialState();
    const outcome = { state, events: [], appended: 0, position: head?.position, revision: head?.revision, replayed: false };
    if (!everyOutcome) return outcome;
    const unchanged: RecordedOutcome = { kind: 'unchanged', revision: head?.revision, position: head?.position, state: JSON.stringify(state) };
    const standing = await this.ledger.remember({ streamId, commandId, outcome: unchanged }, timing);
    const isOurs = standing.outcome.kind === 'unchanged' && standing.outcome.revision === head?.revision;
    return isOurs ? outcome : this.answer(streamId, standing.outcome);
  }

  /** A retry, answered from the first run's record: nothing decided, nothing appended. */
  private async answer(streamId: string, outcome: RecordedOutcome): Promise<CommandOutcome<State, Event>> {
    switch (outcome.kind) {
      case 'appended': {
        const { count, revision, position } = outcome;
        const recorded = await this.store.readStream(streamId, { fromRevision: revision - count + 1, maxCount: count });
        const events = recorded.flatMap((r) => this.decider.read(r) ?? []);
        return { state: JSON.parse(outcome.state) as State, events, appended: 0, position, revision, replayed: true };
      }
      case 'unchanged': {
        const { revision, position } = outcome;
        return { state: JSON.parse(outcome.state) as State, events: [], appended: 0, position, revision, replayed: true };
      }
      case 'refused':
        throw this.decider.refusals?.toError(outcome.refusal) ?? new RememberedRefusalError(outcome.refusal);
      default: {
        const unhandled: never = outcome;
        throw new Error(`unknown recorded outcome ${JSON.stringify(unhandled)}`);
      }
    }
  }
}

const toNewEvent = (commandId: string, streamId: string) => (event: CausedEvent, index: number): NewEvent => ({
  id: deterministicEventId(commandId, streamId, index),
  type: event.type,
  data: event.data as JsonObject,
  metadata: event.metadata as unknown as JsonObject,
});
