import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  EVENT_STORE, StreamNotFoundError, formatPosition, parsePosition, type EventStore, type GlobalPosition, type RecordedEvent,
} from '@app/event-store';
import {
  AGENT_STREAM_PREFIX, DomainError, FloorReplay, agentStreamId, statusHistory, upcastPresenceEvent,
  type PositionedPresenceEvent, type StatusHistoryEntry, type TimeRange,
} from '@app/presence-domain';
import { availabilityOf, presenceOfView, type AgentAvailability } from './agent-availability.js';
import { AvailabilityReadModel, type AvailabilityFilter } from './availability-read-model.js';
import { AvailabilityProjection } from './availability-projection.js';
import { PRESENCE_CONFIG, type PresenceConfig } from '../config/presence-config.js';

export class GetAgentQuery extends Query<AgentAvailability> {
  constructor(readonly agentId: string) { super(); }
}

export class ListAgentsQuery extends Query<AgentAvailability[]> {
  constructor(readonly filter: AvailabilityFilter) { super(); }
}

export class GetStatusHistoryQuery extends Query<StatusHistoryEntry[]> {
  constructor(readonly agentId: string, readonly range: TimeRange) { super(); }
}

export interface Floor {
  readonly at: string;
  /** Resume the live feed from here (as Last-Event-ID) to see every later change, none twice. */
  readonly position: string | null;
  readonly agents: readonly AgentAvailability[];
}

export class GetFloorQuery extends Query<Floor> {
  /** `at` undefined: the floor now, from the read model; otherwise replayed from the log. */
  constructor(readonly at: Date | undefined) { super(); }
}

const notFound = (agentId: string) => new DomainError('AGENT_NOT_FOUND', `agent ${agentId} is not registered`, 'agentId');

@QueryHandler(GetAgentQuery)
export class GetAgentHandler implements IQueryHandler<GetAgentQuery> {
  constructor(private readonly readModel: AvailabilityReadModel) {}
  async execute({ agentId }: GetAgentQuery): Promise<AgentAvailability> {
    const agent = this.readModel.get(agentId);
    if (!agent) throw notFound(agentId);
    return agent;
  }
}

@QueryHandler(ListAgentsQuery)
export class ListAgentsHandler implements IQueryHandler<ListAgentsQuery> {
  constructor(private readonly readModel: AvailabilityReadModel) {}
  async execute({ filter }: ListAgentsQuery): Promise<AgentAvailability[]> {
    return this.readModel.list(filter);
  }
}

const positioned = (recorded: RecordedEvent): PositionedPresenceEvent | undefined => {
  const event = upcastPresenceEvent(recorded);
  return event && { event, position: formatPosition(recorded.position), revision: recorded.revision, eventId: recorded.id };
};

/** Replayed from the agent's stream in the event store, never from a mutable table. */
@QueryHandler(GetStatusHistoryQuery)
export class GetStatusHistoryHandler implements IQueryHandler<GetStatusHistoryQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async execute({ agentId, range }: GetStatusHistoryQuery): Promise<StatusHistoryEntry[]> {
    try {
      const recorded = await this.store.readStream(agentStreamId(agentId));
      return statusHistory(recorded.flatMap((r) => positioned(r) ?? []), range);
    } catch (error) {
      if (error instanceof StreamNotFoundError) throw notFound(agentId);
      throw error;
    }
  }
}

const REPLAY_PAGE = 4096;

interface Place {
  readonly revision: number;
  readonly position: GlobalPosition;
}

const fromView = (view: AgentAvailability) =>
  ({ agent: presenceOfView(view), tag: { revision: view.revision, position: parsePosition(view.position)! } });

@QueryHandler(GetFloorQuery)
export class GetFloorHandler implements IQueryHandler<GetFloorQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModel: AvailabilityReadModel,
    private readonly projection: AvailabilityProjection,
    @Inject(PRESENCE_CONFIG) private readonly config: Pick<PresenceConfig, 'floorReplayMaxSkewMs'>,
  ) {}

  async execute({ at }: GetFloorQuery): Promise<Floor> {
    if (at === undefined) {
      const position = this.projection.checkpoint;
      return { at: new Date().toISOString(), position: position ? formatPosition(position) : null, agents: this.readModel.list() };
    }
    return this.replayedFloor(at);
  }

  /**
   * The floor at a past instant, replayed from the log: from the newest floor
   * snapshot whose events all occurred by then (or from zero), folding page by
   * page, and stopping once events occurred more than the skew bound after it.
   */
  private async replayedFloor(at: Date): Promise<Floor> {
    const snapshot = this.readModel.floorSnapshotBefore(at);
    const replay = new FloorReplay<Place>(at, snapshot?.agents.map(fromView));
    const stopAfter = at.getTime() + this.config.floorReplayMaxSkewMs;
    let after = snapshot?.position;
    for (let reading = true; reading;) {
      const page = await this.store.readAll({ after, maxCount: REPLAY_PAGE, streamPrefixes: [AGENT_STREAM_PREFIX] });
      for (const recorded of page) {
        const event = upcastPresenceEvent(recorded);
        if (!event) continue;
        if (Date.parse(event.metadata.occurredAt) > stopAfter) { reading = false; break; }
        replay.apply(event, { revision: recorded.revision, position: recorded.position });
      }
      if (page.length < REPLAY_PAGE) break;
      after = page[page.length - 1].position;
    }
    const agents = replay.floor().map(({ agent, tag }) => availabilityOf(agent, tag.revision, formatPosition(tag.position)));
    return { at: at.toISOString(), position: null, agents };
  }
}

export const PRESENCE_QUERY_HANDLERS = [GetAgentHandler, ListAgentsHandler, GetStatusHistoryHandler, GetFloorHandler];
