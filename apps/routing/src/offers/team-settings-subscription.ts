import { Inject, Injectable, Logger } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent, type Subscription } from '@app/event-store';
import { TEAM_STREAM_PREFIX, readTeamEvent } from '@app/routing-domain';
import { RoutingState } from '../routing-state.js';

/**
 * DRAFT, not wired yet. Every team's routing settings from the `team-*`
 * streams, from the beginning, into the routing view; RoutingStartup should
 * wait for its `caughtUp` with the other inputs before routing anything.
 * Each event carries the team's whole settings, so applying the latest is
 * enough.
 */
@Injectable()
export class TeamSettingsSubscription {
  private readonly logger = new Logger(TeamSettingsSubscription.name);
  private failure: Error | undefined;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly state: RoutingState) {}

  get error(): string | null {
    return this.failure?.message ?? null;
  }

  start(): Subscription {
    return this.store.subscribeToAll((recorded) => this.receive(recorded), { streamPrefixes: [TEAM_STREAM_PREFIX] }, {
      onError: (error) => {
        this.failure = error;
        this.logger.error(`team settings subscription stopped: ${error.message}`);
      },
    });
  }

  private receive(recorded: RecordedEvent): void {
    const event = readTeamEvent(recorded);
    if (!event) return;
    const { team, ...settings } = event.data;
    this.state.view.applyTeamSettings(team, settings);
  }
}
