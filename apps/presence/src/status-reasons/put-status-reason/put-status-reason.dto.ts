import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { AGENT_STATUSES, type AgentStatus } from '@app/kernel';
import { MAX_REASON_LABEL_LENGTH } from '@app/presence-domain';

export class PutStatusReasonBody {
  @ApiProperty({ maxLength: MAX_REASON_LABEL_LENGTH, example: 'Lunch' })
  @IsString() @MaxLength(MAX_REASON_LABEL_LENGTH)
  label!: string;

  @ApiProperty({ enum: AGENT_STATUSES, description: 'the routing class: a status change may carry the code only towards this status' })
  @IsIn(AGENT_STATUSES, { message: `status must be one of ${AGENT_STATUSES.join(', ')}` })
  status!: AgentStatus;

  @ApiPropertyOptional({ description: 'a retired code stays in the history but can no longer be chosen; absent means false' })
  @IsOptional() @IsBoolean()
  retired?: boolean;
}
