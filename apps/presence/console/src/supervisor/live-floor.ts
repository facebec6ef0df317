import type { ApiClient } from '../api-client.js';
import type { AgentAvailability, ConnectionChange, Floor, FloorChange } from '../api-types.js';
import { EventStream, type StreamState } from '../event-stream.js';
import { applyConnectionChange, applyFloorChange, floorStateOf, type FloorState } from './floor-state.js';

/**
 * The floor now: GET /v1/floor, then the live feed from the position that
 * answer reflects, so no change falls between the two; the feed resumes from
 * its last message after a drop. A change of a kind this console does not
 * know is answered by asking the API for that agent.
 */
export class LiveFloor {
  state: FloorState = floorStateOf([], null);
  private stream: EventStream | undefined;
  private stopped = false;

  constructor(
    private readonly api: ApiClient,
    private readonly onChanged: () => void,
    private readonly onFeed: (state: StreamState, detail?: string) => void,
  ) {}

  async start(): Promise<void> {
    const floor = await this.api.get<Floor>('/v1/floor');
    if (this.stopped) return; // signed out meanwhile
    this.state = floorStateOf(floor.agents, floor.position);
    this.onChanged();
    this.stream = new EventStream(this.api, '/v1/floor/stream', {
      lastEventId: floor.position ?? '0/0',
      onEvent: (event) => {
        if (event.event === 'connection') this.connectionChanged(JSON.parse(event.data) as ConnectionChange);
        else this.apply(JSON.parse(event.data) as FloorChange);
      },
      onState: this.onFeed,
    });
  }

  stop(): void {
    this.stopped = true;
    this.stream?.close();
  }

  private apply(change: FloorChange): void {
    const update = applyFloorChange(this.state, change);
    this.state = update.state;
    if (update.kind === 'refetch') this.refetch(update.agentId);
    else this.onChanged();
  }

  private connectionChanged(change: ConnectionChange): void {
    this.state = applyConnectionChange(this.state, change);
    this.onChanged();
  }

  private refetch(agentId: string): void {
    this.api.get<AgentAvailability>(`/v1/agents/${encodeURIComponent(agentId)}`).then((agent) => {
      this.state = { ...this.state, agents: new Map(this.state.agents).set(agentId, agent) };
      this.onChanged();
    }, () => undefined);
  }
}
