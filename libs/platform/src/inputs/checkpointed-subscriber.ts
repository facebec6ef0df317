import type { LoggerService } from '@nestjs/common';
import type { EventHandler, EventStore, GlobalPosition } from '@app/event-store';
import { RestartingInput, type RestartPolicy, DEFAULT_RESTART_DELAY_MS } from './restarting-input.js';

export interface CheckpointedSubscription {
  /** Names the subscriber in logs and health checks. */
  readonly name: string;
  readonly streamPrefixes: readonly string[];
  /** Where to start, read again at every (re)start: the stored checkpoint, or the last position handled. */
  readonly checkpoint: () => GlobalPosition | undefined;
  readonly handle: EventHandler;
}

/**
 * A store subscription that follows the log from a checkpoint and, after an
 * error, restarts from the checkpoint under the one restart policy.
 */
export const checkpointedSubscriber = (
  store: EventStore, subscription: CheckpointedSubscription, logger: LoggerService,
  policy: RestartPolicy = { restartDelayMs: DEFAULT_RESTART_DELAY_MS },
): RestartingInput => new RestartingInput(
  subscription.name,
  (onError) => store.subscribeToAll(
    subscription.handle, { after: subscription.checkpoint(), streamPrefixes: subscription.streamPrefixes }, { onError },
  ),
  logger,
  policy,
);
