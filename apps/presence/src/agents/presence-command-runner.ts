import { Inject, Injectable } from '@nestjs/common';
import {
  EVENT_STORE, StreamNotFoundError, WrongExpectedRevisionError, deterministicEventId, formatPosition,
  type EventStore, type ExpectedRevision, type GlobalPosition, type NewEvent, type RecordedEvent,
} from '@app/event-store';
import {
  agentStreamId, decide, initialPresence, evolve, upcastPresenceEvent,
  type AgentPresence, type PresenceCommand, type PresenceEvent,
} from '@app/presence-domain';

export interface PresenceCommandOutcome {
  readonly state: AgentPresence;
  /** Events this call appended (0 for a no-op or a retried request). */
  readonly appended: number;
  /** Position of the last event that produced `state`, if any; the read model waits for it. */
  readonly position: GlobalPosition | undefined;
  /** Stream revision of that event. */
  readonly revision: number | undefined;
  /** True when the request was a retry of one already applied (same Idempotency-Key). */
  readonly replayed: boolean;
}

export class ConcurrencyConflictError extends Error {
  readonly code = 'CONCURRENCY_CONFLICT';
  constructor(readonly streamId: string, attempts: number) {
    super(`stream ${streamId} kept changing; gave up after ${attempts} attempts`);
  }
}

interface LoadedStream {
  readonly events: readonly { readonly recorded: RecordedEvent; readonly event: PresenceEvent }[];
  readonly expected: ExpectedRevision;
}

const MAX_ATTEMPTS = 64;

const toNewEvent = (commandId: string, streamId: string) => (event: PresenceEvent, index: number): NewEvent => ({
  id: deterministicEventId(commandId, streamId, index),
  type: event.type,
  data: event.data,
  metadata: event.metadata as unknown as NewEvent['metadata'],
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Load, decide, append with the expected revision; on a conflict, load again.
 * A request whose command id already caused events is answered from those
 * events, so a retry with the same Idempotency-Key appends nothing new.
 */
@Injectable()
export class PresenceCommandRunner {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async run(command: PresenceCommand): Promise<PresenceCommandOutcome> {
    const streamId = agentStreamId(command.data.agentId);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const stream = await this.load(streamId);
      const earlier = this.outcomeOfEarlierRun(stream, command.metadata.commandId);
      if (earlier) return earlier;
      const state = stream.events.reduce((s, { event }) => evolve(s, event), initialPresence());
      const events = decide(command, state);
      const last = stream.events.at(-1)?.recorded;
      if (events.length === 0) return { state, appended: 0, position: last?.position, revision: last?.revision, replayed: false };
      try {
        const result = await this.store.append(streamId, events.map(toNewEvent(command.metadata.commandId, streamId)), stream.expected);
        return {
          state: events.reduce(evolve, state), appended: events.length,
          position: result.position, revision: result.nextExpectedRevision, replayed: false,
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        // Another writer got there first: back off a little, with jitter so retries spread out.
        await pause(Math.random() * Math.min(2 ** attempt, 50));
      }
    }
    throw new ConcurrencyConflictError(streamId, MAX_ATTEMPTS);
  }

  async load(streamId: string): Promise<LoadedStream> {
    let recorded: RecordedEvent[];
    try {
      recorded = await this.store.readStream(streamId);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return { events: [], expected: 'no_stream' };
      throw error;
    }
    const events = recorded.flatMap((r) => {
      const event = upcastPresenceEvent(r);
      return event ? [{ recorded: r, event }] : [];
    });
    return { events, expected: recorded.length === 0 ? 'no_stream' : recorded[recorded.length - 1].revision };
  }

  private outcomeOfEarlierRun(stream: LoadedStream, commandId: string): PresenceCommandOutcome | undefined {
    const lastOfRun = stream.events.findLastIndex(({ event }) => event.metadata.causationId === commandId);
    if (lastOfRun < 0) return undefined;
    const upTo = stream.events.slice(0, lastOfRun + 1);
    return {
      state: upTo.reduce((s, { event }) => evolve(s, event), initialPresence()),
      appended: 0,
      position: upTo[lastOfRun].recorded.position,
      revision: upTo[lastOfRun].recorded.revision,
      replayed: true,
    };
  }
}

export const describeOutcome = (outcome: PresenceCommandOutcome) => ({
  appended: outcome.appended,
  replayed: outcome.replayed,
  position: outcome.position ? formatPosition(outcome.position) : null,
});
