import {
  START,
  eventTypeFilter,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
  type Position,
} from '@eventstore/db-client';
import type { EventHandler, RecordedEvent, Subscription, SubscriptionCallbacks } from '../event-store.port.js';
import { isAfter, type GlobalPosition } from '../global-position.js';
import { isTimeout, isUnavailable } from './eventstoredb-errors.js';
import { toRecordedEvent } from './recorded-event.js';

export interface ReconnectPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export interface SubscriptionSettings {
  readonly after: GlobalPosition | undefined;
  readonly streamPrefixes: readonly string[] | undefined;
  /** The newest non-system event when subscribing, for servers that send no CaughtUp message. */
  readonly headAtStart: () => Promise<GlobalPosition | undefined>;
  readonly reconnect: ReconnectPolicy;
}

type Delivery =
  | { readonly kind: 'event'; readonly resolved: AllStreamResolvedEvent }
  | { readonly kind: 'caught-up' }
  | { readonly kind: 'checkpoint'; readonly position: Position };

/** Keep memory bounded: pause the gRPC stream when this many deliveries wait for the handler. */
const HIGH_WATER = 256;
const LOW_WATER = 32;

const asError = (value: unknown): Error => (value instanceof Error ? value : new Error(String(value)));

/** Carries the handler's own error past the reconnect logic, which must never retry it. */
class HandlerFailed extends Error {
  constructor(readonly failure: Error) {
    super(failure.message);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A catch-up subscription to $all that survives dropped connections.
 *
 * Deliveries (events, the CaughtUp signal, checkpoints) go through one queue
 * and one worker, so the handler sees one event at a time and its promise is
 * awaited before the next; the gRPC stream is paused while the queue is long.
 * When the stream fails with a transient error it is reopened after a backoff
 * from the last event the handler finished — subscription start positions are
 * exclusive (Kurrent docs, "Catch-up subscriptions › Subscribing from a
 * position"), so nothing is delivered twice and nothing is skipped.
 */
export class EventStoreDbSubscription implements Subscription {
  readonly caughtUp: Promise<void>;
  private markCaughtUp!: () => void;
  private failCaughtUp!: (error: Error) => void;
  private isCaughtUp = false;
  private headAtStart: GlobalPosition | undefined;
  private stopped = false;
  private lastDelivered: GlobalPosition | undefined;
  private current: AllStreamSubscription | undefined;
  private queue: Delivery[] = [];
  private wake: () => void = () => undefined;
  private sourceEnded: Error | 'ended' | undefined;
  private readonly finished: Promise<void>;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly handler: EventHandler,
    private readonly settings: SubscriptionSettings,
    private readonly callbacks: SubscriptionCallbacks,
  ) {
    this.lastDelivered = settings.after;
    this.caughtUp = new Promise<void>((resolve, reject) => {
      this.markCaughtUp = resolve;
      this.failCaughtUp = reject;
    });
    this.caughtUp.catch(() => undefined);
    this.finished = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.failCaughtUp(new Error('subscription stopped before it caught up'));
    this.closeSource();
    this.wake();
    await this.finished;
  }

  private async run(): Promise<void> {
    // The handler must not run before subscribeToAll has returned the subscription it may refer to.
    await Promise.resolve();
    let delayMs = this.settings.reconnect.initialDelayMs;
    let headKnown = false;
    try {
      while (!this.stopped) {
        const deliveredBefore = this.lastDelivered;
        let failure: Error | 'ended';
        try {
          if (!headKnown) {
            this.headAtStart = await this.settings.headAtStart();
            headKnown = true;
            if (this.headAtStart === undefined || !isAfter(this.headAtStart, this.lastDelivered)) this.reachCaughtUp();
          }
          failure = await this.consume(this.open());
        } catch (error) {
          failure = asError(error);
        }
        if (this.stopped) return;
        if (failure instanceof HandlerFailed) throw failure.failure;
        if (failure !== 'ended' && !isUnavailable(failure) && !isTimeout(failure)) throw failure;
        // Progress since the last drop means the link works again: start the backoff over.
        if (this.lastDelivered !== deliveredBefore) delayMs = this.settings.reconnect.initialDelayMs;
        await this.pause(delayMs);
        delayMs = Math.min(delayMs * 2, this.settings.reconnect.maxDelayMs);
      }
    } catch (error) {
      if (!this.stopped) this.fail(asError(error));
    } finally {
      this.closeSource();
    }
  }

  /** Filters on the server: this system's prefixes, or at least no system events (Kurrent docs, "Server-side filtering"). */
  private open(): AllStreamSubscription {
    const checkpointReached = (subscription: AllStreamSubscription, position: Position) => {
      this.enqueueAfterBuffered(subscription, { kind: 'checkpoint', position });
    };
    const prefixes = this.settings.streamPrefixes;
    const filter = prefixes
      ? streamNameFilter({ prefixes: [...prefixes], checkpointReached })
      : eventTypeFilter({ regex: '^[^$].*', checkpointReached });
    const subscription = this.client.subscribeToAll({ fromPosition: this.lastDelivered ?? START, filter });
    this.sourceEnded = undefined;
    this.current = subscription;
    subscription.on('data', (resolved: AllStreamResolvedEvent) => this.enqueue({ kind: 'event', resolved }));
    subscription.on('caughtUp', () => this.enqueueAfterBuffered(subscription, { kind: 'caught-up' }));
    subscription.on('error', (error: unknown) => this.endSource(subscription, asError(error)));
    subscription.on('end', () => this.endSource(subscription, 'ended'));
    subscription.on('close', () => this.endSource(subscription, 'ended'));
    return subscription;
  }

  /**
   * The client emits "caughtUp" and calls checkpointReached while it
   * transforms the gRPC message, possibly before the events ahead of it have
   * left its readable buffer; waiting for that buffer keeps the order.
   */
  private enqueueAfterBuffered(subscription: AllStreamSubscription, delivery: Delivery): void {
    const ahead = subscription.readableLength;
    if (ahead === 0) return this.enqueue(delivery);
    let seen = 0;
    const onData = () => {
      seen += 1;
      if (seen < ahead) return;
      subscription.off('data', onData);
      // Runs after the 'data' listener registered in open(), which enqueued the event.
      queueMicrotask(() => this.enqueue(delivery));
    };
    subscription.on('data', onData);
  }

  private enqueue(delivery: Delivery): void {
    this.queue.push(delivery);
    if (this.queue.length >= HIGH_WATER) this.current?.pause();
    this.wake();
  }

  private endSource(subscription: AllStreamSubscription, reason: Error | 'ended'): void {
    if (subscription !== this.current || this.sourceEnded) return;
    this.sourceEnded = reason;
    this.wake();
  }

  /** Hands queued deliveries to the handler until the source ends; answers why it ended. */
  private async consume(subscription: AllStreamSubscription): Promise<Error | 'ended'> {
    for (;;) {
      if (this.stopped) return 'ended';
      const delivery = this.queue.shift();
      if (delivery) {
        if (this.queue.length <= LOW_WATER && subscription.isPaused()) subscription.resume();
        await this.deliver(delivery);
        continue;
      }
      if (this.sourceEnded) {
        this.closeSource();
        return this.sourceEnded;
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  private async deliver(delivery: Delivery): Promise<void> {
    switch (delivery.kind) {
      case 'event': {
        const position = delivery.resolved.event?.position;
        // A record at or before the resume point cannot be new; a server that repeats it must not cause a repeat here.
        if (!position || !isAfter(position, this.lastDelivered)) return;
        const event = toRecordedEvent(delivery.resolved);
        if (event) await this.handle(event);
        this.lastDelivered = { commit: position.commit, prepare: position.prepare };
        if (this.headAtStart && !isAfter(this.headAtStart, this.lastDelivered)) this.reachCaughtUp();
        return;
      }
      case 'caught-up':
        return this.reachCaughtUp();
      case 'checkpoint':
        // Servers before 23.10 send a checkpoint, not CaughtUp, when a filtered subscription goes live.
        if (this.headAtStart && !isAfter(this.headAtStart, delivery.position)) this.reachCaughtUp();
        return;
      default: {
        const unhandled: never = delivery;
        throw new Error(`unknown delivery ${JSON.stringify(unhandled)}`);
      }
    }
  }

  private async handle(event: RecordedEvent): Promise<void> {
    try {
      await this.handler(event);
    } catch (error) {
      throw new HandlerFailed(asError(error));
    }
  }

  private reachCaughtUp(): void {
    if (this.isCaughtUp) return;
    this.isCaughtUp = true;
    this.markCaughtUp();
  }

  private pause(ms: number): Promise<void> {
    return Promise.race([sleep(ms), new Promise<void>((resolve) => (this.wake = resolve))]);
  }

  private closeSource(): void {
    const subscription = this.current;
    this.current = undefined;
    this.queue = [];
    if (!subscription) return;
    subscription.removeAllListeners('data');
    subscription.on('error', () => undefined);
    void subscription.unsubscribe().catch(() => undefined);
    subscription.destroy();
  }

  private fail(error: Error): void {
    this.stopped = true;
    this.failCaughtUp(error);
    this.callbacks.onError(error);
  }
}
