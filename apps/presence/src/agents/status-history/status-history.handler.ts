import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, StreamNotFoundError, formatPosition, type EventStore, type RecordedEvent } from '@app/event-store';
import {
  DomainError, agentStreamId, statusHistory, upcastPresenceEvent, type PositionedPresenceEvent, type StatusHistoryEntry, type TimeRange,
} from '@app/presence-domain';

export class GetStatusHistoryQuery extends Query<StatusHistoryEntry[]> {
  constructor(readonly agentId: string, readonly range: TimeRange) { super(); }
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
      if (error instanceof StreamNotFoundError) throw new DomainError('AGENT_NOT_FOUND', `agent ${agentId} is not registered`, 'agentId');
      throw error;
    }
  }
}
