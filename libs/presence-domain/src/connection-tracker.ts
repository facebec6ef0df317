import { NEVER, isConnectedAt, noConnection, openSessionsAt, recordSignal, type AgentConnection, type ConnectionSignal } from './agent-connection.js';
import { systemMayChangeStatus, type RegisteredAgent } from './agent-presence.js';

export interface ConnectionTrackerSettings {
  /** PRESENCE_TIMEOUT_SECONDS in ms: how long an online agent may go without a session or heartbeat. */
  readonly timeoutMs: number;
  /** When this tracking process started (epoch ms): it knows no connection from before. */
  readonly startedAt: number;
  /** Nobody is due before startedAt + graceMs, so clients can reconnect after a server restart. */
  readonly graceMs: number;
  /**
   * Allowance for a signal seen by another process to reach this one over the
   * bus: a heartbeat anywhere before the deadline must prevent the change.
   */
  readonly signalDelayMs: number;
}

/** What the tracker needs of an agent's status: whether the system may change it, and from which revision and time. */
export interface ObservedStatus {
  readonly agentId: string;
  /** The agent stream's revision the observation reflects: the expected revision of the change it may cause. */
  readonly revision: number;
  /** Online and not under a supervisor's override (systemMayChangeStatus). */
  readonly watched: boolean;
  /** Epoch ms the current status began: an agent who just went online has a full timeout from then. */
  readonly since: number;
}

export const observedStatusOf = (agent: RegisteredAgent, revision: number): ObservedStatus => ({
  agentId: agent.agentId, revision, watched: systemMayChangeStatus(agent), since: Date.parse(agent.since),
});

/** An agent whose connection lapsed while online: the system should set it away, once, at this revision. */
export interface DueConnectionLoss {
  readonly agentId: string;
  readonly revision: number;
  /** Epoch ms the connection was lost by. */
  readonly deadline: number;
}

/** What GET /v1/agents/{id} and the floor show of the connection. */
export interface ConnectionView {
  readonly connected: boolean;
  readonly openSessions: number;
  /** ISO-8601, or null when no signal arrived since this process started. */
  readonly lastSeenAt: string | null;
}

interface TrackedAgent {
  readonly connection: AgentConnection;
  status: ObservedStatus | null;
}

/**
 * Every agent's connection and watched status in one presence process. Fed by
 * connection signals (from every process, over the bus) and by status
 * observations (the availability read model); answers who is due. Every
 * process may run one: the expected revision and the deterministic command id
 * of the resulting change (connection-lost.ts) make one append per lapse.
 */
export class ConnectionTracker {
  private readonly agents = new Map<string, TrackedAgent>();

  constructor(private readonly settings: ConnectionTrackerSettings) {}

  signal(signal: ConnectionSignal): void {
    recordSignal(this.tracked(signal.agentId).connection, signal, this.settings.timeoutMs);
  }

  sessionOpened(agentId: string, session: string, at: number): void {
    this.signal({ kind: 'session-opened', agentId, session, at });
  }

  sessionAlive(agentId: string, session: string, at: number): void {
    this.signal({ kind: 'session-alive', agentId, session, at });
  }

  sessionClosed(agentId: string, session: string, at: number): void {
    this.signal({ kind: 'session-closed', agentId, session, at });
  }

  heartbeat(agentId: string, at: number): void {
    this.signal({ kind: 'heartbeat', agentId, at });
  }

  /** An observation older than the one held (a redelivered or reordered message) changes nothing. */
  statusObserved(observed: ObservedStatus): void {
    const tracked = this.tracked(observed.agentId);
    if (tracked.status === null || tracked.status.revision <= observed.revision) tracked.status = observed;
  }

  connectionOf(agentId: string, now: number): ConnectionView {
    const connection = this.agents.get(agentId)?.connection ?? noConnection();
    return {
      connected: isConnectedAt(connection, now),
      openSessions: openSessionsAt(connection, now),
      lastSeenAt: connection.lastSeenAt === NEVER ? null : new Date(connection.lastSeenAt).toISOString(),
    };
  }

  /** When the watched agent counts as lost unless a signal comes first; undefined when it is not watched. */
  deadlineOf(agentId: string): number | undefined {
    const tracked = this.agents.get(agentId);
    return tracked === undefined ? undefined : this.deadline(tracked);
  }

  /** Watched agents whose deadline (plus the signal allowance) has passed, by agent id. */
  dueAt(now: number): DueConnectionLoss[] {
    const due: DueConnectionLoss[] = [];
    for (const [agentId, tracked] of this.agents) {
      const deadline = this.deadline(tracked);
      if (deadline !== undefined && tracked.status !== null && now >= deadline + this.settings.signalDelayMs) {
        due.push({ agentId, revision: tracked.status.revision, deadline });
      }
    }
    return due.sort((a, b) => (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
  }

  private tracked(agentId: string): TrackedAgent {
    let tracked = this.agents.get(agentId);
    if (tracked === undefined) {
      tracked = { connection: noConnection(), status: null };
      this.agents.set(agentId, tracked);
    }
    return tracked;
  }

  private deadline({ connection, status }: TrackedAgent): number | undefined {
    if (status === null || !status.watched) return undefined;
    const { timeoutMs, startedAt, graceMs } = this.settings;
    // Seen last, or online since: whichever is later starts the timeout; nothing before the startup grace ends.
    const from = Math.max(connection.lastSeenAt, status.since);
    return Math.max(from + timeoutMs, startedAt + graceMs);
  }
}
