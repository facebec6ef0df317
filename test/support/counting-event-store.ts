import type {
  AppendResult, EventHandler, EventStore, ExpectedRevision, GlobalPosition, NewEvent, ReadAllOptions, ReadStreamOptions, RecordedEvent,
  SubscribeOptions, Subscription, SubscriptionCallbacks,
} from '@app/event-store';

/** The store, with the events its stream reads hand back counted: cost shown as work done, not as time. */
export class CountingEventStore implements EventStore {
  eventsRead = 0;
  appends = 0;

  constructor(private readonly inner: EventStore) {}

  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    this.appends += 1;
    return this.inner.append(streamId, events, expected);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const events = await this.inner.readStream(streamId, options);
    this.eventsRead += events.length;
    return events;
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> { return this.inner.readAll(options); }
  subscribeToAll(handler: EventHandler, options: SubscribeOptions, callbacks: SubscriptionCallbacks): Subscription {
    return this.inner.subscribeToAll(handler, options, callbacks);
  }
  headPosition(): Promise<GlobalPosition | undefined> { return this.inner.headPosition(); }
  close(): Promise<void> { return this.inner.close(); }
}
