import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, formatPosition, type EventStore, type GlobalPosition, type RecordedEvent } from '@app/event-store';
import { MESSAGE_BUS, type MessageBus, type OutgoingMessage } from '@app/messaging';
import { checkpointedSubscriber, type RestartingInput } from '@app/platform';
import {
  AGENT_STREAM_PREFIX, agentStreamId, currentReasonCode, evolve, initialPresence, upcastPresenceEvent, type AgentPresence,
} from '@app/presence-domain';
import { PRESENCE_CONFIG, type PresenceConfig } from '../presence-config.js';
import { StatusReasonCatalogueReader } from '../status-reasons/status-reason-streams.js';
import { availabilityMessageOf } from './availability-message-of.js';
import { RelayCheckpoint } from './relay-checkpoint.js';

interface Pending {
  readonly message: OutgoingMessage;
  readonly position: GlobalPosition;
}

/** Messages held before the subscription waits for the broker: bounds memory, keeps batches large under load. */
const MAX_PENDING = 1000;
const RETRY_DELAY_MS = 1000;

/**
 * Publishes every agent event as the agent's full availability, keyed by
 * agent id, in log order. At least once: the checkpoint moves only after the
 * bus acknowledged, so a restart resumes with no gap (and maybe a repeat,
 * which consumers drop by revision).
 */
@Injectable()
export class AvailabilityRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AvailabilityRelay.name);
  private readonly agents = new Map<string, { revision: number; presence: AgentPresence }>();
  private readonly input: RestartingInput;
  private pending: Pending[] = [];
  private flushing: Promise<void> | undefined;
  private stopping = false;
  private published: GlobalPosition | undefined;
  private publishedCount = 0;
  private failure: Error | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(PRESENCE_CONFIG) private readonly config: PresenceConfig,
    private readonly checkpoint: RelayCheckpoint,
    private readonly reasons: StatusReasonCatalogueReader,
  ) {
    // After an error the relay reads on from what the bus acknowledged: maybe a repeat, never a gap.
    this.input = checkpointedSubscriber(store, {
      name: 'availability relay',
      streamPrefixes: [AGENT_STREAM_PREFIX],
      checkpoint: () => this.published,
      handle: (recorded) => this.relay(recorded),
    }, this.logger);
  }

  onApplicationBootstrap(): void {
    if (this.config.relayEnabled) this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Position of the last event the bus acknowledged. */
  get position(): GlobalPosition | undefined {
    return this.published;
  }

  get status() {
    return {
      enabled: this.config.relayEnabled,
      running: this.input.running,
      position: this.published ? formatPosition(this.published) : null,
      published: this.publishedCount,
      pending: this.pending.length,
      error: (this.failure ?? this.input.error)?.message ?? null,
    };
  }

  start(): void {
    if (this.input.running) return;
    this.stopping = false;
    // An in-process bus starts empty with every process: publish the whole log again so its consumers (routing) see every agent.
    this.published = this.bus.keepsMessagesAcrossRestarts ? this.checkpoint.load() : undefined;
    this.input.start().catch(() => undefined /* logged and restarted by the input */);
  }

  /** Stops reading the log and publishes what is already read, so the checkpoint ends where reading did. */
  async stop(): Promise<void> {
    await this.input.stop();
    this.stopping = true;
    await this.flushing;
    if (this.pending.length > 0) await this.flush();
  }

  private async relay(recorded: RecordedEvent): Promise<void> {
    const presence = await this.presenceAfter(recorded);
    if (presence?.kind === 'registered') {
      const message = availabilityMessageOf(presence, recorded, await this.reasons.labelOf(currentReasonCode(presence) ?? null));
      this.pending.push({ position: recorded.position, message: { key: presence.agentId, value: JSON.stringify(message) } });
    }
    this.flushing ??= this.flush();
    if (this.pending.length >= MAX_PENDING) await this.flushing;
  }

  /** The agent as it stood after `recorded`: from memory when in step, else folded from its stream. */
  private async presenceAfter(recorded: RecordedEvent): Promise<AgentPresence | undefined> {
    const event = upcastPresenceEvent(recorded);
    if (!event) return undefined;
    const agentId = event.data.agentId;
    const known = this.agents.get(agentId);
    let presence: AgentPresence;
    if (known && known.revision === recorded.revision - 1) {
      presence = evolve(known.presence, event);
    } else {
      const stream = await this.store.readStream(agentStreamId(agentId), { maxCount: recorded.revision + 1 });
      presence = stream.reduce((state, r) => {
        const e = upcastPresenceEvent(r);
        return e ? evolve(state, e) : state;
      }, initialPresence());
    }
    this.agents.set(agentId, { revision: recorded.revision, presence });
    return presence;
  }

  private async flush(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        await this.publishUntilAcknowledged(batch);
      }
    } finally {
      this.flushing = undefined;
    }
  }

  private async publishUntilAcknowledged(batch: Pending[]): Promise<void> {
    for (;;) {
      try {
        await this.bus.publish(this.config.availabilityTopic, batch.map((p) => p.message));
        const last = batch[batch.length - 1].position;
        this.checkpoint.save(last);
        this.published = last;
        this.publishedCount += batch.length;
        this.failure = undefined;
        return;
      } catch (error) {
        // Never skip: the same batch goes again until the bus takes it (or the relay stops; the checkpoint stays put).
        this.failure = error as Error;
        this.logger.warn(`publishing ${batch.length} availability message(s) failed, retrying: ${(error as Error).message}`);
        if (this.stopping) throw error;
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
      }
    }
  }
}
