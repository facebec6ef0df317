import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { AGENT_STATUSES, type AgentStatus } from '@app/kernel';
import { SLUG, SLUG_RULE } from '@app/platform';

export class ListAgentsParams {
  @ApiPropertyOptional({ description: SLUG_RULE })
  @IsOptional() @Matches(SLUG, { message: `team must be ${SLUG_RULE}` })
  team?: string;

  @ApiPropertyOptional({ enum: AGENT_STATUSES })
  @IsOptional() @IsIn(AGENT_STATUSES, { message: `status must be one of ${AGENT_STATUSES.join(', ')}` })
  status?: AgentStatus;
}
