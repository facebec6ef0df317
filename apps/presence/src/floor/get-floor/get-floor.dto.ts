import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

export class FloorParams {
  @ApiPropertyOptional({ format: 'date-time', description: 'default: now, from the read model' })
  @IsOptional() @IsISO8601({ strict: true, strictSeparator: true }, { message: 'at must be an ISO-8601 date-time' })
  at?: string;
}
