import type { AllStreamResolvedEvent, ResolvedEvent, StreamingRead } from '@eventstore/db-client';
import { EventStoreTimeoutError } from '../errors.js';
import { toEventStoreError, type ErrorContext } from './eventstoredb-errors.js';

/**
 * Reads a whole (bounded) result. The client gives reads no deadline of
 * their own, so one is kept here: the read is cancelled and reported as a
 * timeout when the server does not finish in time.
 */
export const collectRead = async <E extends ResolvedEvent | AllStreamResolvedEvent>(
  deadlineMs: number,
  open: () => StreamingRead<E>,
  context: ErrorContext,
): Promise<E[]> => {
  let stream: StreamingRead<E> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void stream?.cancel().catch(() => undefined);
      reject(new EventStoreTimeoutError(`EventStoreDB did not finish the ${context.operation} within ${deadlineMs} ms`));
    }, deadlineMs);
  });
  const reading = (async () => {
    stream = open();
    const events: E[] = [];
    for await (const event of stream) events.push(event);
    return events;
  })();
  try {
    return await Promise.race([reading, timeout]);
  } catch (error) {
    throw toEventStoreError(error, context);
  } finally {
    clearTimeout(timer);
    reading.catch(() => undefined);
  }
};
