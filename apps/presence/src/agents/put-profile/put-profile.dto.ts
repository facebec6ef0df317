import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsNotEmpty, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_CONCURRENT_CONVERSATIONS, MAX_DISPLAY_NAME, MAX_TEAMS, SLUG, SLUG_RULE } from '@app/platform';

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
