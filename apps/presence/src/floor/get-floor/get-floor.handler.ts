import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, formatPosition, parsePosition, type EventStore, type GlobalPosition } from '@app/event-store';
import { AGENT_STREAM_PREFIX, FloorReplay, upcastPresenceEvent } from '@app/presence-domain';
import { PRESENCE_CONFIG, type PresenceConfig } from '../../presence-config.js';
import { availabilityOf, presenceOfView, type AgentAvailability } from '../../read-model/agent-availability.js';
import { AvailabilityProjection } from '../../read-model/availability-projection.js';
import { AvailabilityReadModel } from '../../read-model/availability-read-model.js';
import { AgentViews, type AgentView } from '../../agents/agent-views.js';

export interface Floor {
  readonly at: string;
  /** Resume the live feed from here (as Last-Event-ID) to see every later change, none twice. */
  readonly position: string | null;
  /** Now: with each agent's connection; at a past instant: without (signals are not kept). */
  readonly agents: readonly AgentView[];
}

export class GetFloorQuery extends Query<Floor> {
  /** `at` undefined: the floor now, from the read model; otherwise replayed from the log. `team`: only its agents. */
  constructor(readonly at: Date | undefined, readonly team?: string) { super(); }
}

const REPLAY_PAGE = 1024;

interface Place {
  readonly revision: number;
  readonly position: GlobalPosition;
}

const fromView = (view: AgentAvailability) =>
  ({ agent: presenceOfView(view), tag: { revision: view.revision, position: parsePosition(view.position)! } });

@QueryHandler(GetFloorQuery)
export class GetFloorHandler implements IQueryHandler<GetFloorQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModel: AvailabilityReadModel,
    private readonly projection: AvailabilityProjection,
    @Inject(PRESENCE_CONFIG) private readonly config: Pick<PresenceConfig, 'floorReplayMaxSkewMs'>,
    private readonly views: AgentViews,
  ) {}

  async execute({ at, team }: GetFloorQuery): Promise<Floor> {
    if (at === undefined) {
      const position = this.projection.checkpoint;
      const agents = this.readModel.list({ team }).map((agent) => this.views.of(agent));
      return { at: new Date().toISOString(), position: position ? formatPosition(position) : null, agents };
    }
    const floor = await this.replayedFloor(at);
    return team === undefined ? floor : { ...floor, agents: floor.agents.filter((agent) => agent.teams.includes(team)) };
  }

  /**
   * The floor at a past instant, replayed from the log: from the newest floor
   * snapshot whose events all occurred by then (or from zero), folding page by
   * page, and stopping once events occurred more than the skew bound after it.
   */
  private async replayedFloor(at: Date): Promise<Floor> {
    const snapshot = this.readModel.floorSnapshotBefore(at);
    const replay = new FloorReplay<Place>(at, snapshot?.agents.map(fromView));
    const stopAfter = at.getTime() + this.config.floorReplayMaxSkewMs;
    let after = snapshot?.position;
    for (let reading = true; reading;) {
      const page = await this.store.readAll({ after, maxCount: REPLAY_PAGE, streamPrefixes: [AGENT_STREAM_PREFIX] });
      for (const recorded of page) {
        const event = upcastPresenceEvent(recorded);
        if (!event) continue;
        if (Date.parse(event.metadata.occurredAt) > stopAfter) { reading = false; break; }
        replay.apply(event, { revision: recorded.revision, position: recorded.position });
      }
      if (page.length < REPLAY_PAGE) break;
      after = page[page.length - 1].position;
    }
    const agents = replay.floor().map(({ agent, tag }) => this.views.withReason(availabilityOf(agent, tag.revision, formatPosition(tag.position))));
    return { at: at.toISOString(), position: null, agents };
  }
}
