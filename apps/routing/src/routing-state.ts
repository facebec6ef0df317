import { Inject, Injectable } from '@nestjs/common';
import type { AgentAvailabilityMessage } from '@app/contracts';
import {
  evolveConversation, initialConversation, RoutingView, TeamActivity, type Conversation, type ConversationEvent, type RoutingPolicy,
  type TeamStatsAgent,
} from '@app/routing-domain';
import { ROUTING_CONFIG, type RoutingConfig } from './routing-config.js';

interface KnownConversation {
  readonly state: Conversation;
  /** Revision of the conversation stream this state reflects. */
  readonly revision: number;
}

/**
 * This instance's picture of the floor: the routing view (agents from the
 * bus, queues) and every conversation's state from the event store. Fed by
 * the subscription and, ahead of it, by this instance's own command
 * outcomes; the revision keeps a late event from rolling a state back.
 */
@Injectable()
export class RoutingState {
  readonly view = new RoutingView();
  /** Each team's conversations over time, for its live numbers: every conversation event once, in log order (the subscription feeds it). */
  readonly activity = new TeamActivity();
  private readonly conversations = new Map<string, KnownConversation>();
  /** Agents whose latest availability said their console is connected. */
  private readonly connected = new Set<string>();
  /** Both inputs have delivered what existed at start; until then changes only build state, they trigger no routing. */
  caughtUp = false;

  constructor(@Inject(ROUTING_CONFIG) private readonly config: RoutingConfig) {}

  get policy(): RoutingPolicy {
    return this.config.policy;
  }

  get conversationCount(): number {
    return this.conversations.size;
  }

  conversation(conversationId: string): Conversation {
    return this.conversations.get(conversationId)?.state ?? initialConversation();
  }

  /** Applies the next event of a conversation stream; returns the new state, or undefined when it was already known. */
  applyEvent(event: ConversationEvent, revision: number): Conversation | undefined {
    const known = this.conversations.get(event.data.conversationId);
    if (known && known.revision >= revision) return undefined;
    return this.remember(event.data.conversationId, evolveConversation(known?.state ?? initialConversation(), event), revision);
  }

  /** Applies a state read or produced by this instance (the whole stream folded up to `revision`). */
  applyState(conversationId: string, state: Conversation, revision: number | undefined): void {
    if (revision === undefined) return;
    const known = this.conversations.get(conversationId);
    if (known && known.revision >= revision) return;
    this.remember(conversationId, state, revision);
  }

  /** Returns true when the agent's availability changed (newer than what the view had). */
  applyAvailability(message: AgentAvailabilityMessage): boolean {
    const changed = this.view.upsertAgent({
      agentId: message.agentId, teams: message.teams, status: message.status,
      maxConcurrentConversations: message.maxConcurrentConversations, openConversations: message.openConversations,
      pendingOffers: message.pendingOffers, unavailableSince: message.unavailableSince, revision: message.revision,
    });
    if (changed && message.connected === true) this.connected.add(message.agentId);
    else if (changed) this.connected.delete(message.agentId);
    return changed;
  }

  /** Every agent as the team numbers count it: teams, status, and whether its console is connected. */
  *agentsForStats(): Generator<TeamStatsAgent> {
    for (const agentId of this.view.agentIds()) {
      const agent = this.view.agent(agentId);
      if (agent) yield { teams: agent.teams, status: agent.status, connected: this.connected.has(agentId) };
    }
  }

  private remember(conversationId: string, state: Conversation, revision: number): Conversation {
    this.conversations.set(conversationId, { state, revision });
    this.view.trackConversation(state);
    return state;
  }
}
