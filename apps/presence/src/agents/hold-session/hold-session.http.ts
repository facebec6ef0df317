import { Controller, Get, Headers, Inject, Logger, Param, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { isAfter, parsePosition, type GlobalPosition } from '@app/event-store';
import {
  APP_CONFIG, Authorizer, CurrentCaller, FeedConnections, InvalidRequestError, accessPolicy, openEventStream, type AppConfig, type Caller,
} from '@app/platform';
import { evolve, initialPresence } from '@app/presence-domain';
import { ConnectionTracking } from '../../connections/connection-tracking.js';
import { agentIdPipe } from '../agent-http.js';
import { AGENT_STREAMS, type AgentStreams } from '../agent-streams.js';
import { AgentTeams } from '../agent-teams.js';
import { AgentViews } from '../agent-views.js';
import { SessionFeed } from './session-feed.js';
import { SessionHub } from './session-hub.js';
import { SESSION_MESSAGE_SOURCES, type SessionMessageSource } from './session-messages.js';

const DESCRIPTION = [
  'Server-sent events. While the stream is open the agent counts as connected (PRESENCE_TIMEOUT_SECONDS).',
  'Events: `availability` (the agent as GET /v1/agents/{id} shows it, plus `eventType`; first the current one, then after each change of its stream),',
  'the messages of plugged-in sources (offers: `offer`, `offer-ended`), `token-expired`. Every message id is a log position: reconnect with Last-Event-ID.',
].join(' ');

/**
 * The agent app's session: holding it keeps the agent connected on every
 * presence process, and it carries the agent's own availability changes and
 * the messages of the plugged-in sources, resumable from Last-Event-ID.
 * Opening it never changes a status.
 */
@ApiTags('agents')
@Controller('v1/agents')
export class HoldSessionHttp {
  private readonly logger = new Logger(HoldSessionHttp.name);
  private readonly connections: FeedConnections;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(AGENT_STREAMS) private readonly agents: AgentStreams,
    @Inject(SESSION_MESSAGE_SOURCES) private readonly sources: readonly SessionMessageSource[],
    private readonly hub: SessionHub,
    private readonly teams: AgentTeams,
    private readonly authorizer: Authorizer,
    private readonly tracking: ConnectionTracking,
    private readonly views: AgentViews,
  ) {
    this.connections = new FeedConnections(config.feedConnectionsPerCaller);
  }

  @Get(':agentId/session')
  @ApiOperation({ summary: "The agent's session (text/event-stream): the agent's own token or an admin's", description: DESCRIPTION })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'resume after this message id (a log position)' })
  async session(
    @Param('agentId', agentIdPipe) agentId: string,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    this.authorizer.require(accessPolicy.holdSession(caller, agentId), caller, 'hold the session of', agentId);
    this.teams.known(caller, agentId);
    const resumeAfter = this.resumePosition(lastEventId);
    const after = resumeAfter ?? this.hub.head;
    const { feed, revision } = await this.feedAt(agentId, after);
    const release = this.connections.open(caller.id);
    const session = this.tracking.openSession(agentId);
    let stopFollowing: (() => void) | undefined;
    let closed = false;
    const stream = openEventStream(request, response, caller, () => {
      closed = true;
      release();
      session.close();
      stopFollowing?.();
    });
    if (resumeAfter === undefined && after !== undefined) {
      const opening = feed.snapshot(after, revision);
      if (opening) stream.send(opening);
    }
    try {
      stopFollowing = await this.hub.follow(agentId, feed, after, (message) => stream.send(message));
      if (closed) stopFollowing();
    } catch (error) {
      this.logger.error(`session stream of ${agentId} could not catch up: ${(error as Error).message}`);
      stream.end();
    }
  }

  /** The agent as it stood at `after`, from its own stream: the session's messages continue from there. */
  private async feedAt(agentId: string, after: GlobalPosition | undefined): Promise<{ feed: SessionFeed; revision: number }> {
    const loaded = await this.agents.load(agentId);
    const upTo = loaded.events.filter(({ recorded }) => after !== undefined && !isAfter(recorded.position, after));
    const state = upTo.reduce((presence, { event }) => evolve(presence, event), initialPresence());
    const feed = new SessionFeed(agentId, state, this.sources, (agent) => this.views.of(agent));
    return { feed, revision: upTo.at(-1)?.recorded.revision ?? -1 };
  }

  private resumePosition(text: string | undefined): GlobalPosition | undefined {
    if (text === undefined || text === '') return undefined;
    const position = parsePosition(text);
    if (!position) throw new InvalidRequestError([{ field: 'Last-Event-ID', message: 'must be a position like 1234/1234 from an earlier message' }]);
    return position;
  }
}
