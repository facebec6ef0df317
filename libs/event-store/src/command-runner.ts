import type { CausedEvent, Decider, IdentifiedCommand } from '@app/kernel';
import { deterministicEventId } from './deterministic-event-id.js';
import { StreamNotFoundError, WrongExpectedRevisionError } from './errors.js';
import type { EventStore, ExpectedRevision, JsonObject, NewEvent, RecordedEvent } from './event-store.port.js';
import type { GlobalPosition } from './global-position.js';
import { chainHeadAfter, linkToChain } from './hash-chain/hash-chain.js';

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
  /** True when the command id already caused events (a retry): answered from those, nothing appended. */
  readonly replayed: boolean;
}

export interface LoadedStream<State, Event> {
  readonly state: State;
  readonly events: readonly { readonly recorded: RecordedEvent; readonly event: Event }[];
  readonly expected: ExpectedRevision;
  /**
   * The chain value the next appended event links to (hash-chain/hash-chain.ts):
   * `chainHeadAfter` the stream's last stored event. It belongs to the same
   * revision as `state` and `expected`, so whatever hands the runner a state
   * without reading the whole stream (a cache, a snapshot plus the events
   * after it) must keep the chain head of that revision beside the state and
   * move it on with every event it folds; a stale head would break the chain
   * at the next append, and verification would flag that append.
   */
  readonly chainHead: string;
}

export interface RunOptions {
  /**
   * Decide only against this revision of the stream: a conflict is thrown
   * (WrongExpectedRevisionError), not retried, because the caller acted on
   * what it saw at that revision (routing accepted an agent for it).
   */
  readonly expectedRevision?: number | 'no_stream';
}

export class ConcurrencyConflictError extends Error {
  readonly code = 'CONCURRENCY_CONFLICT';
  constructor(readonly streamId: string, attempts: number) {
    super(`stream ${streamId} kept changing; gave up after ${attempts} attempts`);
  }
}

const MAX_ATTEMPTS = 64;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Load, decide, append with the expected revision; on a conflict, load again.
 * Every appended event is linked into its stream's hash chain.
 * A command whose id already caused events is answered from those events, so
 * a retry (same Idempotency-Key, or a routing step redone after a crash)
 * appends nothing new. Shared by every stream kind: agents, conversations.
 */
export class CommandRunner<Command extends IdentifiedCommand, State, Event extends CausedEvent> {
  constructor(private readonly store: EventStore, private readonly decider: Decider<Command, State, Event>) {}

  async run(streamId: string, command: Command, options: RunOptions = {}): Promise<CommandOutcome<State, Event>> {
    const { commandId } = command.metadata;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const stream = await this.load(streamId);
      const earlier = this.outcomeOfEarlierRun(stream, commandId);
      if (earlier) return earlier;
      if (options.expectedRevision !== undefined && stream.expected !== options.expectedRevision) {
        throw new WrongExpectedRevisionError(streamId, options.expectedRevision, stream.expected === 'no_stream' ? 'no_stream' : stream.expected as number);
      }
      const events = this.decider.decide(command, stream.state);
      const last = stream.events.at(-1)?.recorded;
      if (events.length === 0) {
        return { state: stream.state, events: [], appended: 0, position: last?.position, revision: last?.revision, replayed: false };
      }
      try {
        const linked = linkToChain(stream.chainHead, events.map(toNewEvent(commandId, streamId)));
        const result = await this.store.append(streamId, linked, stream.expected);
        return {
          state: events.reduce(this.decider.evolve, stream.state), events, appended: events.length,
          position: result.position, revision: result.nextExpectedRevision, replayed: false,
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || options.expectedRevision !== undefined) throw error;
        // Another writer got there first: back off a little, with jitter so retries spread out.
        await pause(Math.random() * Math.min(2 ** attempt, 50));
      }
    }
    throw new ConcurrencyConflictError(streamId, MAX_ATTEMPTS);
  }

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
      state: this.fold(events.map(({ event }) => event)),
      events,
      expected: recorded.length === 0 ? 'no_stream' : recorded[recorded.length - 1].revision,
      chainHead: chainHeadAfter(recorded.at(-1)),
    };
  }

  private fold(events: readonly Event[]): State {
    return events.reduce(this.decider.evolve, this.decider.initialState());
  }

  private outcomeOfEarlierRun(stream: LoadedStream<State, Event>, commandId: string): CommandOutcome<State, Event> | undefined {
    const lastOfRun = stream.events.findLastIndex(({ event }) => event.metadata.causationId === commandId);
    if (lastOfRun < 0) return undefined;
    const upTo = stream.events.slice(0, lastOfRun + 1);
    return {
      state: this.fold(upTo.map(({ event }) => event)),
      events: upTo.filter(({ event }) => event.metadata.causationId === commandId).map(({ event }) => event),
      appended: 0,
      position: upTo[lastOfRun].recorded.position,
      revision: upTo[lastOfRun].recorded.revision,
      replayed: true,
    };
  }
}

const toNewEvent = (commandId: string, streamId: string) => (event: CausedEvent, index: number): NewEvent => ({
  id: deterministicEventId(commandId, streamId, index),
  type: event.type,
  data: event.data as JsonObject,
  metadata: event.metadata as unknown as JsonObject,
});
