import type { RecordedEvent } from '@app/event-store';

/**
 * A message for one agent's session stream, made from one recorded event of
 * some other part of the product (issue 11's offers: `offer`, `offer-ended`).
 * `event` is the SSE event name the agent app listens for; `data` is sent as
 * JSON. The message's id is the event's log position, so a reconnect with
 * Last-Event-ID resumes it like every other message of the session.
 */
export interface SessionMessage {
  readonly agentId: string;
  readonly event: string;
  readonly data: unknown;
}

/**
 * Where session messages come from besides the agent's own stream: the
 * streams a source reads (their id prefixes, so the store filters them) and
 * a pure function from one of their events to a message for the agent it
 * names, or undefined for an event that concerns no agent's session.
 */
export interface SessionMessageSource {
  readonly streamPrefixes: readonly string[];
  readonly messageOf: (recorded: RecordedEvent) => SessionMessage | undefined;
}

/** The sources every session stream reads (an array; empty unless a feature plugs one in through PresenceModule.forRoot). */
export const SESSION_MESSAGE_SOURCES = Symbol('SessionMessageSources');

/** Event names of the session stream itself; a source must use others. */
export const SESSION_EVENTS = {
  /** The agent's availability (GET /v1/agents/{id}'s answer) after each event of its stream; first the current one on a fresh open. */
  availability: 'availability',
  /** The token expired: reconnect with a fresh one and Last-Event-ID (sent by the platform's event stream). */
  tokenExpired: 'token-expired',
} as const;
