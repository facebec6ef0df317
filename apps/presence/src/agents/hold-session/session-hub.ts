import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, isAfter, type EventStore, type GlobalPosition, type RecordedEvent } from '@app/event-store';
import { checkpointedSubscriber, type RestartingInput } from '@app/platform';
import { AGENT_STREAM_PREFIX } from '@app/presence-domain';
import type { SessionFeed, SessionStreamMessage } from './session-feed.js';
import { SESSION_MESSAGE_SOURCES, type SessionMessageSource } from './session-messages.js';

const CATCH_UP_PAGE = 500;

interface Follower {
  readonly agentId: string;
  /** Nothing at or before this position is sent (it is where the session starts). */
  readonly after: GlobalPosition | undefined;
  readonly feed: SessionFeed;
  readonly send: (message: SessionStreamMessage) => void;
  /** Events that arrived while the follower caught up from its resume point; handed over once it is live. */
  pending: RecordedEvent[] | undefined;
}

/**
 * Every session stream of this process reads the log through one store
 * subscription: an event goes to the sessions of the agent it concerns (its
 * own stream, or the agent a source names), instead of every open session
 * reading every commit (a subscription per session made each commit cost a
 * store read per connected agent; bench/agent-sessions.ts). A session that
 * resumes from Last-Event-ID reads what it missed from the store up to where
 * the hub stands, with what arrives meanwhile held back, then goes live.
 */
@Injectable()
export class SessionHub implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SessionHub.name);
  private readonly followers = new Map<string, Set<Follower>>();
  private readonly input: RestartingInput;
  private position: GlobalPosition | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SESSION_MESSAGE_SOURCES) private readonly sources: readonly SessionMessageSource[],
  ) {
    this.input = checkpointedSubscriber(store, {
      name: 'session hub',
      streamPrefixes: [AGENT_STREAM_PREFIX, ...sources.flatMap((source) => source.streamPrefixes)],
      checkpoint: () => this.position,
      handle: (recorded) => this.dispatch(recorded),
    }, this.logger);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.position = await this.store.headPosition();
    await this.input.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.input.stop();
  }

  /** Where the hub stands in the log: a fresh session starts here. */
  get head(): GlobalPosition | undefined {
    return this.position;
  }

  /**
   * Sends `feed`'s messages for every event after `after` (the hub's head
   * for a fresh session): first those the store holds up to the hub's head,
   * then live ones. Returns the call that stops it.
   */
  async follow(agentId: string, feed: SessionFeed, after: GlobalPosition | undefined, send: (message: SessionStreamMessage) => void): Promise<() => void> {
    const head = this.position;
    const follower: Follower = { agentId, after, feed, send, pending: [] };
    const ofAgent = this.followers.get(agentId) ?? new Set<Follower>();
    this.followers.set(agentId, ofAgent.add(follower));
    const stop = () => {
      ofAgent.delete(follower);
      if (ofAgent.size === 0 && this.followers.get(agentId) === ofAgent) this.followers.delete(agentId);
    };
    try {
      if (head !== undefined && (after === undefined || isAfter(head, after))) await this.catchUp(follower, after, head);
    } catch (error) {
      stop();
      throw error;
    }
    const pending = follower.pending ?? [];
    follower.pending = undefined;
    for (const recorded of pending) this.deliver(follower, recorded);
    return stop;
  }

  private async catchUp(follower: Follower, after: GlobalPosition | undefined, head: GlobalPosition): Promise<void> {
    for (let from = after; ;) {
      const page = await this.store.readAll({ after: from, maxCount: CATCH_UP_PAGE, streamPrefixes: follower.feed.streamPrefixes });
      for (const recorded of page) {
        if (isAfter(recorded.position, head)) return;
        this.deliver(follower, recorded);
      }
      if (page.length < CATCH_UP_PAGE) return;
      from = page[page.length - 1].position;
    }
  }

  private dispatch(recorded: RecordedEvent): void {
    const concerned = new Set<Follower>();
    if (recorded.streamId.startsWith(AGENT_STREAM_PREFIX)) {
      for (const follower of this.followers.get(recorded.streamId.slice(AGENT_STREAM_PREFIX.length)) ?? []) concerned.add(follower);
    }
    for (const source of this.sources) {
      if (!source.streamPrefixes.some((prefix) => recorded.streamId.startsWith(prefix))) continue;
      const agentId = this.agentNamedBy(source, recorded);
      for (const follower of (agentId === undefined ? undefined : this.followers.get(agentId)) ?? []) concerned.add(follower);
    }
    for (const follower of concerned) {
      if (follower.pending) follower.pending.push(recorded);
      else this.deliver(follower, recorded);
    }
    this.position = recorded.position;
  }

  /** A source that throws names nobody: the hub goes on with the next event rather than failing on this one for ever. */
  private agentNamedBy(source: SessionMessageSource, recorded: RecordedEvent): string | undefined {
    try {
      return source.messageOf(recorded)?.agentId;
    } catch (error) {
      this.logger.warn(`a session message source failed on ${recorded.type} of ${recorded.streamId}: ${(error as Error).message}`);
      return undefined;
    }
  }

  private deliver(follower: Follower, recorded: RecordedEvent): void {
    if (follower.after !== undefined && !isAfter(recorded.position, follower.after)) return;
    try {
      for (const message of follower.feed.messagesOf(recorded)) follower.send(message);
    } catch (error) {
      // One broken session (a socket gone, a source that threw) must not stop the others.
      this.logger.warn(`session message for ${follower.agentId} dropped: ${(error as Error).message}`);
    }
  }
}
