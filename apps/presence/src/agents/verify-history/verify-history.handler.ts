import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, StreamNotFoundError, verifyStreamChain, type EventStore } from '@app/event-store';
import { DomainError, agentStreamId } from '@app/presence-domain';

/** What the endpoint answers: the chain is intact over `events`, ending in `head`, or broken at a revision and why. */
export type HistoryVerdict =
  | { readonly ok: true; readonly events: number; readonly head: string | null; readonly unchained: number }
  | { readonly ok: false; readonly brokenAt: number; readonly reason: string };

export class VerifyHistoryQuery extends Query<HistoryVerdict> {
  constructor(readonly agentId: string) { super(); }
}

/** Recomputes the hash chain of the agent's stream as it is stored now, page by page. */
@QueryHandler(VerifyHistoryQuery)
export class VerifyHistoryHandler implements IQueryHandler<VerifyHistoryQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ agentId }: VerifyHistoryQuery): Promise<HistoryVerdict> {
    try {
      return await verifyStreamChain(this.store, agentStreamId(agentId));
    } catch (error) {
      if (error instanceof StreamNotFoundError) throw new DomainError('AGENT_NOT_FOUND', `agent ${agentId} is not registered`, 'agentId');
      throw error;
    }
  }
}
