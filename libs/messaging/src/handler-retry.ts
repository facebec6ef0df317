import type { IncomingMessage, MessageHandler } from './message-bus.port.js';

/** How often a failing handler is retried before its consumer gives up. */
export interface HandlerRetryPolicy {
  /** Retries after the first attempt. */
  readonly retries: number;
  /** Delay before the first retry; doubles for each further one. */
  readonly initialBackoffMs: number;
}

export const defaultHandlerRetryPolicy: HandlerRetryPolicy = { retries: 3, initialBackoffMs: 100 };

/** Thrown when a consumer gives up on a message; the cause is the handler's last error. */
export class HandlerFailedError extends Error {
  constructor(
    readonly incoming: IncomingMessage,
    attempts: number,
    cause: unknown,
  ) {
    super(
      `handler failed ${attempts} times on ${incoming.topic}[${incoming.partition}]@${incoming.offset}: ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
      { cause },
    );
    this.name = 'HandlerFailedError';
  }
}

/**
 * Calls the handler until it succeeds or the policy is spent. Returns false when
 * the consumer was stopped meanwhile (the message then counts as not handled).
 */
export async function handleWithRetries(
  handler: MessageHandler,
  message: IncomingMessage,
  policy: HandlerRetryPolicy,
  isStopped: () => boolean,
): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    try {
      await handler(message);
      return true;
    } catch (error) {
      if (attempt >= policy.retries) throw new HandlerFailedError(message, attempt + 1, error);
      await new Promise((done) => setTimeout(done, policy.initialBackoffMs * 2 ** attempt));
      if (isStopped()) return false;
    }
  }
}
