import { Injectable } from '@nestjs/common';
import type { Caller } from '@app/platform';
import { DomainError } from '@app/presence-domain';
import { AvailabilityReadModel } from '../read-model/availability-read-model.js';

/** The teams of an agent, for access decisions, from the read model. */
@Injectable()
export class AgentTeams {
  constructor(private readonly readModel: AvailabilityReadModel) {}

  /** Teams of the agent, none when it is not registered. */
  of(agentId: string): readonly string[] {
    return this.readModel.get(agentId)?.teams ?? [];
  }

  /**
   * Teams of a registered agent. An unknown agent is a 404, except to another
   * agent, who learns nothing from a 403.
   */
  known(caller: Caller, agentId: string): readonly string[] {
    const agent = this.readModel.get(agentId);
    if (agent) return agent.teams;
    if (caller.role === 'agent' && caller.id !== agentId) return [];
    throw new DomainError('AGENT_NOT_FOUND', `agent ${agentId} is not registered`, 'agentId');
  }
}
