import type {
  AppendResult, EventHandler, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, ReadStreamOptions, RecordedEvent,
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

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const end = this.metrics.appendSeconds.startTimer();
    try {
      const result = await this.inner.append(streamId, events, expected);
      end({ outcome: 'ok' });
      return result;
    } catch (error) {
      end({ outcome: error instanceof WrongExpectedRevisionError ? 'conflict' : 'error' });
      throw error;
    }
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> { return this.inner.readStream(streamId, options); }
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> { return this.inner.readAll(options); }
  subscribeToAll(handler: EventHandler, options: SubscribeOptions, callbacks: SubscriptionCallbacks): Subscription {
    return this.inner.subscribeToAll(handler, options, callbacks);
  }
  headPosition(): Promise<GlobalPosition | undefined> { return this.inner.headPosition(); }
  close(): Promise<void> { return this.inner.close(); }
}

/** The provider apps use for EVENT_STORE: instrumented when the HTTP app has metrics (it always does; bare modules in tests may not). */
export const instrumentedStore = (store: EventStore, metrics: Metrics | undefined): EventStore =>
  metrics ? new InstrumentedEventStore(store, metrics) : store;
