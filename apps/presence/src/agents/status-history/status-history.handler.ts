import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, StreamNotFoundError, formatPosition, type EventStore, type RecordedEvent } from '@app/event-store';
import {
  DomainError, agentStreamId, statusHistory, upcastPresenceEvent, type PositionedPresenceEvent, type StatusHistoryEntry, type TimeRange,
} from '@app/presence-domain';
import { pageOf, type Page } from '@app/platform';
import { StatusReasonLabels } from '../../status-reasons/status-reason-labels.js';

/** A status change as the API shows it: with the label of its reason code as the catalogue stands now. */
export interface StatusHistoryView extends StatusHistoryEntry {
  readonly reasonLabel: string | null;
}

/** A page of status changes in [from, to), in stream order, after the stream revision `afterRevision`. */
export class GetStatusHistoryQuery extends Query<Page<StatusHistoryView, number>> {
  constructor(
    readonly agentId: string, readonly range: TimeRange, readonly afterRevision = -1, readonly limit = Number.MAX_SAFE_INTEGER,
  ) { super(); }
}

const positioned = (recorded: RecordedEvent): PositionedPresenceEvent | undefined => {
  const event = upcastPresenceEvent(recorded);
  return event && { event, position: formatPosition(recorded.position), revision: recorded.revision, eventId: recorded.id };
};

/** Replayed from the agent's stream in the event store, never from a mutable table. */
@QueryHandler(GetStatusHistoryQuery)
export class GetStatusHistoryHandler implements IQueryHandler<GetStatusHistoryQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly labels: StatusReasonLabels) {}
  async execute({ agentId, range, afterRevision, limit }: GetStatusHistoryQuery): Promise<Page<StatusHistoryView, number>> {
    try {
      const recorded = await this.store.readStream(agentStreamId(agentId), { fromRevision: afterRevision + 1 });
      const page = pageOf(statusHistory(recorded.flatMap((r) => positioned(r) ?? []), range), limit, (entry) => entry.revision);
      return { ...page, entries: page.entries.map((entry) => ({ ...entry, reasonLabel: this.labels.labelOf(entry.reasonCode) })) };
    } catch (error) {
      if (error instanceof StreamNotFoundError) throw new DomainError('AGENT_NOT_FOUND', `agent ${agentId} is not registered`, 'agentId');
      throw error;
    }
  }
}
