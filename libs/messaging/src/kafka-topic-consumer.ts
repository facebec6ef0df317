import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Admin, Consumer as KafkaJsConsumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { CaughtUpSignal } from './caught-up-signal.js';
import { handleWithRetries, type HandlerRetryPolicy } from './handler-retry.js';
import type { ConsumeOptions, Consumer, IncomingMessage, MessageHandler } from './message-bus.port.js';

interface PartitionProgress {
  /** High watermark when consume() was called: caughtUp means reaching it. */
  readonly target: number;
  /** Offset of the next message this consumer's group has to handle. */
  next: number;
  /** A new group that must not replay history starts here (see the first GROUP_JOIN). */
  startAt: number | undefined;
}

export interface KafkaTopicConsumerParams {
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly topic: string;
  readonly handler: MessageHandler;
  readonly options: ConsumeOptions;
  readonly clientId: string;
  readonly sessionTimeoutMs: number;
  readonly handlerRetry: HandlerRetryPolicy;
  readonly onStopped: () => void;
}

/**
 * One kafkajs consumer for one topic. Offsets are resolved only after the
 * handler returned, and committed by kafkajs (after each batch and on stop), so
 * delivery is at least once. A consumer without a groupId gets a group of its own,
 * deleted again on stop.
 */
export class KafkaTopicConsumer implements Consumer {
  private readonly logger = new Logger('KafkaMessageBus');
  private readonly signal = new CaughtUpSignal();
  private assigned: readonly number[] | undefined;
  private stopping: Promise<void> | undefined;
  private failed = false;

  private constructor(
    private readonly params: KafkaTopicConsumerParams,
    private readonly groupId: string,
    private readonly progress: Map<number, PartitionProgress>,
    private readonly consumer: KafkaJsConsumer,
  ) {}

  static async start(params: KafkaTopicConsumerParams): Promise<KafkaTopicConsumer> {
    const { kafka, admin, topic, options } = params;
    const groupId = options.groupId ?? `${params.clientId}-private-${randomUUID()}`;
    const progress = await retryTransient(() => readProgress(admin, topic, groupId, options.fromBeginning));
    const kafkaConsumer = kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      // Short fetch waits keep stop() quick; the broker still answers at once when data arrives.
      maxWaitTimeInMs: 500,
      sessionTimeout: params.sessionTimeoutMs,
      heartbeatInterval: 1_000,
      retry: {
        initialRetryTime: 300,
        maxRetryTime: 3_000,
        retries: 8,
        // Called by kafkajs after it gave up on a retriable error: start over unless we are stopping.
        restartOnFailure: async () => !consumer.failed && !consumer.stopping,
      },
    });
    const consumer = new KafkaTopicConsumer(params, groupId, progress, kafkaConsumer);
    await consumer.run();
    return consumer;
  }

  get caughtUp(): Promise<void> {
    return this.signal.promise;
  }

  stop(): Promise<void> {
    this.stopping ??= this.disconnect();
    return this.stopping;
  }

  private async run(): Promise<void> {
    const { topic, options } = this.params;
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => this.onJoin(payload.memberAssignment[topic] ?? []));
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart && !this.stopping) this.fail(payload.error);
    });
    this.checkCaughtUp();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [topic], fromBeginning: options.fromBeginning });
    await this.consumer.run({ eachBatchAutoResolve: false, eachBatch: (payload) => this.handleBatch(payload) });
  }

  private onJoin(partitions: readonly number[]): void {
    this.assigned = partitions;
    for (const partition of partitions) {
      const progress = this.progress.get(partition);
      // GROUP_JOIN fires before the first fetch, so this seek decides where a new
      // group starts: at the high watermark seen by consume(), not at whatever
      // "latest" is when kafkajs gets round to asking. Nothing published after
      // consume() resolved is skipped.
      if (progress?.startAt !== undefined) {
        this.consumer.seek({ topic: this.params.topic, partition, offset: String(progress.startAt) });
        progress.startAt = undefined;
      }
    }
    this.checkCaughtUp();
  }

  private async handleBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const progress = this.progress.get(batch.partition);
    for (const message of batch.messages) {
      if (!isRunning() || isStale() || this.failed || this.stopping) return;
      const offset = Number(message.offset);
      try {
        const handled = await handleWithRetries(
          this.params.handler,
          toIncoming(batch.topic, batch.partition, message),
          this.params.handlerRetry,
          () => this.stopping !== undefined,
        );
        if (!handled) return;
      } catch (error) {
        // The message stays unresolved, so the next consumer of this group gets it again.
        this.fail(error as Error);
        return;
      }
      resolveOffset(message.offset);
      if (progress && offset + 1 > progress.next) progress.next = offset + 1;
      this.checkCaughtUp();
      await heartbeat();
    }
  }

  private checkCaughtUp(): void {
    if (this.signal.isSettled) return;
    for (const [partition, { target, next }] of this.progress) {
      // A partition another group member owns is that member's business.
      const ours = this.assigned === undefined || this.assigned.includes(partition);
      if (ours && next < target) return;
    }
    this.signal.resolve();
  }

  private fail(error: Error): void {
    if (this.failed) return;
    this.failed = true;
    this.signal.reject(error);
    // Not awaited: disconnect waits for the batch that is failing right now.
    void this.stop();
    if (this.params.options.onError) this.params.options.onError(error);
    else this.logger.error(`consumer of ${this.params.topic} (group ${this.groupId}) stopped: ${error.message}`, error.stack);
  }

  private async disconnect(): Promise<void> {
    try {
      await this.consumer.disconnect();
      if (this.params.options.groupId === undefined) {
        // Private groups are never resumed; leave no offsets behind on the broker.
        await this.params.admin.deleteGroups([this.groupId]).catch(() => undefined);
      }
    } finally {
      this.signal.reject(new Error(`consumer of ${this.params.topic} stopped before catching up`));
      this.params.onStopped();
    }
  }
}

/** Where each partition starts and what counts as caught up, read before the consumer joins. */
async function readProgress(admin: Admin, topic: string, groupId: string, fromBeginning: boolean): Promise<Map<number, PartitionProgress>> {
  const [watermarks, committed] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    admin.fetchOffsets({ groupId, topics: [topic] }),
  ]);
  const committedByPartition = new Map(
    (committed.find((entry) => entry.topic === topic)?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]),
  );
  const progress = new Map<number, PartitionProgress>();
  for (const { partition, low, high } of watermarks) {
    const target = Number(high);
    const resumeAt = committedByPartition.get(partition) ?? -1;
    const fresh = resumeAt < 0;
    const next = !fresh ? resumeAt : fromBeginning ? Number(low) : target;
    progress.set(partition, { target, next, startAt: fresh && !fromBeginning ? target : undefined });
  }
  return progress;
}

function toIncoming(topic: string, partition: number, message: KafkaMessage): IncomingMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.map(String).join(',') : value.toString();
  }
  return {
    topic,
    key: message.key?.toString(),
    value: message.value && message.value.length > 0 ? message.value.toString() : undefined,
    headers,
    partition,
    offset: message.offset,
  };
}

/**
 * kafkajs' fetchTopicOffsets gives up at once on retriable answers such as
 * NOT_LEADER_OR_FOLLOWER, which a broker sends for a moment after creating a
 * topic or after a restart. Retry those for up to ~10 s.
 */
async function retryTransient<T>(operation: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if ((error as { retriable?: boolean }).retriable !== true || attempt >= 20) throw error;
      await new Promise((done) => setTimeout(done, 500));
    }
  }
}
