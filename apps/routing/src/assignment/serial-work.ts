import { Injectable } from '@nestjs/common';

/**
 * Runs routing work one piece at a time, in arrival order, so one instance
 * never races itself for the same agent or queue head. Races between
 * instances are settled by the event store's expected revisions instead.
 */
@Injectable()
export class SerialWork {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    // The next piece waits for this one whatever its outcome; the caller still sees the failure.
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once everything queued so far has run. */
  idle(): Promise<void> {
    return this.run(async () => undefined);
  }
}
