import { Kafka, Partitioners, logLevel as kafkaLogLevel, type Admin, type Producer, type RetryOptions } from 'kafkajs';
import { defaultHandlerRetryPolicy, type HandlerRetryPolicy } from './handler-retry.js';
import { KafkaTopicConsumer } from './kafka-topic-consumer.js';
import { nestKafkaLogCreator } from './kafka-log.js';
import type { ConsumeOptions, Consumer, MessageBus, MessageHandler, OutgoingMessage } from './message-bus.port.js';

export interface KafkaTopicOptions {
  /** Partitions when the bus creates the topic; an existing topic is left as it is. */
  readonly partitions?: number;
  /** cleanup.policy=compact: keep the latest message per key (snapshots, current state). */
  readonly compacted?: boolean;
  /** retention.ms: how long the broker keeps messages (signals that matter only for seconds need not fill a disk). */
  readonly retentionMs?: number;
}

export interface KafkaMessageBusOptions {
  readonly brokers: readonly string[];
  readonly clientId?: string;
  /** Partitions of topics created on demand without their own entry in `topics`. Default 3. */
  readonly defaultPartitions?: number;
  readonly topics?: Readonly<Record<string, KafkaTopicOptions>>;
  /** How long publish keeps retrying while the broker is unreachable. Default 30 s. */
  readonly publishTimeoutMs?: number;
  readonly handlerRetry?: HandlerRetryPolicy;
  /**
   * How long the broker waits for a silent consumer before giving its partitions
   * to others. Also how long a group stalls after a consumer or the broker
   * crashed. Default 10 s (kafkajs: 30 s).
   */
  readonly sessionTimeoutMs?: number;
  /** kafkajs log level, routed to Nest's Logger. Default WARN. */
  readonly logLevel?: kafkaLogLevel;
}

/** publish gave up: the broker refused the messages or stayed unreachable past publishTimeoutMs. */
export class KafkaPublishError extends Error {
  constructor(topic: string, count: number, attempts: number, elapsedMs: number, cause: unknown) {
    super(
      `publishing ${count} message(s) to Kafka topic "${topic}" failed after ${attempts} attempt(s) in ${elapsedMs} ms: ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
      { cause },
    );
    this.name = 'KafkaPublishError';
  }
}

/**
 * MessageBus on Kafka through kafkajs. Topics are created on first use; publish
 * waits for acks from all in-sync replicas; consumers are described in
 * KafkaTopicConsumer.
 */
export class KafkaMessageBus implements MessageBus {
  readonly keepsMessagesAcrossRestarts = true;
  /** Producer and admin: short retries, because publish() owns the deadline. */
  private readonly publishingClient: Kafka;
  /** Consumers: retries long enough to ride out a broker restart of ~10 s. */
  private readonly consumingClient: Kafka;
  private readonly clientId: string;
  private readonly topicsReady = new Map<string, Promise<void>>();
  private readonly consumers = new Set<KafkaTopicConsumer>();
  private producer: Promise<Producer> | undefined;
  private admin: Promise<Admin> | undefined;
  private consumingAdmin: Promise<Admin> | undefined;

  constructor(private readonly options: KafkaMessageBusOptions) {
    this.clientId = options.clientId ?? 'message-bus';
    const client = (retry: RetryOptions) =>
      new Kafka({
        clientId: this.clientId,
        brokers: [...options.brokers],
        logLevel: options.logLevel ?? kafkaLogLevel.WARN,
        logCreator: nestKafkaLogCreator,
        connectionTimeout: 3_000,
        retry,
      });
    // 200 ms doubling, capped at 1 s: one attempt gives up after ~3 s and publish() tries again.
    this.publishingClient = client({ initialRetryTime: 200, maxRetryTime: 1_000, retries: 3 });
    // 300 ms doubling, capped at 3 s: ~17 s before kafkajs restarts the consumer from scratch.
    this.consumingClient = client({ initialRetryTime: 300, maxRetryTime: 3_000, retries: 8 });
  }

  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const started = Date.now();
    const deadline = started + (this.options.publishTimeoutMs ?? 30_000);
    const records = messages.map((message) => ({ key: message.key, value: message.value, headers: { ...message.headers } }));
    for (let attempt = 1; ; attempt++) {
      try {
        await this.ensureTopic(topic);
        const producer = await this.connectedProducer();
        await producer.send({ topic, acks: -1, messages: records });
        return;
      } catch (error) {
        if (isRefusal(error) || Date.now() >= deadline) {
          throw new KafkaPublishError(topic, messages.length, attempt, Date.now() - started, error);
        }
        // Resending may duplicate a batch whose ack was lost: at least once, as the port says.
        await sleep(Math.min(200 * 2 ** (attempt - 1), 2_000, Math.max(0, deadline - Date.now())));
      }
    }
  }

  async consume(topic: string, handler: MessageHandler, options: ConsumeOptions): Promise<Consumer> {
    await this.ensureTopic(topic);
    const consumer = await KafkaTopicConsumer.start({
      kafka: this.consumingClient,
      sessionTimeoutMs: this.options.sessionTimeoutMs ?? 10_000,
      // Its long retries also cover a fresh broker whose group coordinator is still loading.
      admin: await (this.consumingAdmin ??= connectOnce(this.consumingClient.admin(), () => (this.consumingAdmin = undefined))),
      topic,
      handler,
      options,
      clientId: this.clientId,
      handlerRetry: this.options.handlerRetry ?? defaultHandlerRetryPolicy,
      onStopped: () => this.consumers.delete(consumer),
    });
    this.consumers.add(consumer);
    return consumer;
  }

  /** Creates the topic unless it exists; options default to the constructor's `topics` entry. */
  ensureTopic(topic: string, options: KafkaTopicOptions = this.options.topics?.[topic] ?? {}): Promise<void> {
    let ready = this.topicsReady.get(topic);
    if (!ready) {
      ready = this.createTopic(topic, options);
      this.topicsReady.set(topic, ready);
      ready.catch(() => this.topicsReady.delete(topic));
    }
    return ready;
  }

  /** A metadata round trip (describeCluster) on the admin client; a failed connect is retried on the next ping. */
  async ping(): Promise<void> {
    const admin = await this.connectedAdmin();
    await admin.describeCluster();
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
    const clients = [this.producer, this.admin, this.consumingAdmin];
    this.producer = this.admin = this.consumingAdmin = undefined;
    await Promise.all(clients.map((client) => client?.then((c) => c.disconnect()).catch(() => undefined)));
  }

  private async createTopic(topic: string, options: KafkaTopicOptions): Promise<void> {
    const admin = await this.connectedAdmin();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic,
          numPartitions: options.partitions ?? this.options.defaultPartitions ?? 3,
          configEntries: [
            ...(options.compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : []),
            ...(options.retentionMs === undefined ? [] : [{ name: 'retention.ms', value: String(options.retentionMs) }]),
          ],
        },
      ],
    });
  }

  private connectedProducer(): Promise<Producer> {
    this.producer ??= connectOnce(
      this.publishingClient.producer({
        createPartitioner: Partitioners.DefaultPartitioner,
        idempotent: false,
        // One request in flight: a retried batch cannot overtake a later one, so per-key order holds.
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
      }),
      () => (this.producer = undefined),
    );
    return this.producer;
  }

  private connectedAdmin(): Promise<Admin> {
    this.admin ??= connectOnce(this.publishingClient.admin(), () => (this.admin = undefined));
    return this.admin;
  }
}

/** Connects a kafkajs client; a failed connect is forgotten so the next call tries again. */
function connectOnce<T extends { connect(): Promise<void> }>(client: T, forget: () => void): Promise<T> {
  const connected = client.connect().then(() => client);
  connected.catch(forget);
  return connected;
}

/** The broker answered and said no (too large, not authorized...): retrying will not help. */
function isRefusal(error: unknown): boolean {
  // By name: kafkajs spreads its error classes into module.exports, which ESM named imports cannot see.
  let e = error as { name?: string; retriable?: boolean; cause?: unknown; originalError?: unknown } | undefined;
  for (let depth = 0; e && depth < 5; depth++) {
    if (e.name === 'KafkaJSProtocolError' && e.retriable === false) return true;
    e = (e.cause ?? e.originalError) as typeof e;
  }
  return false;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
