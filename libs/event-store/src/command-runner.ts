import { deterministicEventId } from './deterministic-event-id.js';
import { DuplicateEventIdError, StreamNotFoundError, WrongExpectedRevisionError } from './errors.js';
import { CommandIdReusedError } from './idempotency/command-id-reused-error.js';
import type { EventStore, ExpectedRevision, JsonObject, NewEvent, RecordedEvent } from './event-store.port.js';
import type { GlobalPosition } from './global-position.js';
import { CHAIN_METADATA_KEY, chainHeadAfter, linkToChain } from './hash-chain/hash-chain.js';
import {
  DEFAULT_IDEMPOTENCY_WINDOW_MS, type IdempotencyLedger, type RecordTiming, type RecordedOutcome,
} from './idempotency/idempotency-ledger.port.js';
import { answerFromRecord } from './idempotency/answer-from-record.js';
import { writeState } from './state-json.js';
import { runnerStorageFor } from './runner-storage.js';
import type { CommandOutcome, CommandRunnerOptions, LoadedStream, RunOptions } from './command-outcome.js';
import type { CausedEvent, Decider, IdentifiedCommand } from '@app/kernel';
import type { StreamHead } from './stream-state/stream-head.js';
import { StreamStateCache } from './stream-state/stream-state-cache.js';
import { StreamStateLoader, type LoadedHead } from './stream-state/stream-state-loader.js';

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
    // A fresh id (made for this one request) has no earlier run to look up.
    const earlier = command.metadata.freshCommandId ? undefined : await this.ledger.find(streamId, command.metadata.commandId);
    const everyOutcome = (options.idempotency ?? 'every-outcome') === 'every-outcome';
    if (earlier && earlier.recordedAt >= timing.notBefore && (everyOutcome || earlier.outcome.kind === 'appended')) {
      return answerFromRecord(this.store, this.decider, streamId, earlier.outcome);
    }
    // Loaded only now: a retry must not pay for reading a long stream it does not need.
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
      if (error instanceof StreamNotFoundError) return { state: this.decider.initialState(), events: [], expected: 'no_stream', chainHead: chainHeadAfter(undefined) };
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
      chainHead: chainHeadAfter(recorded.at(-1)),
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
      const everyOutcome = (options.idempotency ?? 'every-outcome') === 'every-outcome' && !command.metadata.freshCommandId;
      return { outcome: await this.settleWithoutAppend(streamId, command, head, decision, everyOutcome, timing) };
    }
    try {
      return { outcome: await this.append(streamId, command, head, decision.events, timing) };
    } catch (error) {
      if (error instanceof DuplicateEventIdError) throw new CommandIdReusedError(streamId, command.metadata.commandId);
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
    const newEvents = linkToChain(head?.chainHead ?? chainHeadAfter(undefined), events.map(toNewEvent(commandId, streamId)));
    const state = events.reduce(this.decider.evolve, head?.state ?? this.decider.initialState());
    const recorded = (result: { nextExpectedRevision: number; position: GlobalPosition }): RecordedOutcome => ({
      kind: 'appended', count: events.length, revision: result.nextExpectedRevision, position: result.position, state: writeState(this.decider, state),
    });
    const expected = head ? head.revision : 'no_stream';
    // A fresh id's outcome is never asked for again: its events are appended without a record.
    const result = command.metadata.freshCommandId
      ? await this.store.append(streamId, newEvents, expected)
      : await this.ledger.appendRecorded(streamId, commandId, newEvents, expected, recorded, timing);
    const last = newEvents[newEvents.length - 1];
    const next = { revision: result.nextExpectedRevision, position: result.position, eventId: last.id, chainHead: last.metadata[CHAIN_METADATA_KEY] as string };
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
      if (standing.outcome.kind !== 'refused') return answerFromRecord(this.store, this.decider, streamId, standing.outcome);
      throw decision.error;
    }
    const state = head?.state ?? this.decider.initialState();
    const outcome = { state, events: [], appended: 0, position: head?.position, revision: head?.revision, replayed: false };
    if (!everyOutcome) return outcome;
    const unchanged: RecordedOutcome = { kind: 'unchanged', revision: head?.revision, position: head?.position, state: writeState(this.decider, state) };
    const standing = await this.ledger.remember({ streamId, commandId, outcome: unchanged }, timing);
    const isOurs = standing.outcome.kind === 'unchanged' && standing.outcome.revision === head?.revision;
    return isOurs ? outcome : answerFromRecord(this.store, this.decider, streamId, standing.outcome);
  }
}

const toNewEvent = (commandId: string, streamId: string) => (event: CausedEvent, index: number): NewEvent => ({
  id: deterministicEventId(commandId, streamId, index),
  type: event.type,
  data: event.data as JsonObject,
  metadata: event.metadata as unknown as JsonObject,
});
