import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { PageParams, SLUG, SLUG_RULE } from '@app/platform';

const ISO = { strict: true, strictSeparator: true } as const;

/** The range `[from, to)`, optional filters, and a page (JSON only: CSV answers every row). */
export class TimeInStatusParams extends PageParams {
  @ApiProperty({ format: 'date-time', description: 'inclusive' })
  @IsISO8601(ISO, { message: 'from must be an ISO-8601 date-time' })
  from!: string;

  @ApiProperty({ format: 'date-time', description: 'exclusive; time after now is never counted' })
  @IsISO8601(ISO, { message: 'to must be an ISO-8601 date-time' })
  to!: string;

  @ApiPropertyOptional({ description: `only agents currently in this team; ${SLUG_RULE}` })
  @IsOptional() @Matches(SLUG, { message: `team must be ${SLUG_RULE}` })
  team?: string;

  @ApiPropertyOptional({ description: `only this agent; ${SLUG_RULE}` })
  @IsOptional() @Matches(SLUG, { message: `agentId must be ${SLUG_RULE}` })
  agentId?: string;
}
