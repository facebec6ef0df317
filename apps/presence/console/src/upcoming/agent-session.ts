/**
 * Issue 12: the agent's session, GET /v1/agents/{id}/session (server-sent
 * events). While this stream is open the agent counts as connected, and
 * closing the tab really disconnects. Its messages (availability changes,
 * offers) are handed on as they come; the agent view refreshes on each.
 * Opened only when the server lists the route (server-features.ts); without
 * it the agent view polls GET /v1/agents/{id} instead.
 */
import type { ApiClient } from '../api-client.js';
import { EventStream, type StreamState } from '../event-stream.js';
import type { ServerSentEvent } from '../sse-parser.js';

export interface AgentSession {
  close(): void;
}

export const openAgentSession = (
  api: ApiClient, agentId: string, onEvent: (event: ServerSentEvent) => void, onState: (state: StreamState, detail?: string) => void,
): AgentSession => new EventStream(api, `/v1/agents/${encodeURIComponent(agentId)}/session`, { onEvent, onState });
