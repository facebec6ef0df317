import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { AGENT_STATUSES, type AgentStatus } from '@app/kernel';
import { MAX_REASON } from '@app/platform';

export class OverrideStatusBody {
  @ApiProperty({ enum: AGENT_STATUSES })
  @IsIn(AGENT_STATUSES, { message: `status must be one of ${AGENT_STATUSES.join(', ')}` })
  status!: AgentStatus;

  @ApiProperty({ maxLength: MAX_REASON, example: 'sick leave' })
  @IsString() @IsNotEmpty() @MaxLength(MAX_REASON)
  reason!: string;
  // The supervisor is the caller (the token's sub), never a body field.
}
