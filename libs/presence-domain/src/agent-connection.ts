/**
 * One agent's connection as the presence processes see it, from signals
 * (sessions and heartbeats), never from events. Times are epoch
 * milliseconds from the signals themselves; nothing here reads a clock.
 */
export interface AgentConnection {
  /** Open sessions by `<instance>/<session>`, each with the time it lapses unless its holder says it is still open. */
  readonly sessions: ReadonlyMap<string, number>;
  /** A heartbeat-only client counts as connected until then. */
  readonly heartbeatUntil: number | null;
  /** The latest time any signal saw the agent. */
  readonly lastSeenAt: number | null;
}

export type ConnectionSignal =
  | { readonly kind: 'session-opened' | 'session-alive' | 'session-closed'; readonly agentId: string; readonly session: string; readonly at: number }
  | { readonly kind: 'heartbeat'; readonly agentId: string; readonly at: number };

export const noConnection = (): AgentConnection => ({ sessions: new Map(), heartbeatUntil: null, lastSeenAt: null });

const later = (a: number | null, b: number): number => (a === null || b > a ? b : a);

/** Drops sessions whose holder stopped saying they are open (a crashed or partitioned process). */
const liveSessions = (sessions: ReadonlyMap<string, number>, at: number): Map<string, number> => {
  const live = new Map<string, number>();
  for (const [session, until] of sessions) if (until > at) live.set(session, until);
  return live;
};

/**
 * The connection after a signal. Signals may arrive late or twice (at least
 * once, from several processes): every time only ever moves forward.
 */
export const afterSignal = (connection: AgentConnection, signal: ConnectionSignal, timeoutMs: number): AgentConnection => {
  const lastSeenAt = later(connection.lastSeenAt, signal.at);
  switch (signal.kind) {
    case 'session-opened':
    case 'session-alive': {
      const sessions = liveSessions(connection.sessions, signal.at);
      sessions.set(signal.session, later(connection.sessions.get(signal.session) ?? null, signal.at + timeoutMs));
      return { ...connection, sessions, lastSeenAt };
    }
    case 'session-closed': {
      // The agent was there when the session closed: the timeout runs from here, a reload's grace.
      const sessions = liveSessions(connection.sessions, signal.at);
      sessions.delete(signal.session);
      return { ...connection, sessions, lastSeenAt };
    }
    case 'heartbeat':
      return { ...connection, heartbeatUntil: later(connection.heartbeatUntil, signal.at + timeoutMs), lastSeenAt };
    default: {
      const unhandled: never = signal;
      throw new Error(`unhandled signal ${JSON.stringify(unhandled)}`);
    }
  }
};

export const openSessionsAt = (connection: AgentConnection, now: number): number => {
  let open = 0;
  for (const until of connection.sessions.values()) if (until > now) open++;
  return open;
};

/** Connected: a session is open, or a heartbeat-only client heartbeated within the timeout. */
export const isConnectedAt = (connection: AgentConnection, now: number): boolean =>
  openSessionsAt(connection, now) > 0 || (connection.heartbeatUntil !== null && connection.heartbeatUntil > now);
