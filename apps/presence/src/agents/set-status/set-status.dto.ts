import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { AGENT_STATUSES, type AgentStatus } from '@app/kernel';
import { MAX_REASON } from '@app/platform';
import { MAX_REASON_CODE_LENGTH } from '@app/presence-domain';

export class SetStatusBody {
  @ApiProperty({ enum: AGENT_STATUSES })
  @IsIn(AGENT_STATUSES, { message: `status must be one of ${AGENT_STATUSES.join(', ')}` })
  status!: AgentStatus;

  @ApiPropertyOptional({ maxLength: MAX_REASON })
  @IsOptional() @IsString() @MaxLength(MAX_REASON)
  reason?: string;

  @ApiPropertyOptional({ maxLength: MAX_REASON_CODE_LENGTH, example: 'lunch', description: 'a code of GET /v1/status-reasons of the same status class' })
  @IsOptional() @IsString() @MaxLength(MAX_REASON_CODE_LENGTH)
  reasonCode?: string;
}
