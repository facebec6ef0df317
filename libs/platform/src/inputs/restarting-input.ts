import type { LoggerService } from '@nestjs/common';

/** A running input: a store subscription or a bus consumer. */
export interface OpenInput {
  stop(): Promise<void>;
  /** Resolves once the input has delivered everything that existed when it opened. */
  readonly caughtUp: Promise<void>;
}

/** Opens the input; it calls `onError` when it ends by an error it could not recover from. */
export type InputOpener = (onError: (error: Error) => void) => OpenInput | Promise<OpenInput>;

export interface RestartPolicy {
  /** How long after a failure the input opens again. */
  readonly restartDelayMs: number;
  /** Undo what the failed run left half done (a read model batch) before reopening. */
  readonly beforeRestart?: (error: Error) => void | Promise<void>;
}

export const DEFAULT_RESTART_DELAY_MS = 1000;

/**
 * One restart policy for every input this product reads (the projection,
 * the relay, routing's subscription and consumer): on an error the input is
 * stopped, the error is logged through the app's logger and kept for health
 * checks, and after a delay the input opens again, from wherever its opener
 * says (a stored checkpoint, the last delivered position). The error clears
 * once the reopened input has caught up.
 */
export class RestartingInput {
  private current: OpenInput | undefined;
  private failure: Error | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private stopped = true;
  private generation = 0;
  private started: Promise<void> = Promise.resolve();

  constructor(
    private readonly name: string,
    private readonly open: InputOpener,
    private readonly logger: LoggerService,
    private readonly policy: RestartPolicy = { restartDelayMs: DEFAULT_RESTART_DELAY_MS },
  ) {}

  get error(): Error | undefined {
    return this.failure;
  }

  get running(): boolean {
    return this.current !== undefined;
  }

  /** Opens the input (once; again only after stop); resolves once it has caught up (rejects if it failed before). */
  async start(): Promise<void> {
    if (!this.stopped) return this.started;
    this.stopped = false;
    this.started = this.openOnce().then((input) => input.caughtUp);
    return this.started;
  }

  /** Stops the current run because of `error`, and opens the input again after the delay. */
  async fail(error: Error): Promise<void> {
    const generation = this.generation;
    const input = this.current;
    this.current = undefined;
    await input?.stop().catch(() => undefined);
    if (generation !== this.generation || this.stopped) return;
    this.failure = error;
    this.logger.error(`${this.name} stopped: ${error.message}; restarting in ${this.policy.restartDelayMs} ms`);
    await this.policy.beforeRestart?.(error);
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => void this.reopen(), this.policy.restartDelayMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.generation++;
    clearTimeout(this.restartTimer);
    const input = this.current;
    this.current = undefined;
    await input?.stop();
  }

  private async openOnce(): Promise<OpenInput> {
    const generation = ++this.generation;
    const input = await this.open((error) => {
      if (generation === this.generation) void this.fail(error);
    });
    this.current = input;
    return input;
  }

  private async reopen(): Promise<void> {
    if (this.stopped) return;
    try {
      const input = await this.openOnce();
      await input.caughtUp;
      this.failure = undefined;
    } catch (error) {
      await this.fail(error as Error);
    }
  }
}
