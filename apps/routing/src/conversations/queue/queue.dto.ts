import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { SLUG, SLUG_RULE } from '@app/platform';

export const MAX_PRIORITY = 9;

export class QueueConversationBody {
  @ApiProperty({ description: SLUG_RULE, example: 'chat-1042' })
  @IsString() @Matches(SLUG, { message: `conversationId must be ${SLUG_RULE}` })
  conversationId!: string;

  @ApiProperty({ description: SLUG_RULE, example: 'sales' })
  @IsString() @Matches(SLUG, { message: `team must be ${SLUG_RULE}` })
  team!: string;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_PRIORITY, default: 0, description: 'higher goes first; equal priorities go oldest first' })
  @IsOptional() @IsInt() @Min(0) @Max(MAX_PRIORITY)
  priority?: number;
}
