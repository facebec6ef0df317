import { Inject, Injectable } from '@nestjs/common';
import type {
  CloseConversation, Conversation, ConversationEvent, QueueConversation, TransferConversation,
} from '@app/routing-domain';
import type { ConversationReleaseReason } from '@app/presence-domain';
import { ConversationRouting } from '../assignment/conversation-routing.js';
import { QueueDrain } from '../assignment/queue-drain.js';
import { routingMetadata } from '../assignment/routing-metadata.js';
import { SerialWork } from '../assignment/serial-work.js';
import { ROUTING_STEP } from '../assignment/assignment-command-ids.js';
import { Offering } from '../offers/offering.js';
import { RoutingState } from '../routing-state.js';
import { AGENT_STREAMS, type AgentStreams, CONVERSATION_STREAMS, type ConversationOutcome, type ConversationStreams } from '../streams.js';

export interface LifecycleOutcome {
  readonly conversation: Conversation;
  readonly command: Pick<ConversationOutcome, 'appended' | 'replayed' | 'position'>;
}

/** The agent who lost the conversation by this command's event, if any. */
const releasedAgent = (events: readonly ConversationEvent[]): string | null => {
  const event = events.find((e) => e.type === 'ConversationTransferred' || e.type === 'ConversationClosed');
  if (event?.type === 'ConversationTransferred') return event.data.fromAgentId;
  if (event?.type === 'ConversationClosed') return event.data.agentId;
  return null;
};

/** The agent whose pending offer this command's events took back (a close or transfer of an offered conversation). */
const rescindedOfferee = (events: readonly ConversationEvent[]): string | null =>
  events.find((e) => e.type === 'OfferRescinded')?.data.agentId ?? null;

/**
 * What a client's request does to a conversation, step by step: the
 * conversation's own event first, then the agent it leaves (an assigned
 * agent's capacity, or an offered agent's reserved unit), then routing.
 * Each step is idempotent (the agent's release carries an id derived from
 * the request's), so a retried request finishes what a failed one began.
 */
@Injectable()
export class ConversationLifecycle {
  constructor(
    private readonly state: RoutingState,
    @Inject(CONVERSATION_STREAMS) private readonly conversations: ConversationStreams,
    @Inject(AGENT_STREAMS) private readonly agents: AgentStreams,
    private readonly routing: ConversationRouting,
    private readonly offering: Offering,
    private readonly drain: QueueDrain,
    private readonly work: SerialWork,
  ) {}

  queue(command: QueueConversation): Promise<LifecycleOutcome> {
    return this.work.run(async () => {
      const outcome = await this.apply(command);
      return { conversation: await this.routing.route(command.data.conversationId), command: outcome };
    });
  }

  /** From queued, offered or assigned, whatever the agent's status; then routed in the new team. */
  transfer(command: TransferConversation): Promise<LifecycleOutcome> {
    return this.work.run(async () => {
      const outcome = await this.apply(command);
      const freed = await this.release(outcome, command.metadata.commandId, 'transferred');
      await this.drain.drain(freed);
      return { conversation: await this.routing.route(command.data.conversationId), command: outcome };
    });
  }

  close(command: CloseConversation): Promise<LifecycleOutcome> {
    return this.work.run(async () => {
      const outcome = await this.apply(command);
      await this.drain.drain(await this.release(outcome, command.metadata.commandId, 'closed'));
      return { conversation: outcome.state, command: outcome };
    });
  }

  private async apply(command: QueueConversation | TransferConversation | CloseConversation): Promise<ConversationOutcome> {
    const outcome = await this.conversations.run(command);
    this.state.applyState(command.data.conversationId, outcome.state, outcome.revision);
    return outcome;
  }

  /** Frees the agent the conversation left (or the unit its pending offer held); returns the teams where that capacity can drain a queue. */
  private async release(outcome: ConversationOutcome, commandId: string, reason: ConversationReleaseReason): Promise<readonly string[]> {
    const conversationId = outcome.events[0]?.data.conversationId;
    if (!conversationId) return [];
    const offeree = rescindedOfferee(outcome.events);
    if (offeree) {
      await this.offering.releaseReservation(offeree, conversationId, 'rescinded', `${commandId}:release-offer`);
      return this.state.view.agent(offeree)?.teams ?? [];
    }
    const agentId = releasedAgent(outcome.events);
    if (!agentId) return [];
    await this.agents.run({
      type: 'ReleaseConversation', data: { agentId, conversationId, reason },
      metadata: routingMetadata(`${commandId}:release`, commandId),
    }, ROUTING_STEP);
    this.state.view.noteReleased(agentId, conversationId);
    return this.state.view.agent(agentId)?.teams ?? [];
  }
}
