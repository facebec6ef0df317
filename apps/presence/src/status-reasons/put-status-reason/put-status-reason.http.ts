import { Body, Controller, Param, Put, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import {
  Authorizer, CurrentCaller, accessPolicy, actorOf, commandMetadata, describeOutcome, type Caller, type CommandDescription,
} from '@app/platform';
import type { StatusReason } from '@app/presence-domain';
import { PutStatusReasonBody } from './put-status-reason.dto.js';
import { PutStatusReasonCommand } from './put-status-reason.handler.js';

export interface StatusReasonResponse {
  readonly reason: StatusReason;
  readonly command: CommandDescription;
}

@ApiTags('status-reasons')
@Controller('v1/status-reasons')
export class PutStatusReasonHttp {
  constructor(private readonly commands: CommandBus, private readonly authorizer: Authorizer) {}

  @Put(':code')
  @ApiOperation({ summary: 'An admin defines a status reason, or changes its label, class or retirement; system reasons cannot be edited (409)' })
  async put(@Param('code') code: string, @Body() body: PutStatusReasonBody, @Req() request: Request, @CurrentCaller() caller: Caller): Promise<StatusReasonResponse> {
    this.authorizer.require(accessPolicy.putStatusReason(caller), caller, 'edit', `status reason ${code}`);
    const outcome = await this.commands.execute(new PutStatusReasonCommand({
      type: 'PutStatusReason', data: { code, label: body.label, status: body.status, retired: body.retired },
      metadata: commandMetadata(request, actorOf(caller)),
    }));
    return { reason: outcome.state.reasons.get(code) as StatusReason, command: describeOutcome(outcome) };
  }
}
