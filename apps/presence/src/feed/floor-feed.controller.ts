import { Controller, Get, Headers, Inject, Logger, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { EVENT_STORE, parsePosition, type EventStore, type GlobalPosition } from '@app/event-store';
import { AGENT_STREAM_PREFIX, upcastPresenceEvent } from '@app/presence-domain';
import { InvalidRequestError } from '../http/request-errors.js';
import { floorChangeOf, serverSentEvent } from './floor-change.js';

const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events of every availability change. Each connection follows
 * the event log itself from the client's Last-Event-ID (or from now), so a
 * reconnect resumes with no gap and no repeat.
 */
@ApiTags('floor')
@Controller('v1/floor')
export class FloorFeedController {
  private readonly logger = new Logger(FloorFeedController.name);

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('stream')
  @ApiOperation({ summary: 'Live feed of availability changes (text/event-stream)' })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'resume after this position (an earlier message id, or a floor position)' })
  async stream(
    @Headers('last-event-id') lastEventId: string | undefined,
    @Query('after') afterParam: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const after = await this.startPosition(lastEventId ?? afterParam);
    response.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    response.flushHeaders();
    response.write('retry: 2000\n\n');
    const subscription = this.store.subscribeToAll(
      (recorded) => {
        const event = upcastPresenceEvent(recorded);
        if (event) response.write(serverSentEvent(floorChangeOf(recorded, event)));
      },
      { after, streamPrefixes: [AGENT_STREAM_PREFIX] },
      { onError: (error) => {
        this.logger.error(`floor feed subscription failed: ${error.message}`);
        response.end();
      } },
    );
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), HEARTBEAT_MS);
    request.on('close', () => {
      clearInterval(heartbeat);
      void subscription.stop();
    });
  }

  /** A client's resume point, or the head of the log for a new watcher. */
  private async startPosition(text: string | undefined): Promise<GlobalPosition | undefined> {
    if (text === undefined || text === '') return this.store.headPosition();
    const position = parsePosition(text);
    if (!position) throw new InvalidRequestError([{ field: 'Last-Event-ID', message: 'must be a position like 1234/1234 from an earlier message' }]);
    return position;
  }
}
