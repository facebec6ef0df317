import { Inject, Injectable } from '@nestjs/common';
import type { Conversation } from '@app/routing-domain';
import { Offering } from '../offers/offering.js';
import { RoutingState } from '../routing-state.js';
import { CONVERSATION_STREAMS, type ConversationStreams } from '../streams.js';
import { ConversationAssignment } from './conversation-assignment.js';

/**
 * Routes one conversation the way its team says: straight to an agent
 * (`auto-assign`, the default) or as an offer the agent answers (`offer`).
 * Callers run this inside SerialWork.
 */
@Injectable()
export class ConversationRouting {
  constructor(
    private readonly state: RoutingState,
    @Inject(CONVERSATION_STREAMS) private readonly conversations: ConversationStreams,
    private readonly assignment: ConversationAssignment,
    private readonly offering: Offering,
  ) {}

  /** Returns the conversation's state afterwards: assigned, offered, or still queued when nobody can take it. */
  async route(conversationId: string): Promise<Conversation> {
    const stream = await this.conversations.load(conversationId);
    if (stream.expected === 'no_stream') return stream.state;
    const revision = stream.expected as number;
    this.state.applyState(conversationId, stream.state, revision);
    const conversation = stream.state;
    if (conversation.kind !== 'queued') return conversation;
    const mode = this.state.view.teamSettings(conversation.team).routingMode;
    switch (mode) {
      case 'auto-assign': return this.assignment.assign(conversation, revision);
      case 'offer': return this.offering.offer(conversation, revision);
      default: {
        const unhandled: never = mode;
        throw new Error(`unhandled routing mode ${JSON.stringify(unhandled)}`);
      }
    }
  }
}
