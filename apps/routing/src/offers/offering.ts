import { Inject, Injectable, Optional } from '@nestjs/common';
import { WrongExpectedRevisionError } from '@app/event-store';
import { DomainError, type OfferReleaseOutcome } from '@app/presence-domain';
import { RoutingError, nextOfferee, type Conversation, type QueuedConversationState } from '@app/routing-domain';
import { routingMetadata } from '../assignment/routing-metadata.js';
import { RoutingClock } from '../routing-clock.js';
import { RoutingMetrics } from '../routing-metrics.js';
import { RoutingState } from '../routing-state.js';
import { AGENT_STREAMS, type AgentStreams, CONVERSATION_STREAMS, type ConversationStreams } from '../streams.js';
import { DeadlineTimer } from './deadline-timer.js';
import { agentSideCommandId, offerCommandId, reserveCommandId } from './offer-command-ids.js';
import { ROUTING_STEP } from '../assignment/assignment-command-ids.js';

/**
 * Makes offers, in two guarded steps like an assignment: the agent reserves a
 * unit of capacity on its own stream (online, in the team, under capacity
 * counting its other offers), then the conversation is offered at the
 * revision routing saw, the deadline written into the event. If the
 * conversation moved on meanwhile, the unit is given back. Callers run this
 * inside SerialWork.
 */
@Injectable()
export class Offering {
  constructor(
    private readonly state: RoutingState,
    @Inject(CONVERSATION_STREAMS) private readonly conversations: ConversationStreams,
    @Inject(AGENT_STREAMS) private readonly agents: AgentStreams,
    private readonly clock: RoutingClock,
    private readonly timer: DeadlineTimer,
    @Optional() private readonly metrics?: RoutingMetrics,
  ) {}

  /** Offers the conversation, queued at `revision`, to the next eligible agent; returns its state afterwards (offered, or still queued). */
  async offer(conversation: QueuedConversationState, revision: number): Promise<Conversation> {
    const refused = new Set<string>();
    for (;;) {
      const agentId = nextOfferee(this.state.policy, this.state.view, conversation.team, conversation.passedOver, refused);
      if (!agentId) return conversation;
      if (await this.reserve(agentId, conversation, revision)) return this.ring(conversation, agentId, revision);
      refused.add(agentId);
    }
  }

  /** The conversation side of an offer the agent reserved a unit for at `revision`; also finishes one a crash left half done. */
  async ring(conversation: QueuedConversationState, agentId: string, revision: number): Promise<Conversation> {
    const { conversationId, team } = conversation;
    const commandId = offerCommandId(conversationId, agentId, revision);
    try {
      const outcome = await this.conversations.run({
        type: 'OfferConversation',
        data: { conversationId, agentId, offerTimeoutSeconds: this.state.view.teamSettings(team).offerTimeoutSeconds },
        metadata: routingMetadata(commandId, conversationId, this.clock.now()),
      }, { ...ROUTING_STEP, expectedRevision: revision });
      this.state.applyState(conversationId, outcome.state, outcome.revision);
      if (outcome.state.kind === 'offered') this.timer.watch(conversationId, Date.parse(outcome.state.offerExpiresAt));
      if (outcome.appended > 0) this.metrics?.offers.inc({ team, outcome: 'offered' });
      return outcome.state;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) && !(error instanceof RoutingError)) throw error;
      // Another instance moved the conversation first: the unit goes back, blaming nobody.
      await this.releaseReservation(agentId, conversationId, 'rescinded', agentSideCommandId(commandId));
      const actual = await this.conversations.load(conversationId);
      this.state.applyState(conversationId, actual.state, actual.expected === 'no_stream' ? undefined : actual.expected as number);
      return actual.state;
    }
  }

  /** Frees the unit an offer held, saying how the offer ended (only `missed` counts towards an away). */
  async releaseReservation(agentId: string, conversationId: string, outcome: OfferReleaseOutcome, commandId: string): Promise<void> {
    await this.agents.run({
      type: 'ReleaseOfferReservation', data: { agentId, conversationId, outcome },
      metadata: routingMetadata(commandId, conversationId, this.clock.now()),
    }, ROUTING_STEP);
    this.state.view.noteOfferEnded(agentId, conversationId);
  }

  private async reserve(agentId: string, conversation: QueuedConversationState, revision: number): Promise<boolean> {
    const { conversationId, team } = conversation;
    try {
      await this.agents.run({
        type: 'ReserveForOffer', data: { agentId, conversationId, team },
        metadata: routingMetadata(reserveCommandId(conversationId, agentId, revision), conversationId, this.clock.now()),
      }, ROUTING_STEP);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // The view was stale (away, full, or left the team); its next availability message brings it back.
      this.state.view.noteUnavailable(agentId);
      return false;
    }
    this.state.view.noteOffered(agentId, conversationId);
    return true;
  }
}
