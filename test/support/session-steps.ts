import { agentStreamId } from '@app/presence-domain';
import { http, type PresenceTestApp } from './presence-test-app.js';
import { registerAgent, setStatus, uniqueId } from './presence-scenarios.js';
import { openEventStream, type EventStreamReader } from './server-sent-events.js';
import { bearer } from './test-tokens.js';

/** Short timeouts so a lapse takes seconds; the assertions never depend on how long anything took. */
export const SESSION_TEST_ENV = {
  PRESENCE_TIMEOUT_SECONDS: '2',
  PRESENCE_TIMEOUT_STATUS: 'away',
  PRESENCE_STARTUP_GRACE_SECONDS: '0',
  PRESENCE_SIGNAL_ALLOWANCE_MS: '300',
} as const;

/**
 * Waits (bounded) until `check` holds: the connection sweep runs once a
 * second, so a change arrives a few seconds after its cause on a busy
 * machine. Asserts nothing about time; fails naming what never happened.
 */
export const until = async (what: string, check: () => Promise<boolean> | boolean, boundMs = 25_000): Promise<void> => {
  const bound = Date.now() + boundMs;
  while (!(await check())) {
    if (Date.now() > bound) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

export const agentOf = async (app: PresenceTestApp, agentId: string) => (await http(`${app.url}/v1/agents/${agentId}`, 'GET')).body;

export const statusOf = async (app: PresenceTestApp, agentId: string): Promise<string> => (await agentOf(app, agentId)).status;

/** Every event on the agent's stream, as stored. */
export const agentEvents = async (app: PresenceTestApp, agentId: string) => app.store.readStream(agentStreamId(agentId));

/** The changes the system made to the agent's status (connection lost), as stored. */
export const systemChanges = async (app: PresenceTestApp, agentId: string) =>
  (await agentEvents(app, agentId)).filter((event) => event.type === 'AgentStatusSetBySystem');

/** A registered agent of `team` that set itself online (no console connected yet). */
export const onlineAgent = async (app: PresenceTestApp, prefix: string, team = 'sales'): Promise<string> => {
  const agentId = uniqueId(prefix);
  await registerAgent(app, agentId, [team]);
  await setStatus(app, agentId, 'online');
  return agentId;
};

/** The agent's console opens its session with the agent's own token (or the given headers). */
export const openSession = async (app: PresenceTestApp, agentId: string, headers?: Record<string, string>): Promise<EventStreamReader> =>
  openEventStream(`${app.url}/v1/agents/${agentId}/session`, headers ?? await bearer(agentId, 'agent'));

export const heartbeat = async (app: PresenceTestApp, agentId: string, headers?: Record<string, string>) =>
  http(`${app.url}/v1/agents/${agentId}/heartbeat`, 'POST', undefined, headers ?? await bearer(agentId, 'agent'));

/** Heartbeats every `everyMs` until stopped; resolves `stop()` once the last one answered. */
export const keepHeartbeating = (app: PresenceTestApp, agentId: string, everyMs: number) => {
  let running = true;
  const loop = (async () => {
    while (running) {
      const answer = await heartbeat(app, agentId);
      if (answer.status !== 204) throw new Error(`heartbeat answered ${answer.status}`);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return { stop: async () => { running = false; await loop; } };
};
