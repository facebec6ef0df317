import { Inject, Injectable, Logger } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type GlobalPosition, type RecordedEvent } from '@app/event-store';
import { PositionWaiters, checkpointedSubscriber, type RestartingInput } from '@app/platform';
import { CONVERSATION_STREAM_PREFIX, readConversationEvent } from '@app/routing-domain';
import { QueueDrain } from '../assignment/queue-drain.js';
import { DeadlineTimer } from '../offers/deadline-timer.js';
import { RoutingState } from '../routing-state.js';

/**
 * Every conversation's state from the event store, from the beginning: the
 * queues are rebuilt on start, and conversations queued or transferred by
 * another instance reach this one's queues too, and every offer's deadline
 * (this instance's or another's) wakes its timer, so an offer whose routing
 * instance died still expires.
 */
@Injectable()
export class ConversationSubscription {
  readonly input: RestartingInput;
  private applied: GlobalPosition | undefined;
  /** Readers that need every conversation event the store held when they asked (the team numbers). */
  readonly waiters = new PositionWaiters(() => this.applied);

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    private readonly state: RoutingState,
    private readonly drain: QueueDrain,
    private readonly timer: DeadlineTimer,
  ) {
    // After an error it reads on from the last event it applied: the view already holds everything before.
    this.input = checkpointedSubscriber(store, {
      name: 'conversation subscription',
      streamPrefixes: [CONVERSATION_STREAM_PREFIX],
      checkpoint: () => this.applied,
      handle: (recorded) => this.receive(recorded),
    }, new Logger(ConversationSubscription.name));
  }

  get error(): string | null {
    return this.input.error?.message ?? null;
  }

  /** Position of the last conversation event received. */
  get position(): GlobalPosition | undefined {
    return this.applied;
  }

  private receive(recorded: RecordedEvent): void {
    this.applied = recorded.position;
    const event = readConversationEvent(recorded);
    if (event) {
      // Every event once, in log order, before the revision check: this instance's own outcomes reach the view first.
      this.state.activity.apply(event);
      // Once caught up; before, the start-up sweep sets the timer from the whole view.
      if (event.type === 'ConversationOffered' && this.state.caughtUp) this.timer.watch(event.data.conversationId, Date.parse(event.data.offerExpiresAt));
      const conversation = this.state.applyEvent(event, recorded.revision);
      if (conversation?.kind === 'queued' && this.state.caughtUp) this.drain.schedule([conversation.team]);
    }
    this.waiters.advance();
  }
}
