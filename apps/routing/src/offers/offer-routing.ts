import { Inject, Injectable, Optional } from '@nestjs/common';
import { WrongExpectedRevisionError } from '@app/event-store';
import { DomainError, awayForMissedOffers, type OfferReleaseOutcome } from '@app/presence-domain';
import {
  RoutingError, nextOfferee, type AcceptOffer, type Conversation, type DeclineOffer, type OfferEndWork, type QueuedConversationState,
  type RequeueWork,
} from '@app/routing-domain';
import { routingMetadata } from '../assignment/routing-metadata.js';
import { RoutingState } from '../routing-state.js';
import { AGENT_STREAMS, type AgentStreams, CONVERSATION_STREAMS, type ConversationOutcome, type ConversationStreams } from '../streams.js';
import {
  agentSideCommandId, missedOfferAwayCommandId, offerCommandId, offerEndCommandId, reserveCommandId, requeueCommandId,
} from './offer-command-ids.js';

/** The clock offer steps read (deadlines are decided against it); tests inject their own. */
export const ROUTING_CLOCK = Symbol('RoutingClock');
export type RoutingClock = () => Date;


/**
 * DRAFT, not wired into RoutingModule yet. The steps of an offer, each an
 * append guarded by the conversation's revision, the agent side following
 * the conversation side:
 * - offer: the agent reserves a unit (capacity checked on its stream), then
 *   the conversation is offered at the revision routing saw; if it moved on,
 *   the reservation is given back;
 * - accept, decline, expiry, rescind: decided on the conversation's stream
 *   first (one winner), then the agent's reservation follows the winner.
 * Callers run these inside SerialWork, as ConversationAssignment's are.
 */
@Injectable()
export class OfferRouting {
  constructor(
    private readonly state: RoutingState,
    @Inject(CONVERSATION_STREAMS) private readonly conversations: ConversationStreams,
    @Inject(AGENT_STREAMS) private readonly agents: AgentStreams,
    @Optional() @Inject(ROUTING_CLOCK) private readonly clock: RoutingClock = () => new Date(),
  ) {}

  /** Offers a queued conversation to the next eligible agent; returns the state afterwards (offered, or still queued). */
  async offer(conversationId: string): Promise<Conversation> {
    const stream = await this.conversations.load(conversationId);
    if (stream.expected === 'no_stream') return stream.state;
    const revision = stream.expected as number;
    this.state.applyState(conversationId, stream.state, revision);
    const conversation = stream.state;
    if (conversation.kind !== 'queued') return conversation;
    const refused = new Set<string>();
    for (;;) {
      const agentId = nextOfferee(this.state.policy, this.state.view, conversation.team, conversation.passedOver, refused);
      if (!agentId) return conversation;
      if (await this.reserve(agentId, conversation, revision)) return this.ring(conversation, agentId, revision);
      refused.add(agentId);
    }
  }

  /** The agent's accept: the conversation's stream decides (an expiry appended meanwhile makes it OFFER_EXPIRED), then the unit holds it. */
  async accept(command: AcceptOffer): Promise<ConversationOutcome> {
    const outcome = await this.conversations.run(command);
    this.state.applyState(command.data.conversationId, outcome.state, outcome.revision);
    const { state } = outcome;
    // Also on a retried request: the agent side may be what a crash left undone.
    if (state.kind === 'assigned' && state.agentId === command.data.agentId) {
      await this.agents.run({
        type: 'AcceptOfferedConversation', data: { agentId: state.agentId, conversationId: state.conversationId, team: state.team },
        metadata: this.metadata(agentSideCommandId(command.metadata.commandId), command.metadata.correlationId),
      });
      this.state.view.noteOfferAccepted(state.agentId, state.conversationId);
    }
    return outcome;
  }

  /** The agent's decline: recorded, the unit freed, and the conversation offered to the next agent at once (or left queued). */
  async decline(command: DeclineOffer): Promise<{ outcome: ConversationOutcome; conversation: Conversation }> {
    const outcome = await this.conversations.run(command);
    const { agentId, conversationId } = command.data;
    this.state.applyState(conversationId, outcome.state, outcome.revision);
    await this.release(agentId, conversationId, 'declined', agentSideCommandId(command.metadata.commandId));
    return { outcome, conversation: await this.offer(conversationId) };
  }

  /** An expiry or rescind that `dueAt` found: once across instances, then the agent side, the missed-offer rule, the next offer. */
  async end(work: OfferEndWork): Promise<void> {
    const { conversationId, agentId, team } = work;
    const stream = await this.conversations.load(conversationId);
    if (stream.expected === 'no_stream') return;
    const commandId = offerEndCommandId(work.kind, conversationId, agentId, stream.expected as number);
    const metadata = this.metadata(commandId, conversationId);
    let outcome: ConversationOutcome;
    try {
      outcome = await this.conversations.run(work.kind === 'expire-offer'
        ? { type: 'ExpireOffer', data: { conversationId, agentId }, metadata }
        : { type: 'RescindOffer', data: { conversationId, agentId, reason: 'agent-unavailable' }, metadata },
      { expectedRevision: stream.expected as number });
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return; // the agent answered, or another instance ended it: its events tell
      throw error;
    }
    this.state.applyState(conversationId, outcome.state, outcome.revision);
    if (outcome.events.length === 0) return;
    const missed = work.kind === 'expire-offer';
    await this.release(agentId, conversationId, missed ? 'missed' : 'rescinded', agentSideCommandId(commandId));
    if (missed) await this.awayIfMissedTooOften(agentId, team, commandId);
    await this.offer(conversationId);
  }

  /** A re-queue `dueAt` found: the conversation leaves its absent agent at the revision seen; returns the team to drain. */
  async requeue(work: RequeueWork): Promise<string | undefined> {
    const { conversationId, agentId } = work;
    const stream = await this.conversations.load(conversationId);
    if (stream.expected === 'no_stream') return undefined;
    const commandId = requeueCommandId(conversationId, agentId, stream.expected as number);
    try {
      const outcome = await this.conversations.run({
        type: 'RequeueConversation', data: { conversationId, agentId, reason: 'agent-unavailable' }, metadata: this.metadata(commandId, conversationId),
      }, { expectedRevision: stream.expected as number });
      this.state.applyState(conversationId, outcome.state, outcome.revision);
      if (outcome.events.length === 0) return undefined;
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return undefined;
      throw error;
    }
    await this.agents.run({
      type: 'ReleaseConversation', data: { agentId, conversationId, reason: 'requeued' },
      metadata: this.metadata(agentSideCommandId(commandId), conversationId),
    });
    this.state.view.noteReleased(agentId, conversationId);
    return work.team;
  }

  private metadata(commandId: string, correlationId: string) {
    return { ...routingMetadata(commandId, correlationId), now: this.clock() };
  }

  private async reserve(agentId: string, conversation: QueuedConversationState, revision: number): Promise<boolean> {
    const { conversationId, team } = conversation;
    try {
      await this.agents.run({
        type: 'ReserveForOffer', data: { agentId, conversationId, team },
        metadata: this.metadata(reserveCommandId(conversationId, agentId, revision), conversationId),
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // The view was stale (away, full, or left the team); its next availability message brings it back.
      this.state.view.noteUnavailable(agentId);
      return false;
    }
    this.state.view.noteOffered(agentId, conversationId);
    return true;
  }

  /** The conversation side of an offer the agent reserved for at `revision`; if the conversation moved on, the unit is given back. */
  private async ring(conversation: QueuedConversationState, agentId: string, revision: number): Promise<Conversation> {
    const { conversationId, team } = conversation;
    const commandId = offerCommandId(conversationId, agentId, revision);
    try {
      const outcome = await this.conversations.run({
        type: 'OfferConversation',
        data: { conversationId, agentId, offerTimeoutSeconds: this.state.view.teamSettings(team).offerTimeoutSeconds },
        metadata: this.metadata(commandId, conversationId),
      }, { expectedRevision: revision });
      this.state.applyState(conversationId, outcome.state, outcome.revision);
      return outcome.state;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) && !(error instanceof RoutingError)) throw error;
      await this.release(agentId, conversationId, 'rescinded', agentSideCommandId(commandId));
      const actual = await this.conversations.load(conversationId);
      this.state.applyState(conversationId, actual.state, actual.expected === 'no_stream' ? undefined : actual.expected as number);
      return actual.state;
    }
  }

  private async release(agentId: string, conversationId: string, outcome: OfferReleaseOutcome, commandId: string): Promise<void> {
    await this.agents.run({
      type: 'ReleaseOfferReservation', data: { agentId, conversationId, outcome }, metadata: this.metadata(commandId, conversationId),
    });
    this.state.view.noteOfferEnded(agentId, conversationId);
  }

  /** The system's away when the agent's missed offers reached the team's count (the rule is pure: awayForMissedOffers). */
  private async awayIfMissedTooOften(agentId: string, team: string, causeId: string): Promise<void> {
    const agent = await this.agents.load(agentId);
    const command = awayForMissedOffers(agent.state, this.state.view.teamSettings(team).missedOffersBeforeAway, {
      now: this.clock(), commandId: missedOfferAwayCommandId(agentId, agent.expected as number | 'no_stream'), correlationId: causeId,
    });
    if (command) await this.agents.run(command);
  }
}
