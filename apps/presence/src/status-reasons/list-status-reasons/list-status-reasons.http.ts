import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { StatusReason } from '@app/presence-domain';
import { ListStatusReasonsQuery } from './list-status-reasons.handler.js';

@ApiTags('status-reasons')
@Controller('v1/status-reasons')
export class ListStatusReasonsHttp {
  constructor(private readonly queries: QueryBus) {}

  /** Every authenticated caller may read the catalogue: agents and supervisors pick codes from it. */
  @Get()
  @ApiOperation({ summary: 'The catalogue of status reasons, system ones included, retired ones marked' })
  async list(): Promise<{ reasons: StatusReason[] }> {
    return { reasons: await this.queries.execute(new ListStatusReasonsQuery()) };
  }
}
