import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

export class HistoryRangeParams {
  @ApiPropertyOptional({ format: 'date-time', description: 'inclusive' })
  @IsOptional() @IsISO8601({ strict: true, strictSeparator: true }, { message: 'from must be an ISO-8601 date-time' })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'exclusive' })
  @IsOptional() @IsISO8601({ strict: true, strictSeparator: true }, { message: 'to must be an ISO-8601 date-time' })
  to?: string;
}
