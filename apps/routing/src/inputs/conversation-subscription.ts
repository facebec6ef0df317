import { Inject, Injectable, Logger } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent, type Subscription } from '@app/event-store';
import { CONVERSATION_STREAM_PREFIX, readConversationEvent } from '@app/routing-domain';
import { QueueDrain } from '../conversations/queue-drain.js';
import { RoutingState } from '../conversations/routing-state.js';

/**
 * Every conversation's state from the event store, from the beginning: the
 * queues are rebuilt on start, and conversations queued or transferred by
 * another instance reach this one's queues too.
 */
@Injectable()
export class ConversationSubscription {
  private readonly logger = new Logger(ConversationSubscription.name);
  private failure: Error | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly state: RoutingState,
    private readonly drain: QueueDrain,
  ) {}

  get error(): string | null {
    return this.failure?.message ?? null;
  }

  start(): Subscription {
    return this.store.subscribeToAll((recorded) => this.receive(recorded), { streamPrefixes: [CONVERSATION_STREAM_PREFIX] }, {
      onError: (error) => {
        this.failure = error;
        this.logger.error(`conversation subscription stopped: ${error.message}`);
      },
    });
  }

  private receive(recorded: RecordedEvent): void {
    const event = readConversationEvent(recorded);
    if (!event) return;
    const conversation = this.state.applyEvent(event, recorded.revision);
    if (conversation?.kind === 'queued' && this.state.caughtUp) this.drain.schedule([conversation.team]);
  }
}
