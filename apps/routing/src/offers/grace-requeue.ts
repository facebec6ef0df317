import { Inject, Injectable } from '@nestjs/common';
import { WrongExpectedRevisionError } from '@app/event-store';
import type { RequeueWork } from '@app/routing-domain';
import { routingMetadata } from '../assignment/routing-metadata.js';
import { RoutingClock } from '../routing-clock.js';
import { RoutingState } from '../routing-state.js';
import { AGENT_STREAMS, type AgentStreams, CONVERSATION_STREAMS, type ConversationStreams } from '../streams.js';
import { agentSideCommandId, requeueCommandId } from './offer-command-ids.js';
import { ROUTING_STEP } from '../assignment/assignment-command-ids.js';

/**
 * Takes a conversation back from an agent who stayed away or offline past
 * the team's grace, and queues it again at its original place. The view may
 * be a message behind, so the agent's own stream is asked first: an agent
 * back online, or not yet past the grace by its stream, keeps it. Then the
 * conversation leaves the agent at the revision routing saw (once across
 * instances), and the agent's capacity is freed. Callers run this inside
 * SerialWork and drain the returned team.
 */
@Injectable()
export class GraceRequeue {
  constructor(
    private readonly state: RoutingState,
    @Inject(CONVERSATION_STREAMS) private readonly conversations: ConversationStreams,
    @Inject(AGENT_STREAMS) private readonly agents: AgentStreams,
    private readonly clock: RoutingClock,
  ) {}

  /** Returns the team whose queue got the conversation back, or undefined when nothing was due after all. */
  async requeue(work: RequeueWork): Promise<string | undefined> {
    const { conversationId, agentId, team } = work;
    if (!(await this.stillAbsent(agentId, team))) return undefined;
    const stream = await this.conversations.load(conversationId);
    if (stream.expected === 'no_stream') return undefined;
    const revision = stream.expected as number;
    this.state.applyState(conversationId, stream.state, revision);
    const commandId = requeueCommandId(conversationId, agentId, revision);
    try {
      const outcome = await this.conversations.run({
        type: 'RequeueConversation', data: { conversationId, agentId, reason: 'agent-unavailable' },
        metadata: routingMetadata(commandId, conversationId, this.clock.now()),
      }, { ...ROUTING_STEP, expectedRevision: revision });
      this.state.applyState(conversationId, outcome.state, outcome.revision);
      if (outcome.events.length === 0) return undefined;
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return undefined; // closed, transferred or re-queued meanwhile
      throw error;
    }
    await this.agents.run({
      type: 'ReleaseConversation', data: { agentId, conversationId, reason: 'requeued' },
      metadata: routingMetadata(agentSideCommandId(commandId), conversationId, this.clock.now()),
    }, ROUTING_STEP);
    this.state.view.noteReleased(agentId, conversationId);
    return team;
  }

  /** By the agent's stream: not online, and unavailable for at least the team's grace. */
  private async stillAbsent(agentId: string, team: string): Promise<boolean> {
    const grace = this.state.view.teamSettings(team).reassignAfterSeconds;
    const { state } = await this.agents.load(agentId);
    if (grace === null || state.kind !== 'registered' || state.status === 'online' || state.unavailableSince === null) return false;
    return Date.parse(state.unavailableSince) + grace * 1000 <= this.clock.now().getTime();
  }
}
