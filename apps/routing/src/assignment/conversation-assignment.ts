import { Inject, Injectable, Optional } from '@nestjs/common';
import { WrongExpectedRevisionError } from '@app/event-store';
import { RoutingMetrics } from '../routing-metrics.js';
import { DomainError } from '@app/presence-domain';
import { RoutingError, type Conversation } from '@app/routing-domain';
import { ROUTING_STEP, acceptCommandId, assignCommandId, releaseCommandId } from './assignment-command-ids.js';
import { routingMetadata } from './routing-metadata.js';
import { RoutingState } from '../routing-state.js';
import { AGENT_STREAMS, type AgentStreams, CONVERSATION_STREAMS, type ConversationStreams } from '../streams.js';

type QueuedConversation = Extract<Conversation, { kind: 'queued' }>;

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
    @Optional() private readonly metrics?: RoutingMetrics,
  ) {}

  /** Returns the conversation's state afterwards: assigned, or still queued when nobody can take it. */
  async assign(conversationId: string): Promise<Conversation> {
    const stream = await this.conversations.load(conversationId);
    if (stream.expected === 'no_stream') return stream.state;
    const revision = stream.expected as number;
    this.state.applyState(conversationId, stream.state, revision);
    const conversation = stream.state;
    if (conversation.kind !== 'queued') return conversation;
    const refused = new Set<string>();
    for (;;) {
      const agentId = this.state.policy.selectAgent(this.state.view, conversation.team, refused);
      if (!agentId) return conversation;
      if (await this.accept(agentId, conversation, revision)) return this.complete(conversation, agentId, revision);
      refused.add(agentId);
    }
  }

  /** The conversation side of an assignment the agent accepted at `revision`; also finishes one a crash left half done. */
  async complete(conversation: QueuedConversation, agentId: string, revision: number): Promise<Conversation> {
    const { conversationId } = conversation;
    try {
      const outcome = await this.conversations.run({
        type: 'AssignConversation', data: { conversationId, agentId },
        metadata: routingMetadata(assignCommandId(conversationId, agentId, revision), conversationId),
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
      metadata: routingMetadata(releaseCommandId(conversationId, agentId, revision), conversationId),
    }, ROUTING_STEP);
    this.state.view.noteReleased(agentId, conversationId);
    return actual.state;
  }

  private async accept(agentId: string, conversation: QueuedConversation, revision: number): Promise<boolean> {
    const { conversationId, team } = conversation;
    try {
      await this.agents.run({
        type: 'AcceptConversation', data: { agentId, conversationId, team },
        metadata: routingMetadata(acceptCommandId(conversationId, agentId, revision), conversationId),
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
