/**
 * The message bus port: topics of keyed messages, ordered per key, delivered
 * at least once. Adapters: in-process (embedded default) and Kafka (kafkajs).
 */

export interface OutgoingMessage {
  /** Messages with the same key keep their order (Kafka: same partition). */
  readonly key: string;
  readonly value: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface IncomingMessage {
  readonly topic: string;
  readonly key: string | undefined;
  /** undefined for a tombstone or an empty value. */
  readonly value: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly partition: number;
  /** The broker's offset as text (Kafka offsets are int64). */
  readonly offset: string;
}

/** Called once per message, in order per partition; the next waits for the promise. */
export type MessageHandler = (message: IncomingMessage) => Promise<void> | void;

export interface ConsumeOptions {
  /** Consumers in one group share a topic's partitions; omit for a private consumer. */
  readonly groupId?: string;
  /** Read the topic from its first retained message (rebuilds a view). */
  readonly fromBeginning: boolean;
  /**
   * A handler that still throws after the adapter's retries stops the consumer
   * (its message stays uncommitted, so it is redelivered on the next start) and
   * the error lands here. Without it the adapter logs the error.
   */
  readonly onError?: (error: Error) => void;
}

export interface Consumer {
  /** Resolves once the consumer has reached the end of the topic as it was when consumption started. */
  readonly caughtUp: Promise<void>;
  stop(): Promise<void>;
}

export interface MessageBus {
  /**
   * Whether published messages outlive this process (Kafka: yes; in-process:
   * no). A publisher that checkpoints must start over against a bus that
   * forgets, or consumers in the next process never see what came before.
   */
  readonly keepsMessagesAcrossRestarts: boolean;
  /** Resolves only when the bus has durably accepted every message (Kafka: acks from all in-sync replicas). */
  publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  consume(topic: string, handler: MessageHandler, options: ConsumeOptions): Promise<Consumer>;
  /** Resolves when the bus answers (Kafka: a metadata round trip to the cluster); rejects otherwise. Used by readiness probes. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const MESSAGE_BUS = Symbol('MessageBus');
