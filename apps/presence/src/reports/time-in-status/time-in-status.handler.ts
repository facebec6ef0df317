import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CatchingUpError, pageOf, type Page } from '@app/platform';
import type { TimeInStatusQuery, TimeInStatusRow } from '@app/presence-domain';
import { PRESENCE_CONFIG, type PresenceConfig } from '../../presence-config.js';
import { TimeInStatusReadModel } from '../time-in-status.projection.js';

/** Rows of the report over the query's range, by agent id, after `afterAgentId`; every row when `limit` is undefined. */
export class GetTimeInStatusQuery extends Query<Page<TimeInStatusRow, string>> {
  constructor(readonly query: TimeInStatusQuery, readonly afterAgentId?: string, readonly limit?: number) { super(); }
}

/** From the projection, once it reflects every agent event the store held when the request came. */
@QueryHandler(GetTimeInStatusQuery)
export class GetTimeInStatusHandler implements IQueryHandler<GetTimeInStatusQuery> {
  constructor(
    private readonly readModel: TimeInStatusReadModel,
    @Inject(PRESENCE_CONFIG) private readonly config: Pick<PresenceConfig, 'readYourWritesTimeoutMs'>,
  ) {}

  async execute({ query, afterAgentId, limit }: GetTimeInStatusQuery): Promise<Page<TimeInStatusRow, string>> {
    if (!(await this.readModel.current(this.config.readYourWritesTimeoutMs))) throw new CatchingUpError('the time-in-status report');
    // One row more than asked tells whether another page follows.
    const rows = this.readModel.report(query, { afterAgentId, limit: limit === undefined ? undefined : limit + 1 });
    return pageOf(rows, limit ?? Number.MAX_SAFE_INTEGER, (row) => row.agentId);
  }
}
