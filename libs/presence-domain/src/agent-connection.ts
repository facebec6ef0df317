/**
 * One agent's connection as the presence processes see it, from signals
 * (sessions and heartbeats), never from events. Times are epoch
 * milliseconds from the signals themselves; nothing here reads a clock.
 *
 * Unlike the event folds, this record is updated in place, and "never" is
 * -Infinity rather than null: every open session repeats its signal every
 * few seconds for every agent on the floor, and a fresh copy (or a boxed
 * number) per signal survived into the old heap, where collecting it cost
 * more than the rest of the work (bench/connection-tracking.ts).
 */
export interface AgentConnection {
  /** Open sessions, `<instance>/<session>` (unique across processes), each with when it lapses unless its holder repeats that it is open. */
  readonly sessions: { readonly session: string; until: number }[];
  /** A heartbeat-only client counts as connected until then; -Infinity: no heartbeat yet. */
  heartbeatUntil: number;
  /** The latest time any signal saw the agent; -Infinity: never. */
  lastSeenAt: number;
}

export type ConnectionSignal =
  | { readonly kind: 'session-opened' | 'session-alive' | 'session-closed'; readonly agentId: string; readonly session: string; readonly at: number }
  | { readonly kind: 'heartbeat'; readonly agentId: string; readonly at: number };

export const NEVER = Number.NEGATIVE_INFINITY;

export const noConnection = (): AgentConnection => ({ sessions: [], heartbeatUntil: NEVER, lastSeenAt: NEVER });

/** Drops the session, and those whose holder stopped repeating that they are open (a crashed or partitioned process). */
const dropSession = (connection: AgentConnection, session: string | null, at: number): void => {
  const { sessions } = connection;
  for (let i = sessions.length - 1; i >= 0; i--) {
    if (sessions[i].session === session || sessions[i].until <= at) sessions.splice(i, 1);
  }
};

const keepSessionOpen = (connection: AgentConnection, session: string, until: number): void => {
  const open = connection.sessions.find((s) => s.session === session);
  if (open === undefined) connection.sessions.push({ session, until });
  else open.until = Math.max(open.until, until);
};

/**
 * Applies a signal. Signals may arrive late or twice (at least once, from
 * several processes): every time only ever moves forward.
 */
export const recordSignal = (connection: AgentConnection, signal: ConnectionSignal, timeoutMs: number): void => {
  connection.lastSeenAt = Math.max(connection.lastSeenAt, signal.at);
  switch (signal.kind) {
    case 'session-opened':
    case 'session-alive':
      dropSession(connection, null, signal.at);
      keepSessionOpen(connection, signal.session, signal.at + timeoutMs);
      return;
    case 'session-closed':
      // The agent was there when the session closed: the timeout runs from here, a reload's grace.
      dropSession(connection, signal.session, signal.at);
      return;
    case 'heartbeat':
      connection.heartbeatUntil = Math.max(connection.heartbeatUntil, signal.at + timeoutMs);
      return;
    default: {
      const unhandled: never = signal;
      throw new Error(`unhandled signal ${JSON.stringify(unhandled)}`);
    }
  }
};

export const openSessionsAt = (connection: AgentConnection, now: number): number => {
  let open = 0;
  for (const { until } of connection.sessions) if (until > now) open++;
  return open;
};

/** Connected: a session is open, or a heartbeat-only client heartbeated within the timeout. */
export const isConnectedAt = (connection: AgentConnection, now: number): boolean =>
  openSessionsAt(connection, now) > 0 || connection.heartbeatUntil > now;
