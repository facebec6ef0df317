import { Inject, Injectable } from '@nestjs/common';
import { routingMetadata } from '../assignment/routing-metadata.js';
import { RoutingClock } from '../routing-clock.js';
import { RoutingState } from '../routing-state.js';
import { AGENT_STREAMS, type AgentStreams, CONVERSATION_STREAMS, type ConversationStreams } from '../streams.js';
import { recoverOfferCommandId, reservedAtRevision } from './offer-command-ids.js';
import { ROUTING_STEP } from '../assignment/assignment-command-ids.js';
import { Offering } from './offering.js';

/**
 * Each offer step is two appends, and a crash between them leaves the agent
 * holding a unit for an offer the conversation does not name: reserved but
 * never offered, or accepted on the conversation but not yet on the agent.
 * Seen from the agent's availability: an offer still exactly as reserved is
 * made, an accepted one is taken by the agent, anything else frees the unit.
 */
@Injectable()
export class StrandedOfferRecovery {
  constructor(
    private readonly state: RoutingState,
    private readonly offering: Offering,
    @Inject(CONVERSATION_STREAMS) private readonly conversations: ConversationStreams,
    @Inject(AGENT_STREAMS) private readonly agents: AgentStreams,
    private readonly clock: RoutingClock,
  ) {}

  /** Offers the agent holds a unit for that this instance does not know as offered to it; cheap, from memory. */
  suspects(agentId: string): string[] {
    return (this.state.view.agent(agentId)?.pendingOffers ?? []).filter((conversationId) => {
      const known = this.state.conversation(conversationId);
      return !(known.kind === 'offered' && known.agentId === agentId);
    });
  }

  async recover(agentId: string): Promise<void> {
    for (const conversationId of this.suspects(agentId)) await this.recoverOne(agentId, conversationId);
  }

  private async recoverOne(agentId: string, conversationId: string): Promise<void> {
    const stream = await this.conversations.load(conversationId);
    const revision = stream.expected === 'no_stream' ? -1 : stream.expected as number;
    this.state.applyState(conversationId, stream.state, revision);
    const conversation = stream.state;
    if (conversation.kind === 'offered' && conversation.agentId === agentId) return;
    const commandId = recoverOfferCommandId(conversationId, agentId, revision);
    if (conversation.kind === 'assigned' && conversation.agentId === agentId) {
      await this.agents.run({
        type: 'AcceptOfferedConversation', data: { agentId, conversationId, team: conversation.team },
        metadata: routingMetadata(commandId, conversationId, this.clock.now()),
      }, ROUTING_STEP);
      this.state.view.noteOfferAccepted(agentId, conversationId);
      return;
    }
    if (conversation.kind === 'queued' && (await this.reservedAt(agentId, conversationId)) === revision) {
      await this.offering.ring(conversation, agentId, revision);
      return;
    }
    await this.offering.releaseReservation(agentId, conversationId, 'rescinded', commandId);
  }

  /** The conversation revision the agent's latest reservation for it was made against. */
  private async reservedAt(agentId: string, conversationId: string): Promise<number | undefined> {
    const stream = await this.agents.load(agentId);
    const reserved = stream.events.findLast(({ event }) => event.type === 'AgentOfferReserved' && event.data.conversationId === conversationId);
    return reserved && reservedAtRevision(reserved.event.metadata.causationId, conversationId, agentId);
  }
}
