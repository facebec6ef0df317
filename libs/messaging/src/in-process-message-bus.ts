import { Logger } from '@nestjs/common';
import { CaughtUpSignal } from './caught-up-signal.js';
import { defaultHandlerRetryPolicy, handleWithRetries, type HandlerRetryPolicy } from './handler-retry.js';
import type {
  ConsumeOptions,
  Consumer,
  IncomingMessage,
  MessageBus,
  MessageHandler,
  OutgoingMessage,
} from './message-bus.port.js';

/**
 * The embedded message bus: one partition per topic, every message kept for the
 * life of the process. It behaves like the Kafka adapter where the port makes
 * promises (order, replay, groups resuming from their committed offset, caughtUp),
 * so code tested against it runs unchanged on Kafka.
 */
export class InProcessMessageBus implements MessageBus {
  readonly keepsMessagesAcrossRestarts = false;
  private readonly topics = new Map<string, TopicLog>();
  private readonly groups = new Map<string, ConsumerGroup>();
  private readonly consumers = new Set<InProcessConsumer>();
  private closed = false;

  constructor(private readonly options: { readonly handlerRetry?: HandlerRetryPolicy } = {}) {}

  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    this.assertOpen();
    this.topicLog(topic).append(messages);
  }

  async consume(topic: string, handler: MessageHandler, options: ConsumeOptions): Promise<Consumer> {
    this.assertOpen();
    const log = this.topicLog(topic);
    const group = options.groupId === undefined ? undefined : this.consumerGroup(topic, options.groupId);
    const consumer = new InProcessConsumer(log, handler, options, group, this.options.handlerRetry ?? defaultHandlerRetryPolicy, () =>
      this.consumers.delete(consumer),
    );
    this.consumers.add(consumer);
    consumer.start();
    return consumer;
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('InProcessMessageBus is closed');
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('InProcessMessageBus is closed');
  }

  private topicLog(topic: string): TopicLog {
    let log = this.topics.get(topic);
    if (!log) this.topics.set(topic, (log = new TopicLog(topic)));
    return log;
  }

  private consumerGroup(topic: string, groupId: string): ConsumerGroup {
    // Kafka keeps a group's offsets per topic, so one group may read several topics.
    const id = `${groupId}\u0000${topic}`;
    let group = this.groups.get(id);
    if (!group) this.groups.set(id, (group = new ConsumerGroup()));
    return group;
  }
}

interface StoredMessage extends IncomingMessage {}

/** One topic's single partition: append-only, offsets are array indexes. */
class TopicLog {
  readonly messages: StoredMessage[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(readonly topic: string) {}

  append(messages: readonly OutgoingMessage[]): void {
    for (const message of messages) {
      this.messages.push({
        topic: this.topic,
        key: message.key,
        value: message.value === '' ? undefined : message.value,
        headers: { ...message.headers },
        partition: 0,
        offset: String(this.messages.length),
      });
    }
    for (const listener of this.listeners) listener();
  }

  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * With one partition, one member of a group reads at a time (as in Kafka); the
 * others stand by and take over from the committed offset when it stops.
 */
class ConsumerGroup {
  committed: number | undefined;
  readonly members: InProcessConsumer[] = [];

  isActive(member: InProcessConsumer): boolean {
    return this.members[0] === member;
  }

  join(member: InProcessConsumer): void {
    this.members.push(member);
  }

  leave(member: InProcessConsumer): void {
    const index = this.members.indexOf(member);
    if (index >= 0) this.members.splice(index, 1);
    this.members.forEach((other) => other.wake());
  }

  commit(next: number): void {
    this.committed = next;
    this.members.forEach((other) => other.checkCaughtUp());
  }
}

class InProcessConsumer implements Consumer {
  private readonly logger = new Logger(InProcessMessageBus.name);
  private readonly signal = new CaughtUpSignal();
  /** Where this consumer would read next when it has no group. */
  private privatePosition: number;
  private readonly target: number;
  private stopped = false;
  private loop: Promise<void> = Promise.resolve();
  private wakeUp: (() => void) | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly log: TopicLog,
    private readonly handler: MessageHandler,
    private readonly options: ConsumeOptions,
    private readonly group: ConsumerGroup | undefined,
    private readonly retry: HandlerRetryPolicy,
    private readonly onStopped: () => void,
  ) {
    const end = log.messages.length;
    this.target = end;
    this.privatePosition = options.fromBeginning ? 0 : end;
    // A new group starts where its first member says, like a Kafka group without offsets.
    if (group && group.committed === undefined) group.committed = this.privatePosition;
    group?.join(this);
    this.unsubscribe = log.onAppend(() => this.wake());
  }

  get caughtUp(): Promise<void> {
    return this.signal.promise;
  }

  start(): void {
    this.checkCaughtUp();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.wake();
    }
    await this.loop;
  }

  wake(): void {
    this.wakeUp?.();
  }

  checkCaughtUp(): void {
    if (this.position() >= this.target) this.signal.resolve();
  }

  private position(): number {
    return this.group ? (this.group.committed ?? 0) : this.privatePosition;
  }

  private async run(): Promise<void> {
    try {
      while (!this.stopped) {
        const next = this.position();
        const readable = (!this.group || this.group.isActive(this)) && next < this.log.messages.length;
        if (!readable) {
          await new Promise<void>((resolve) => (this.wakeUp = resolve));
          continue;
        }
        // Yield first, so a handler never runs inside the publisher's call stack.
        await Promise.resolve();
        const handled = await handleWithRetries(this.handler, this.log.messages[next]!, this.retry, () => this.stopped);
        if (!handled) break;
        if (this.group) this.group.commit(next + 1);
        else this.privatePosition = next + 1;
        this.checkCaughtUp();
      }
    } catch (error) {
      this.fail(error as Error);
    } finally {
      this.stopped = true;
      this.unsubscribe();
      this.group?.leave(this);
      this.signal.reject(new Error(`consumer of ${this.log.topic} stopped before catching up`));
      this.onStopped();
    }
  }

  private fail(error: Error): void {
    this.signal.reject(error);
    if (this.options.onError) this.options.onError(error);
    else this.logger.error(`consumer of ${this.log.topic} stopped: ${error.message}`, error.stack);
  }
}
