import type { EventHandler, RecordedEvent, Subscription, SubscriptionCallbacks } from '../event-store.port.js';
import { rowSequenceOf } from './event-row.js';

/** A page of matching events, and how far the log was looked through to find them. */
export interface SubscriptionPage {
  readonly events: readonly RecordedEvent[];
  /**
   * Every event up to this sequence was looked at: a short page reaches the
   * log's head even when the last match is far behind it, so a filter that
   * rarely matches does not scan the same stretch again at every commit.
   */
  readonly scannedTo: number;
}

/** What a subscription needs from the store; positions are SQLite row sequences. */
export interface SubscriptionSource {
  /** Matching events after `afterSequence`, oldest first, at most `limit`. */
  readPage(afterSequence: number, limit: number): SubscriptionPage;
  /** Resolves at the next commit this store learns of (own append or another connection's). */
  nextChange(): Promise<void>;
}

const PAGE_SIZE = 1024;

const asError = (value: unknown): Error => (value instanceof Error ? value : new Error(String(value)));

/**
 * Reads pages after the last delivered position and hands events to the
 * handler one at a time. Catch-up and live are the same loop: when a page
 * comes back short, the loop waits for the next commit instead of reading
 * again. Because the wait is registered before the handler runs, a commit
 * made while the handler is busy is never missed.
 */
export class SqliteSubscription implements Subscription {
  readonly caughtUp: Promise<void>;
  private markCaughtUp!: () => void;
  private failCaughtUp!: (error: Error) => void;
  private isCaughtUp = false;
  private stopped = false;
  private interruptWait: () => void = () => undefined;
  private readonly finished: Promise<void>;

  constructor(
    private readonly source: SubscriptionSource,
    private readonly handler: EventHandler,
    private afterSequence: number,
    /** The newest sequence when subscribing: delivering up to it means caught up. */
    private readonly headAtStart: number,
    private readonly callbacks: SubscriptionCallbacks,
    onFinished: (subscription: SqliteSubscription) => void,
  ) {
    this.caughtUp = new Promise<void>((resolve, reject) => {
      this.markCaughtUp = resolve;
      this.failCaughtUp = reject;
    });
    // Nobody has to await caughtUp; a rejection must not become an unhandled one.
    this.caughtUp.catch(() => undefined);
    this.finished = this.run().finally(() => onFinished(this));
  }

  /** Resolves once the handler will not be called again. Do not await it from inside the handler. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.interruptWait();
    this.failCaughtUp(new Error('subscription stopped before it caught up'));
    await this.finished;
  }

  private async run(): Promise<void> {
    // The handler must not run before subscribeToAll has returned the subscription it may refer to.
    await Promise.resolve();
    try {
      while (!this.stopped) {
        const { events, scannedTo } = this.source.readPage(this.afterSequence, PAGE_SIZE);
        const isShort = events.length < PAGE_SIZE;
        const change = isShort ? this.source.nextChange() : undefined;
        for (const event of events) {
          if (this.stopped) return;
          const handled = this.handler(event);
          // Only a handler that returned a promise is waited for: a turn of the microtask queue per event slows a catch-up.
          if (handled) await handled;
          this.afterSequence = rowSequenceOf(event.position);
        }
        if (this.stopped) return;
        this.afterSequence = Math.max(this.afterSequence, scannedTo);
        if (!this.isCaughtUp && (isShort || this.afterSequence >= this.headAtStart)) {
          this.isCaughtUp = true;
          this.markCaughtUp();
        }
        if (change) await this.waitFor(change);
      }
    } catch (error) {
      this.fail(asError(error));
    }
  }

  /**
   * A fresh promise per wait: racing a long-lived stop promise would pile up
   * reactions on it. A stop that came while the handler ran the page's last
   * event found no wait to interrupt: it must not wait for a commit that may
   * never come.
   */
  private waitFor(change: Promise<void>): Promise<void> {
    return new Promise<void>((resolve) => {
      this.interruptWait = resolve;
      if (this.stopped) resolve();
      else void change.then(resolve);
    });
  }

  /** Settling an already settled caughtUp is a no-op, so these calls need no guard. */
  private fail(error: Error): void {
    this.stopped = true;
    this.failCaughtUp(error);
    this.callbacks.onError(error);
  }
}
