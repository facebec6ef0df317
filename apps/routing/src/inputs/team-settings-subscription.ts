import { Inject, Injectable, Logger } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type GlobalPosition, type RecordedEvent } from '@app/event-store';
import { checkpointedSubscriber, type RestartingInput } from '@app/platform';
import { TEAM_STREAM_PREFIX, readTeamEvent } from '@app/routing-domain';
import { DeadlineSweep } from '../offers/deadline-sweep.js';
import { RoutingState } from '../routing-state.js';

/**
 * Every team's routing settings from the `team-*` streams, from the
 * beginning, into the view: each event carries the team's whole settings,
 * so the latest one is what holds. A change once caught up may move grace
 * deadlines, so it sweeps.
 */
@Injectable()
export class TeamSettingsSubscription {
  readonly input: RestartingInput;
  private position: GlobalPosition | undefined;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    private readonly state: RoutingState,
    private readonly deadlines: DeadlineSweep,
  ) {
    // After an error it reads on from the last event it applied: the view already holds everything before.
    this.input = checkpointedSubscriber(store, {
      name: 'team settings subscription',
      streamPrefixes: [TEAM_STREAM_PREFIX],
      checkpoint: () => this.position,
      handle: (recorded) => this.receive(recorded),
    }, new Logger(TeamSettingsSubscription.name));
  }

  get error(): string | null {
    return this.input.error?.message ?? null;
  }

  private receive(recorded: RecordedEvent): void {
    this.position = recorded.position;
    const event = readTeamEvent(recorded);
    if (!event) return;
    const { team, ...settings } = event.data;
    this.state.view.applyTeamSettings(team, settings);
    if (this.state.caughtUp) void this.deadlines.scheduleAll();
  }
}
