import { Inject, Injectable } from '@nestjs/common';
import { formatPosition } from '@app/event-store';
import { describeOutcome, type CommandDescription } from '@app/platform';
import { PRESENCE_CONFIG, type PresenceConfig } from '../presence-config.js';
import { availabilityOf } from '../read-model/agent-availability.js';
import { AvailabilityProjection } from '../read-model/availability-projection.js';
import type { AgentCommandOutcome } from './agent-streams.js';
import { AgentViews, type AgentView } from './agent-views.js';

export interface AgentCommandResponse {
  readonly agent: AgentView;
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
    private readonly views: AgentViews,
  ) {}

  async of(outcome: AgentCommandOutcome): Promise<AgentCommandResponse> {
    await this.projection.waitFor(outcome.position, this.config.readYourWritesTimeoutMs);
    if (outcome.state.kind !== 'registered' || outcome.revision === undefined || outcome.position === undefined) {
      throw new Error('a successful presence command left no registered agent');
    }
    const agent = availabilityOf(outcome.state, outcome.revision, formatPosition(outcome.position));
    return { agent: this.views.of(agent), command: describeOutcome(outcome) };
  }
}
