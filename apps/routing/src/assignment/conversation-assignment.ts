import { Inject, Injectable, Optional } from '@nestjs/common';
import { WrongExpectedRevisionError } from '@app/event-store';
import { DomainError } from '@app/presence-domain';
import { RoutingError, nextOfferee, type Conversation, type QueuedConversationState } from '@app/routing-domain';
import { RoutingClock } from '../routing-clock.js';
import { RoutingMetrics } from '../routing-metrics.js';
import { RoutingState } from '../routing-state.js';
import { AGENT_STREAMS, type AgentStreams, CONVERSATION_STREAMS, type ConversationStreams } from '../streams.js';
import { ROUTING_STEP, acceptCommandId, assignCommandId, releaseCommandId } from './assignment-command-ids.js';
import { routingMetadata } from './routing-metadata.js';

/**
 * Gives one queued conversation to an agent, in two guarded steps: the agent
 * accepts it on its own stream (online, in the team, under capacity, checked
 * there), then the conversation records the assignment at the revision the
 * agent accepted. If another instance moved the conversation in between, the
 * agent gives it back. Callers run this inside SerialWork.
 */
@Injectable()
export class ConversationAssignment {
  constructor(
    private readonly state: RoutingState,
    @Inject(CONVERSATION_STREAMS) private readonly conversations: ConversationStreams,
    @Inject(AGENT_STREAMS) private readonly agents: AgentStreams,
    private readonly clock: RoutingClock,
    @Optional() private readonly metrics?: RoutingMetrics,
  ) {}

  /**
   * The conversation, queued at `revision`, to the agent the policy picks
   * (agents who passed it over in offer mode last); returns its state
   * afterwards: assigned, or still queued when nobody can take it.
   */
  async assign(conversation: QueuedConversationState, revision: number): Promise<Conversation> {
    const refused = new Set<string>();
    for (;;) {
      const agentId = nextOfferee(this.state.policy, this.state.view, conversation.team, conversation.passedOver, refused);
      if (!agentId) return conversation;
      if (await this.accept(agentId, conversation, revision)) return this.complete(conversation, agentId, revision);
      refused.add(agentId);
    }
  }

  /** The conversation side of an assignment the agent accepted at `revision`; also finishes one a crash left half done. */
  async complete(conversation: QueuedConversationState, agentId: string, revision: number): Promise<Conversation> {
    const { conversationId } = conversation;
    try {
      const outcome = await this.conversations.run({
        type: 'AssignConversation', data: { conversationId, agentId },
        metadata: routingMetadata(assignCommandId(conversationId, agentId, revision), conversationId, this.clock.now()),
      }, { ...ROUTING_STEP, expectedRevision: revision });
      this.state.applyState(conversationId, outcome.state, outcome.revision);
      this.state.view.noteAssigned(agentId, conversationId);
      if (outcome.appended > 0) this.metrics?.assignments.inc({ team: conversation.team });
      return outcome.state;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) && !(error instanceof RoutingError)) throw error;
      return this.releaseUnlessItsOwn(agentId, conversationId);
    }
  }

  /** The conversation moved on without this agent (another instance won, or it was closed): the agent gives it back. */
  async releaseUnlessItsOwn(agentId: string, conversationId: string): Promise<Conversation> {
    const actual = await this.conversations.load(conversationId);
    const revision = actual.expected === 'no_stream' ? -1 : actual.expected as number;
    this.state.applyState(conversationId, actual.state, revision);
    if (actual.state.kind === 'assigned' && actual.state.agentId === agentId) return actual.state;
    await this.agents.run({
      type: 'ReleaseConversation',
      data: { agentId, conversationId, reason: actual.state.kind === 'closed' ? 'closed' : 'assigned-elsewhere' },
      metadata: routingMetadata(releaseCommandId(conversationId, agentId, revision), conversationId, this.clock.now()),
    }, ROUTING_STEP);
    this.state.view.noteReleased(agentId, conversationId);
    return actual.state;
  }

  private async accept(agentId: string, conversation: QueuedConversationState, revision: number): Promise<boolean> {
    const { conversationId, team } = conversation;
    try {
      await this.agents.run({
        type: 'AcceptConversation', data: { agentId, conversationId, team },
        metadata: routingMetadata(acceptCommandId(conversationId, agentId, revision), conversationId, this.clock.now()),
      }, ROUTING_STEP);
      return true;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // The view was stale (the agent went away, filled up or left the team); its next message brings it back.
      this.state.view.noteUnavailable(agentId);
      return false;
    }
  }
}
