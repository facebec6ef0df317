import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { statusReasonsOf, type StatusReason } from '@app/presence-domain';
import { StatusReasonCatalogueReader } from '../status-reason-streams.js';

export class ListStatusReasonsQuery extends Query<StatusReason[]> {}

@QueryHandler(ListStatusReasonsQuery)
export class ListStatusReasonsHandler implements IQueryHandler<ListStatusReasonsQuery> {
  constructor(private readonly catalogue: StatusReasonCatalogueReader) {}
  async execute(): Promise<StatusReason[]> { return statusReasonsOf(await this.catalogue.current()); }
}
