import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { pageOf, type Page } from '@app/platform';
import { RoutingState } from '../../routing-state.js';

export interface QueuePlace {
  readonly conversationId: string;
  readonly priority: number;
  readonly queuedAt: string;
  /** 1-based place in the team's queue now. */
  readonly position: number;
}

export interface TeamQueueAnswer {
  readonly team: string;
  readonly conversations: readonly QueuePlace[];
}

/** Where a page of a queue ended: the last entry's priority, queue time and id (the queue's order). */
export type QueueKey = readonly [priority: number, queuedAt: string, conversationId: string];

export const isQueueKey = (value: unknown): value is QueueKey =>
  Array.isArray(value) && value.length === 3 && Number.isInteger(value[0]) && typeof value[1] === 'string' && typeof value[2] === 'string';

const keyOf = (place: QueuePlace): QueueKey => [place.priority, place.queuedAt, place.conversationId];

/** Queue order as a total order: higher priority first, then older, then by id (a cursor starts after a key in it). */
const compare = ([p1, at1, id1]: QueueKey, [p2, at2, id2]: QueueKey): number =>
  p1 !== p2 ? p2 - p1 : at1 !== at2 ? (at1 < at2 ? -1 : 1) : id1 < id2 ? -1 : id1 > id2 ? 1 : 0;

export class GetTeamQueueQuery extends Query<Page<QueuePlace, QueueKey>> {
  constructor(readonly team: string, readonly after: QueueKey | undefined = undefined, readonly limit = Number.MAX_SAFE_INTEGER) { super(); }
}

@QueryHandler(GetTeamQueueQuery)
export class GetTeamQueueHandler implements IQueryHandler<GetTeamQueueQuery> {
  constructor(private readonly state: RoutingState) {}
  async execute({ team, after, limit }: GetTeamQueueQuery): Promise<Page<QueuePlace, QueueKey>> {
    const places = this.state.view.queueOf(team).map(({ conversationId, priority, queuedAt }, index) =>
      ({ conversationId, priority, queuedAt, position: index + 1 }));
    // Sorted by the key itself, so the order a cursor refers to is the order pages are cut from.
    const sorted = places.sort((a, b) => compare(keyOf(a), keyOf(b)));
    return pageOf(after ? sorted.filter((place) => compare(keyOf(place), after) > 0) : sorted, limit, keyOf);
  }
}
