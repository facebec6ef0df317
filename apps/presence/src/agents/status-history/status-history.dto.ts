import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { PageParams } from '@app/platform';

/** A range and a page: status changes in stream order. */
export class HistoryRangeParams extends PageParams {
  @ApiPropertyOptional({ format: 'date-time', description: 'inclusive' })
  @IsOptional() @IsISO8601({ strict: true, strictSeparator: true }, { message: 'from must be an ISO-8601 date-time' })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'exclusive' })
  @IsOptional() @IsISO8601({ strict: true, strictSeparator: true }, { message: 'to must be an ISO-8601 date-time' })
  to?: string;
}
