import { Inject, Injectable } from '@nestjs/common';
import { formatPosition } from '@app/event-store';
import { describeOutcome, type CommandDescription } from '@app/platform';
import { PRESENCE_CONFIG, type PresenceConfig } from '../presence-config.js';
import { availabilityOf, type AgentAvailability } from '../read-model/agent-availability.js';
import { AvailabilityProjection } from '../read-model/availability-projection.js';
import type { AgentCommandOutcome } from './agent-streams.js';

export interface AgentCommandResponse {
  readonly agent: AgentAvailability;
  readonly command: CommandDescription;
}

/**
 * What every agent command answers: the agent's new availability from the
 * write side, after waiting (bounded) until the read model shows the command
 * too, so a GET right after sees its effect.
 */
@Injectable()
export class AgentCommandAnswer {
  constructor(
    private readonly projection: AvailabilityProjection,
    @Inject(PRESENCE_CONFIG) private readonly config: PresenceConfig,
  ) {}

  async of(outcome: AgentCommandOutcome): Promise<AgentCommandResponse> {
    await this.projection.waitFor(outcome.position, this.config.readYourWritesTimeoutMs);
    if (outcome.state.kind !== 'registered' || outcome.revision === undefined || outcome.position === undefined) {
      throw new Error('a successful presence command left no registered agent');
    }
    return { agent: availabilityOf(outcome.state, outcome.revision, formatPosition(outcome.position)), command: describeOutcome(outcome) };
  }
}
