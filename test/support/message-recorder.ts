import type { ConsumeOptions, Consumer, IncomingMessage, MessageBus, MessageHandler } from '@app/messaging';

/** A consumer that remembers what it got, for contract tests. */
export interface RecordingConsumer {
  readonly consumer: Consumer;
  readonly received: IncomingMessage[];
  values(): string[];
  /** Waits (polling, up to timeoutMs) until `done` holds; fails with what was received. */
  waitUntil(done: (received: IncomingMessage[]) => boolean, timeoutMs?: number): Promise<void>;
  waitForCount(count: number, timeoutMs?: number): Promise<void>;
}

export async function recordingConsumer(
  bus: MessageBus,
  topic: string,
  options: ConsumeOptions,
  beforeRecord?: MessageHandler,
): Promise<RecordingConsumer> {
  const received: IncomingMessage[] = [];
  const consumer = await bus.consume(
    topic,
    async (message) => {
      await beforeRecord?.(message);
      received.push(message);
    },
    options,
  );
  const values = () => received.map((m) => m.value ?? '');
  const waitUntil = async (done: (r: IncomingMessage[]) => boolean, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!done(received)) {
      if (Date.now() > deadline) throw new Error(`gave up waiting; received ${received.length}: ${values().join(',')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return { consumer, received, values, waitUntil, waitForCount: (count, timeoutMs) => waitUntil((r) => r.length >= count, timeoutMs) };
}

/** Values per key in arrival order, for checking per-key order. */
export function valuesByKey(messages: readonly IncomingMessage[]): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const m of messages) byKey.set(m.key ?? '', [...(byKey.get(m.key ?? '') ?? []), m.value ?? '']);
  return byKey;
}

/** `count` messages over `keys` keys, values `${prefix}-${i}` so order is checkable. */
export function keyedMessages(prefix: string, count: number, keys = 3) {
  return Array.from({ length: count }, (_, i) => ({ key: `key-${i % keys}`, value: `${prefix}-${i}` }));
}
