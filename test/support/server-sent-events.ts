import { defaultCaller } from './test-tokens.js';

/** A minimal text/event-stream client for tests: collects messages until told to stop. */
export interface ServerSentEvent {
  readonly id?: string;
  readonly event?: string;
  readonly data: string;
}

export interface EventStreamReader {
  readonly status: number;
  readonly contentType: string | null;
  /** Resolves once `count` messages arrived in total; rejects after `timeoutMs`. */
  next(count: number, timeoutMs?: number): Promise<ServerSentEvent[]>;
  close(): void;
}

const parseFrame = (frame: string): ServerSentEvent | undefined => {
  const fields: Record<string, string> = {};
  const data: string[] = [];
  for (const line of frame.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (name === 'data') data.push(value); else fields[name] = value;
  }
  if (data.length === 0) return undefined;
  return { id: fields.id, event: fields.event, data: data.join('\n') };
};

export const openEventStream = async (url: string, headers: Record<string, string> = {}): Promise<EventStreamReader> => {
  const controller = new AbortController();
  const who = 'authorization' in headers ? {} : await defaultCaller();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...who, ...headers }, signal: controller.signal });
  const received: ServerSentEvent[] = [];
  let waiters: (() => void)[] = [];
  let buffer = '';
  const pump = async () => {
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const message = parseFrame(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (message) received.push(message);
      }
      const toWake = waiters;
      waiters = [];
      toWake.forEach((wake) => wake());
    }
  };
  if (response.ok) pump().catch(() => undefined);
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    next: async (count, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${count} server-sent events, got ${received.length}: ${JSON.stringify(received)}`);
        // The timer is cleared once an event arrives first: a pending one would keep jest from exiting after the run.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => { clearTimeout(timer); resolve(); });
        });
      }
      return received.slice(0, count);
    },
    close: () => controller.abort(),
  };
};
