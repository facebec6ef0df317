import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_REASON } from '@app/platform';

export class DeclineOfferBody {
  @ApiPropertyOptional({ maxLength: MAX_REASON, example: 'on a call' })
  @IsOptional() @IsString() @MaxLength(MAX_REASON)
  reason?: string;
}
