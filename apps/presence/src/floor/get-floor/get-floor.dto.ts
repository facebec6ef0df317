import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { SLUG, SLUG_RULE } from '@app/platform';

export class FloorParams {
  @ApiPropertyOptional({ format: 'date-time', description: 'default: now, from the read model' })
  @IsOptional() @IsISO8601({ strict: true, strictSeparator: true }, { message: 'at must be an ISO-8601 date-time' })
  at?: string;

  @ApiPropertyOptional({ description: `only the agents of this team (${SLUG_RULE})` })
  @IsOptional() @Matches(SLUG, { message: `team must be ${SLUG_RULE}` })
  team?: string;
}
