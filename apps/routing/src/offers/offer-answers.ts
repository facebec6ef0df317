import { Inject, Injectable, Optional } from '@nestjs/common';
import type { AcceptOffer, Conversation, DeclineOffer } from '@app/routing-domain';
import { ConversationRouting } from '../assignment/conversation-routing.js';
import { routingMetadata } from '../assignment/routing-metadata.js';
import { SerialWork } from '../assignment/serial-work.js';
import { RoutingClock } from '../routing-clock.js';
import { RoutingMetrics } from '../routing-metrics.js';
import { RoutingState } from '../routing-state.js';
import { AGENT_STREAMS, type AgentStreams, CONVERSATION_STREAMS, type ConversationOutcome, type ConversationStreams } from '../streams.js';
import { agentSideCommandId } from './offer-command-ids.js';
import { ROUTING_STEP } from '../assignment/assignment-command-ids.js';
import { Offering } from './offering.js';

export interface AnswerOutcome {
  readonly conversation: Conversation;
  readonly command: ConversationOutcome;
}

/**
 * The offered agent's answer. The conversation's stream decides first (an
 * expiry appended meanwhile makes an accept OFFER_EXPIRED: one winner), then
 * the agent's reserved unit follows: it holds the accepted conversation, or
 * is freed by a decline, and a declined conversation goes to the next agent
 * at once. Each step's id derives from the request's, so a retry finishes
 * what a failed request began.
 */
@Injectable()
export class OfferAnswers {
  constructor(
    private readonly state: RoutingState,
    @Inject(CONVERSATION_STREAMS) private readonly conversations: ConversationStreams,
    @Inject(AGENT_STREAMS) private readonly agents: AgentStreams,
    private readonly offering: Offering,
    private readonly routing: ConversationRouting,
    private readonly work: SerialWork,
    private readonly clock: RoutingClock,
    @Optional() private readonly metrics?: RoutingMetrics,
  ) {}

  accept(command: AcceptOffer): Promise<AnswerOutcome> {
    return this.work.run(async () => {
      const outcome = await this.apply(command);
      const { state } = outcome;
      // Also on a retried request: the agent side may be what a crash left undone.
      if (state.kind === 'assigned' && state.agentId === command.data.agentId) {
        await this.agents.run({
          type: 'AcceptOfferedConversation', data: { agentId: state.agentId, conversationId: state.conversationId, team: state.team },
          metadata: routingMetadata(agentSideCommandId(command.metadata.commandId), command.metadata.correlationId, this.clock.now()),
        }, ROUTING_STEP);
        this.state.view.noteOfferAccepted(state.agentId, state.conversationId);
      }
      if (outcome.appended > 0 && state.kind === 'assigned') this.metrics?.offers.inc({ team: state.team, outcome: 'accepted' });
      return { conversation: state, command: outcome };
    });
  }

  decline(command: DeclineOffer): Promise<AnswerOutcome> {
    return this.work.run(async () => {
      const outcome = await this.apply(command);
      const { agentId, conversationId } = command.data;
      await this.offering.releaseReservation(agentId, conversationId, 'declined', agentSideCommandId(command.metadata.commandId));
      const declined = outcome.events.find((event) => event.type === 'OfferDeclined');
      if (outcome.appended > 0 && declined) this.metrics?.offers.inc({ team: declined.data.team, outcome: 'declined' });
      return { conversation: await this.routing.route(conversationId), command: outcome };
    });
  }

  private async apply(command: AcceptOffer | DeclineOffer): Promise<ConversationOutcome> {
    const outcome = await this.conversations.run(command);
    this.state.applyState(command.data.conversationId, outcome.state, outcome.revision);
    return outcome;
  }
}
