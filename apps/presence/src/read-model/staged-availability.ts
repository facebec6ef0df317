import { formatPosition, type GlobalPosition } from '@app/event-store';
import { evolve, initialPresence, type AgentPresence, type PresenceEvent } from '@app/presence-domain';
import { availabilityOf, presenceOfView, type AgentAvailability } from './agent-availability.js';

interface StagedAgent {
  readonly presence: AgentPresence;
  readonly revision: number;
  readonly position: GlobalPosition;
  /** Teams as the stored row has them (undefined: no row yet), to rewrite team rows only when they changed. */
  readonly storedTeams: readonly string[] | undefined;
}

export interface AgentToWrite {
  readonly agentId: string;
  /** Undefined: the agent is still unregistered, nothing to write. */
  readonly view: AgentAvailability | undefined;
  readonly teamsChanged: boolean;
  /** The agent had a stored row before this batch (so it may have team rows to replace). */
  readonly hadRow: boolean;
}

export interface StagedBatch {
  readonly agents: readonly AgentToWrite[];
  readonly checkpoint: GlobalPosition | undefined;
  readonly latestOccurredAt: string | undefined;
}

const sameTeams = (a: readonly string[] | undefined, b: readonly string[]): boolean =>
  a !== undefined && a.length === b.length && a.every((team, i) => team === b[i]);

/**
 * The read model's changes since its batch began, folded in memory: a
 * catch-up writes each touched agent once per batch instead of reading and
 * writing its row (and the checkpoints) for every event.
 */
export class StagedAvailability {
  private agents = new Map<string, StagedAgent>();
  private checkpointPosition: GlobalPosition | undefined;
  private latest: string | undefined;

  get isEmpty(): boolean {
    return this.agents.size === 0 && this.checkpointPosition === undefined;
  }

  get checkpoint(): GlobalPosition | undefined {
    return this.checkpointPosition;
  }

  stage(event: PresenceEvent, revision: number, position: GlobalPosition, stored: (agentId: string) => AgentAvailability | undefined): void {
    const agentId = event.data.agentId;
    let known = this.agents.get(agentId);
    if (!known) {
      const row = stored(agentId);
      known = { presence: row ? presenceOfView(row) : initialPresence(), revision, position, storedTeams: row?.teams };
    }
    this.agents.set(agentId, { presence: evolve(known.presence, event), revision, position, storedTeams: known.storedTeams });
    this.checkpointPosition = position;
    const { occurredAt } = event.metadata;
    if (this.latest === undefined || occurredAt > this.latest) this.latest = occurredAt;
  }

  /** The agent as staged, or undefined when this batch has not touched it (ask the stored row). */
  view(agentId: string): { readonly view: AgentAvailability | undefined } | undefined {
    const staged = this.agents.get(agentId);
    return staged && { view: viewOf(staged) };
  }

  /** Everything staged, ready to write; the stage is empty afterwards. */
  drain(): StagedBatch {
    const agents = [...this.agents].map(([agentId, staged]): AgentToWrite => {
      const view = viewOf(staged);
      const teamsChanged = view !== undefined && !sameTeams(staged.storedTeams, view.teams);
      return { agentId, view, teamsChanged, hadRow: staged.storedTeams !== undefined };
    });
    const batch = { agents, checkpoint: this.checkpointPosition, latestOccurredAt: this.latest };
    this.clear();
    return batch;
  }

  clear(): void {
    this.agents = new Map();
    this.checkpointPosition = undefined;
    this.latest = undefined;
  }
}

const viewOf = (staged: StagedAgent): AgentAvailability | undefined =>
  staged.presence.kind === 'registered' ? availabilityOf(staged.presence, staged.revision, formatPosition(staged.position)) : undefined;
