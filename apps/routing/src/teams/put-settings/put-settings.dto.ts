import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import {
  DEFAULT_TEAM_ROUTING_SETTINGS as DEFAULTS, MISSED_OFFERS_BEFORE_AWAY, OFFER_TIMEOUT_SECONDS, REASSIGN_AFTER_SECONDS, ROUTING_MODES,
  type RoutingMode,
} from '@app/routing-domain';

/** Absent means "not sent"; null is refused (only reassignAfterSeconds has a null: never). */
const unlessAbsent = ValidateIf((_body: object, value: unknown) => value !== undefined);

/** A team's whole routing settings: a PUT replaces them, an omitted field takes its default. */
export class PutTeamSettingsBody {
  @ApiPropertyOptional({ enum: ROUTING_MODES, default: DEFAULTS.routingMode, description: 'offer: the agent accepts or declines each conversation' })
  @unlessAbsent @IsIn(ROUTING_MODES, { message: `routingMode must be one of ${ROUTING_MODES.join(', ')}` })
  routingMode?: RoutingMode;

  @ApiPropertyOptional({ minimum: OFFER_TIMEOUT_SECONDS.min, maximum: OFFER_TIMEOUT_SECONDS.max, default: DEFAULTS.offerTimeoutSeconds })
  @unlessAbsent @IsInt() @Min(OFFER_TIMEOUT_SECONDS.min) @Max(OFFER_TIMEOUT_SECONDS.max)
  offerTimeoutSeconds?: number;

  @ApiPropertyOptional({
    minimum: MISSED_OFFERS_BEFORE_AWAY.min, maximum: MISSED_OFFERS_BEFORE_AWAY.max, default: DEFAULTS.missedOffersBeforeAway,
    description: 'consecutive missed offers that set the agent away (by the system, reason missed-offer); 0 never does',
  })
  @unlessAbsent @IsInt() @Min(MISSED_OFFERS_BEFORE_AWAY.min) @Max(MISSED_OFFERS_BEFORE_AWAY.max)
  missedOffersBeforeAway?: number;

  @ApiPropertyOptional({
    type: Number, nullable: true, minimum: REASSIGN_AFTER_SECONDS.min, maximum: REASSIGN_AFTER_SECONDS.max, default: null,
    description: 'an away or offline agent\'s conversations are re-queued after this grace; null (the default): never, the agent concludes them',
  })
  @IsOptional() @IsInt() @Min(REASSIGN_AFTER_SECONDS.min) @Max(REASSIGN_AFTER_SECONDS.max)
  reassignAfterSeconds?: number | null;
}
