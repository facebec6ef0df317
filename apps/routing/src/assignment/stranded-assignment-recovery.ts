import { Inject, Injectable } from '@nestjs/common';
import { acceptedAtRevision } from './assignment-command-ids.js';
import { ConversationAssignment } from './conversation-assignment.js';
import { RoutingState } from '../routing-state.js';
import { AGENT_STREAMS, type AgentStreams, CONVERSATION_STREAMS, type ConversationStreams } from '../streams.js';

/**
 * An assignment is two appends (agent stream, then conversation stream); a
 * crash between them leaves the agent holding a conversation that does not
 * name it. Seen from the agent's availability: finish the assignment when the
 * conversation is still exactly as the agent accepted it, else give it back.
 */
@Injectable()
export class StrandedAssignmentRecovery {
  constructor(
    private readonly state: RoutingState,
    private readonly assignment: ConversationAssignment,
    @Inject(CONVERSATION_STREAMS) private readonly conversations: ConversationStreams,
    @Inject(AGENT_STREAMS) private readonly agents: AgentStreams,
  ) {}

  /** Conversations the agent lists that this instance does not know as assigned to it; cheap, from memory. */
  suspects(agentId: string): string[] {
    return (this.state.view.agent(agentId)?.openConversations ?? []).filter((conversationId) => {
      const known = this.state.conversation(conversationId);
      return !(known.kind === 'assigned' && known.agentId === agentId);
    });
  }

  async recover(agentId: string): Promise<void> {
    for (const conversationId of this.suspects(agentId)) await this.recoverOne(agentId, conversationId);
  }

  private async recoverOne(agentId: string, conversationId: string): Promise<void> {
    const stream = await this.conversations.load(conversationId);
    const conversation = stream.state;
    if (conversation.kind === 'assigned' && conversation.agentId === agentId) {
      this.state.applyState(conversationId, conversation, stream.expected as number);
      return;
    }
    if (conversation.kind === 'queued' && (await this.acceptedAt(agentId, conversationId)) === stream.expected) {
      await this.assignment.complete(conversation, agentId, stream.expected as number);
      return;
    }
    await this.assignment.releaseUnlessItsOwn(agentId, conversationId);
  }

  /** The conversation revision the agent's latest accept of it was made against. */
  private async acceptedAt(agentId: string, conversationId: string): Promise<number | undefined> {
    const stream = await this.agents.load(agentId);
    const accepted = stream.events.findLast(({ event }) =>
      event.type === 'AgentConversationAssigned' && event.data.conversationId === conversationId);
    return accepted && acceptedAtRevision(accepted.event.metadata.causationId, conversationId, agentId);
  }
}
