import { ApiError, type ApiClient } from './api-client.js';
import { SseParser, type ServerSentEvent } from './sse-parser.js';

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'unavailable' | 'expired' | 'closed';

export interface EventStreamOptions {
  /** Resume point of the first connection (Last-Event-ID); later connections resume from the last event seen. */
  readonly lastEventId?: string;
  readonly onEvent: (event: ServerSentEvent) => void;
  readonly onState: (state: StreamState, detail?: string) => void;
}

const MAX_DELAY_MS = 10_000;

/**
 * A server-sent event stream read with fetch rather than EventSource, because
 * the API wants an Authorization header. It reconnects after a drop with
 * growing delays and resumes with Last-Event-ID, so nothing is missed or
 * repeated; it stops for good on 401, on `token-expired`, on a missing route
 * (404: a feature this server does not have) or when closed.
 */
export class EventStream {
  private readonly abort = new AbortController();
  private lastEventId: string | undefined;
  private failures = 0;

  constructor(private readonly api: ApiClient, private readonly path: string, private readonly options: EventStreamOptions) {
    this.lastEventId = options.lastEventId;
    void this.run();
  }

  close(): void {
    this.abort.abort();
    this.options.onState('closed');
  }

  private async run(): Promise<void> {
    const parser = new SseParser();
    while (!this.abort.signal.aborted) {
      this.options.onState(this.failures === 0 ? 'connecting' : 'reconnecting');
      const outcome = await this.connect(parser).catch((error: unknown) => this.failure(error));
      if (outcome === 'stop' || this.abort.signal.aborted) return;
      const delay = Math.min(MAX_DELAY_MS, (parser.retryMs ?? 1000) * 2 ** Math.min(this.failures, 4));
      this.failures++;
      this.options.onState('reconnecting', `reconnecting in ${Math.round(delay / 1000)} s`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  private async connect(parser: SseParser): Promise<'stop' | 'retry'> {
    const accept = 'text/event-stream';
    const headers = this.api.headers({ accept, ...(this.lastEventId ? { 'last-event-id': this.lastEventId } : {}) });
    const response = await fetch(this.path, { headers, signal: this.abort.signal, cache: 'no-store' });
    if (!response.ok || !response.body) {
      throw new ApiError(response.status, response.status === 404 ? 'NOT_FOUND' : `HTTP_${response.status}`, response.statusText);
    }
    this.failures = 0;
    this.options.onState('live');
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return 'retry';
      for (const event of parser.push(value)) {
        if (event.id !== undefined) this.lastEventId = event.id;
        if (event.event === 'token-expired') {
          this.options.onState('expired', 'your sign-in expired');
          return 'stop';
        }
        this.options.onEvent(event);
      }
    }
  }

  private failure(error: unknown): 'stop' | 'retry' {
    if (this.abort.signal.aborted) return 'stop';
    if (error instanceof ApiError && error.status === 401) {
      this.options.onState('expired', 'your sign-in is no longer valid');
      return 'stop';
    }
    if (error instanceof ApiError && (error.status === 404 || error.status === 403)) {
      this.options.onState('unavailable', error.status === 403 ? 'not allowed for this sign-in' : 'not on this server');
      return 'stop';
    }
    return 'retry';
  }
}
