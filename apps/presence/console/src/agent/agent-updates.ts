import type { ApiClient } from '../api-client.js';
import type { Stop } from '../layout.js';
import type { ServerSentEvent } from '../sse-parser.js';
import { openAgentSession } from '../upcoming/agent-session.js';
import type { ServerFeatures } from '../upcoming/server-features.js';

/** Without a session stream (before issue 12) the page asks for the agent this often. */
export const POLL_MS = 1500;

export interface AgentUpdateHandlers {
  /** Ask the API for the agent again. */
  refresh(): void;
  /** A message of the session stream (an offer, a change). */
  message(event: ServerSentEvent): void;
  /** A sentence about how the page stays up to date. */
  connection(text: string): void;
  expired(): void;
}

/**
 * Keeps the agent's page current: through the agent's session stream when
 * the server has one (which is also what keeps the agent connected), else by
 * polling GET /v1/agents/{id}.
 */
export const followAgent = (api: ApiClient, features: ServerFeatures, agentId: string, on: AgentUpdateHandlers): Stop => {
  let poll: ReturnType<typeof setInterval> | undefined;
  const startPolling = (): void => {
    poll ??= setInterval(on.refresh, POLL_MS);
    on.connection(`Updates every ${POLL_MS / 1000} s.`);
  };
  if (!features.has('agentSession')) {
    startPolling();
    return () => clearInterval(poll);
  }
  const session = openAgentSession(api, agentId, (event) => {
    on.message(event);
    on.refresh();
  }, (state) => {
    if (state === 'unavailable') startPolling();
    else if (state === 'live') on.connection('Connected: your session is open while this page is.');
    else if (state === 'reconnecting') on.connection('Connection lost: reconnecting…');
    else if (state === 'expired') on.expired();
  });
  return () => {
    session.close();
    clearInterval(poll);
  };
};
