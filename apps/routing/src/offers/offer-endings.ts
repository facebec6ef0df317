import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { WrongExpectedRevisionError } from '@app/event-store';
import { awayForMissedOffers } from '@app/presence-domain';
import type { ConversationCommand, OfferEndWork } from '@app/routing-domain';
import { ConversationRouting } from '../assignment/conversation-routing.js';
import { routingMetadata } from '../assignment/routing-metadata.js';
import { RoutingClock } from '../routing-clock.js';
import { RoutingMetrics } from '../routing-metrics.js';
import { RoutingState } from '../routing-state.js';
import { AGENT_STREAMS, type AgentStreams, CONVERSATION_STREAMS, type ConversationStreams } from '../streams.js';
import { agentSideCommandId, missedOfferAwayCommandId, offerEndCommandId } from './offer-command-ids.js';
import { ROUTING_STEP } from '../assignment/assignment-command-ids.js';
import { Offering } from './offering.js';

/** How often the missed-offer away is tried again when the agent's stream moved under it. */
const AWAY_ATTEMPTS = 3;

/**
 * Ends an offer nobody answered: expired at its deadline (a missed offer) or
 * rescinded because the agent left. The conversation's stream decides at the
 * revision routing saw, so with two instances (or a late accept) exactly one
 * ending wins; then the agent's unit is freed, a missed offer may set the
 * agent away, and the conversation goes to the next agent. Callers run this
 * inside SerialWork.
 */
@Injectable()
export class OfferEndings {
  private readonly logger = new Logger(OfferEndings.name);

  constructor(
    private readonly state: RoutingState,
    @Inject(CONVERSATION_STREAMS) private readonly conversations: ConversationStreams,
    @Inject(AGENT_STREAMS) private readonly agents: AgentStreams,
    private readonly offering: Offering,
    private readonly routing: ConversationRouting,
    private readonly clock: RoutingClock,
    @Optional() private readonly metrics?: RoutingMetrics,
  ) {}

  async end(work: OfferEndWork): Promise<void> {
    const { conversationId, agentId, team } = work;
    const stream = await this.conversations.load(conversationId);
    if (stream.expected === 'no_stream') return;
    const revision = stream.expected as number;
    this.state.applyState(conversationId, stream.state, revision);
    if (stream.state.kind !== 'offered' || stream.state.agentId !== agentId) return;
    const commandId = offerEndCommandId(work.kind, conversationId, agentId, revision);
    let appended: boolean;
    try {
      const outcome = await this.conversations.run(this.command(work, commandId), { ...ROUTING_STEP, expectedRevision: revision });
      this.state.applyState(conversationId, outcome.state, outcome.revision);
      appended = outcome.events.length > 0;
      if (outcome.appended > 0) this.metrics?.offers.inc({ team, outcome: work.kind === 'expire-offer' ? 'expired' : 'rescinded' });
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return; // answered meanwhile, or another instance ended it: its events tell
      throw error;
    }
    if (!appended) return; // not due yet by the stream's own deadline
    const missed = work.kind === 'expire-offer';
    await this.offering.releaseReservation(agentId, conversationId, missed ? 'missed' : 'rescinded', agentSideCommandId(commandId));
    if (missed) await this.awayIfMissedTooOften(agentId, team, commandId);
    await this.routing.route(conversationId);
  }

  private command(work: OfferEndWork, commandId: string): ConversationCommand {
    const { conversationId, agentId } = work;
    const metadata = routingMetadata(commandId, conversationId, this.clock.now());
    return work.kind === 'expire-offer'
      ? { type: 'ExpireOffer', data: { conversationId, agentId }, metadata }
      : { type: 'RescindOffer', data: { conversationId, agentId, reason: 'agent-unavailable' }, metadata };
  }

  /**
   * The system's away once the agent's missed offers reach the team's count
   * (the rule is pure: awayForMissedOffers), at the agent revision that
   * showed it, so two instances set it once.
   */
  private async awayIfMissedTooOften(agentId: string, team: string, causeId: string): Promise<void> {
    const missedOffersBeforeAway = this.state.view.teamSettings(team).missedOffersBeforeAway;
    for (let attempt = 1; attempt <= AWAY_ATTEMPTS; attempt++) {
      const agent = await this.agents.load(agentId);
      const command = awayForMissedOffers(agent.state, missedOffersBeforeAway, {
        now: this.clock.now(), commandId: missedOfferAwayCommandId(agentId, agent.expected as number | 'no_stream'), correlationId: causeId,
      });
      if (!command) return;
      try {
        await this.agents.run(command, { ...ROUTING_STEP, expectedRevision: agent.expected as number });
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
    }
    this.logger.warn(`${agentId} kept changing; the away for missed offers waits for the next missed offer`);
  }
}
