import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@app/platform';
import { RoutingState } from '../routing-state.js';
import { AvailabilityConsumer } from '../inputs/availability-consumer.js';
import { ConversationSubscription } from '../inputs/conversation-subscription.js';
import { RoutingStartup } from '../inputs/routing-startup.js';
import { TeamSettingsSubscription } from '../inputs/team-settings-subscription.js';

/** Beside presence's /health, so both apps can share one port in the standalone process. */
@ApiTags('health')
@Controller('health/routing')
export class RoutingHealthController {
  constructor(
    private readonly state: RoutingState,
    private readonly availability: AvailabilityConsumer,
    private readonly conversations: ConversationSubscription,
    private readonly startup: RoutingStartup,
    private readonly teams: TeamSettingsSubscription,
  ) {}

  @Get()
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Up once the availability topic, the conversation streams and the team settings have caught up' })
  health(@Res({ passthrough: true }) response: Response) {
    const availability = this.availability.status;
    const error = this.startup.error ?? availability.error ?? this.conversations.error ?? this.teams.error;
    const status = error ? 'down' : this.state.caughtUp ? 'up' : 'starting';
    if (status !== 'up') response.status(503);
    return {
      status,
      error,
      policy: this.state.policy.name,
      agents: this.state.view.agentCount,
      conversations: this.state.conversationCount,
      availabilityMessages: { applied: availability.applied, malformed: availability.malformed },
    };
  }
}
