import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min,
} from 'class-validator';
import { AGENT_STATUSES, type AgentStatus } from '@app/kernel';
import { MAX_CONCURRENT_CONVERSATIONS, MAX_DISPLAY_NAME, MAX_REASON, MAX_TEAMS, SLUG, SLUG_RULE } from './input-limits.js';

export class AgentProfileBody {
  @ApiProperty({ maxLength: MAX_DISPLAY_NAME, example: 'Ada Lovelace' })
  @IsString() @IsNotEmpty() @MaxLength(MAX_DISPLAY_NAME)
  displayName!: string;

  @ApiProperty({ type: [String], maxItems: MAX_TEAMS, example: ['sales'], description: SLUG_RULE })
  @IsArray() @ArrayMaxSize(MAX_TEAMS) @IsString({ each: true }) @Matches(SLUG, { each: true, message: `each team must be ${SLUG_RULE}` })
  teams!: string[];

  @ApiProperty({ minimum: 1, maximum: MAX_CONCURRENT_CONVERSATIONS, example: 3 })
  @IsInt() @Min(1) @Max(MAX_CONCURRENT_CONVERSATIONS)
  maxConcurrentConversations!: number;
}

export class SetStatusBody {
  @ApiProperty({ enum: AGENT_STATUSES })
  @IsIn(AGENT_STATUSES, { message: `status must be one of ${AGENT_STATUSES.join(', ')}` })
  status!: AgentStatus;

  @ApiPropertyOptional({ maxLength: MAX_REASON })
  @IsOptional() @IsString() @MaxLength(MAX_REASON)
  reason?: string;
}

export class OverrideStatusBody {
  @ApiProperty({ enum: AGENT_STATUSES })
  @IsIn(AGENT_STATUSES, { message: `status must be one of ${AGENT_STATUSES.join(', ')}` })
  status!: AgentStatus;

  @ApiProperty({ maxLength: MAX_REASON, example: 'sick leave' })
  @IsString() @IsNotEmpty() @MaxLength(MAX_REASON)
  reason!: string;
  // The supervisor is the caller (the token's sub), never a body field.
}

export class ListAgentsParams {
  @ApiPropertyOptional({ description: SLUG_RULE })
  @IsOptional() @Matches(SLUG, { message: `team must be ${SLUG_RULE}` })
  team?: string;

  @ApiPropertyOptional({ enum: AGENT_STATUSES })
  @IsOptional() @IsIn(AGENT_STATUSES, { message: `status must be one of ${AGENT_STATUSES.join(', ')}` })
  status?: AgentStatus;
}

export class HistoryRangeParams {
  @ApiPropertyOptional({ format: 'date-time', description: 'inclusive' })
  @IsOptional() @IsISO8601({ strict: true, strictSeparator: true }, { message: 'from must be an ISO-8601 date-time' })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'exclusive' })
  @IsOptional() @IsISO8601({ strict: true, strictSeparator: true }, { message: 'to must be an ISO-8601 date-time' })
  to?: string;
}

export class FloorParams {
  @ApiPropertyOptional({ format: 'date-time', description: 'default: now, from the read model' })
  @IsOptional() @IsISO8601({ strict: true, strictSeparator: true }, { message: 'at must be an ISO-8601 date-time' })
  at?: string;
}
