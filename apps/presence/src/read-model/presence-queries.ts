import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  EVENT_STORE, StreamNotFoundError, formatPosition, type EventStore, type RecordedEvent,
} from '@app/event-store';
import {
  AGENT_STREAM_PREFIX, DomainError, agentStreamId, floorAt, statusHistory, upcastPresenceEvent,
  type PositionedPresenceEvent, type PresenceEvent, type StatusHistoryEntry, type TimeRange,
} from '@app/presence-domain';
import { availabilityOf, type AgentAvailability } from './agent-availability.js';
import { AvailabilityReadModel, type AvailabilityFilter } from './availability-read-model.js';
import { AvailabilityProjection } from './availability-projection.js';

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

@QueryHandler(GetFloorQuery)
export class GetFloorHandler implements IQueryHandler<GetFloorQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModel: AvailabilityReadModel,
    private readonly projection: AvailabilityProjection,
  ) {}

  async execute({ at }: GetFloorQuery): Promise<Floor> {
    if (at === undefined) {
      const position = this.projection.checkpoint;
      return { at: new Date().toISOString(), position: position ? formatPosition(position) : null, agents: this.readModel.list() };
    }
    return this.replayedFloor(at);
  }

  /** The floor at a past instant, folded from the whole agent log. */
  private async replayedFloor(at: Date): Promise<Floor> {
    const positions = new Map<string, { revision: number; position: string }>();
    const events: PresenceEvent[] = [];
    let after: RecordedEvent['position'] | undefined;
    for (;;) {
      const page = await this.store.readAll({ after, maxCount: REPLAY_PAGE, streamPrefixes: [AGENT_STREAM_PREFIX] });
      for (const recorded of page) {
        const event = upcastPresenceEvent(recorded);
        if (!event || Date.parse(event.metadata.occurredAt) > at.getTime()) continue;
        events.push(event);
        positions.set(event.data.agentId, { revision: recorded.revision, position: formatPosition(recorded.position) });
      }
      if (page.length < REPLAY_PAGE) break;
      after = page[page.length - 1].position;
    }
    const agents = floorAt(events, at).map((agent) => {
      const { revision, position } = positions.get(agent.agentId)!;
      return availabilityOf(agent, revision, position);
    });
    return { at: at.toISOString(), position: null, agents };
  }
}

export const PRESENCE_QUERY_HANDLERS = [GetAgentHandler, ListAgentsHandler, GetStatusHistoryHandler, GetFloorHandler];
