import type { ConnectionTracker } from '@app/presence-domain';

/** An agent's console connected or lost its connection (a signal, never an event: it has no log position). */
export interface ConnectionChange {
  readonly agentId: string;
  readonly connected: boolean;
  readonly lastSeenAt: string | null;
}

export type ConnectionListener = (change: ConnectionChange) => void;

/**
 * Tells listeners (the live floor feeds) when an agent's `connected` flips:
 * checked after every signal for that agent, and once a tick for the agents
 * last seen connected (a session or heartbeat lapses without any signal).
 * Repeated heartbeats of a connected agent tell nobody anything.
 */
export class ConnectionChanges {
  private readonly connected = new Set<string>();
  private readonly listeners = new Set<ConnectionListener>();

  constructor(private readonly tracker: ConnectionTracker) {}

  /** Returns the call that stops listening. */
  listen(listener: ConnectionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** After a signal about the agent. */
  check(agentId: string, now: number): void {
    const view = this.tracker.connectionOf(agentId, now);
    if (view.connected === this.connected.has(agentId)) return;
    if (view.connected) this.connected.add(agentId); else this.connected.delete(agentId);
    this.tell({ agentId, connected: view.connected, lastSeenAt: view.lastSeenAt });
  }

  /** Once a tick: the agents whose connection lapsed since the last one. */
  checkLapsed(now: number): void {
    for (const agentId of [...this.connected]) this.check(agentId, now);
  }

  private tell(change: ConnectionChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // A listener is a live feed writing to a socket; one that broke must not stop the others.
      }
    }
  }
}
