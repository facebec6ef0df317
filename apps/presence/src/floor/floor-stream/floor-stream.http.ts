import { Controller, Get, Headers, Inject, Logger, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { EVENT_STORE, parsePosition, type EventStore, type GlobalPosition } from '@app/event-store';
import { AGENT_STREAM_PREFIX, upcastPresenceEvent } from '@app/presence-domain';
import {
  APP_CONFIG, Authorizer, CurrentCaller, FeedConnections, InvalidRequestError, accessPolicy, openEventStream, type AppConfig, type Caller,
} from '@app/platform';
import { ConnectionTracking } from '../../connections/connection-tracking.js';
import { AvailabilityReadModel } from '../../read-model/availability-read-model.js';
import { StatusReasonLabels } from '../../status-reasons/status-reason-labels.js';
import { FLOOR_CONNECTION_EVENT, floorChangeOf, type FloorConnectionChange } from './floor-change.js';

/**
 * Server-sent events of every availability change the caller may see. Each
 * connection follows the event log itself from the client's Last-Event-ID
 * (or from now), so a reconnect resumes with no gap and no repeat. Between
 * them come `connection` messages (no id: signals, not events) when an
 * agent's console connects or loses its connection. A connection ends when
 * its token expires; a caller holds a bounded number.
 */
@ApiTags('floor')
@Controller('v1/floor')
export class FloorStreamHttp {
  private readonly logger = new Logger(FloorStreamHttp.name);
  private readonly connections: FeedConnections;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly readModel: AvailabilityReadModel,
    private readonly authorizer: Authorizer,
    private readonly tracking: ConnectionTracking,
    private readonly labels: StatusReasonLabels,
  ) {
    this.connections = new FeedConnections(config.feedConnectionsPerCaller);
  }

  @Get('stream')
  @ApiOperation({ summary: 'Live feed of availability changes (text/event-stream), of the agents the caller oversees' })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'resume after this position (an earlier message id, or a floor position)' })
  async stream(
    @Headers('last-event-id') lastEventId: string | undefined,
    @Query('after') afterParam: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    this.authorizer.require(accessPolicy.watchFloor(caller), caller, 'watch', 'the floor');
    const after = await this.startPosition(lastEventId ?? afterParam);
    const release = this.connections.open(caller.id);
    let subscription: { stop(): Promise<void> } | undefined;
    const stream = openEventStream(request, response, caller, () => {
      release();
      stopListening();
      void subscription?.stop();
    });
    const stopListening = this.tracking.changes.listen((change) => {
      if (!accessPolicy.seesAgent(caller, change.agentId, this.readModel.get(change.agentId)?.teams ?? [])) return;
      const data: FloorConnectionChange = { type: 'connection', ...change };
      stream.send({ event: FLOOR_CONNECTION_EVENT, data });
    });
    subscription = this.store.subscribeToAll(
      (recorded) => {
        const event = upcastPresenceEvent(recorded);
        if (!event) return;
        const teams = this.readModel.get(event.data.agentId)?.teams ?? [];
        if (!accessPolicy.seesAgent(caller, event.data.agentId, teams)) return;
        const change = floorChangeOf(recorded, event, (code) => this.labels.labelOf(code));
        stream.send({ id: change.position, event: change.type, data: change });
      },
      { after, streamPrefixes: [AGENT_STREAM_PREFIX] },
      { onError: (error) => {
        this.logger.error(`floor feed subscription failed: ${error.message}`);
        stream.end();
      } },
    );
  }

  /** A client's resume point, or the head of the log for a new watcher. */
  private async startPosition(text: string | undefined): Promise<GlobalPosition | undefined> {
    if (text === undefined || text === '') return this.store.headPosition();
    const position = parsePosition(text);
    if (!position) throw new InvalidRequestError([{ field: 'Last-Event-ID', message: 'must be a position like 1234/1234 from an earlier message' }]);
    return position;
  }
}
