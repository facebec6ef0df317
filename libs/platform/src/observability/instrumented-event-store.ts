import type {
  AppendResult, EventHandler, IdempotencyLedger, RecordTiming, RecordedOutcome, RunnerStorage, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, ReadStreamOptions, RecordedEvent,
  SubscribeOptions, Subscription, SubscriptionCallbacks,
} from '@app/event-store';
import { WrongExpectedRevisionError, type GlobalPosition } from '@app/event-store';
import type { Metrics } from './metrics.js';

/**
 * The EventStore port with append latency measured (a decorator, so the
 * store adapters and the shared command runner stay free of metrics).
 */
export class InstrumentedEventStore implements EventStore {
  constructor(private readonly inner: EventStore, private readonly metrics: Metrics) {}

  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return timedAppend(this.metrics, () => this.inner.append(streamId, events, expected));
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> { return this.inner.readStream(streamId, options); }
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> { return this.inner.readAll(options); }
  subscribeToAll(handler: EventHandler, options: SubscribeOptions, callbacks: SubscriptionCallbacks): Subscription {
    return this.inner.subscribeToAll(handler, options, callbacks);
  }
  headPosition(): Promise<GlobalPosition | undefined> { return this.inner.headPosition(); }
  close(): Promise<void> { return this.inner.close(); }
}

const timedAppend = async (metrics: Metrics, append: () => Promise<AppendResult>): Promise<AppendResult> => {
  const end = metrics.appendSeconds.startTimer();
  try {
    const result = await append();
    end({ outcome: 'ok' });
    return result;
  } catch (error) {
    end({ outcome: error instanceof WrongExpectedRevisionError ? 'conflict' : 'error' });
    throw error;
  }
};

/**
 * The runner's ledger with its appends measured like the store's: a
 * command's events go to the store through the ledger (one transaction with
 * its idempotency record), not through the EVENT_STORE decorator.
 */
class InstrumentedLedger implements IdempotencyLedger {
  constructor(private readonly inner: IdempotencyLedger, private readonly metrics: Metrics) {}

  find: IdempotencyLedger['find'] = (streamId, commandId) => this.inner.find(streamId, commandId);
  remember: IdempotencyLedger['remember'] = (record, timing) => this.inner.remember(record, timing);

  appendRecorded(
    streamId: string, commandId: string, events: readonly NewEvent[], expected: ExpectedRevision,
    outcome: (result: AppendResult) => RecordedOutcome, timing: RecordTiming,
  ): Promise<AppendResult> {
    return timedAppend(this.metrics, () => this.inner.appendRecorded(streamId, commandId, events, expected, outcome, timing));
  }
}

/** RUNNER_STORAGE as apps provide it: the bare store's records and snapshots, appends measured when there are metrics. */
export const instrumentedStorage = (storage: RunnerStorage, metrics: Metrics | undefined): RunnerStorage =>
  metrics ? { ...storage, ledger: new InstrumentedLedger(storage.ledger, metrics) } : storage;

/** The provider apps use for EVENT_STORE: instrumented when the HTTP app has metrics (it always does; bare modules in tests may not). */
export const instrumentedStore = (store: EventStore, metrics: Metrics | undefined): EventStore =>
  metrics ? new InstrumentedEventStore(store, metrics) : store;
