import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { MAX_REASON, SLUG, SLUG_RULE } from '@app/platform';

export class TransferConversationBody {
  @ApiProperty({ description: SLUG_RULE, example: 'billing' })
  @IsString() @Matches(SLUG, { message: `team must be ${SLUG_RULE}` })
  team!: string;

  @ApiPropertyOptional({ maxLength: MAX_REASON, example: 'invoice question' })
  @IsOptional() @IsString() @MaxLength(MAX_REASON)
  reason?: string;
}
