import { WrongExpectedRevisionError, type CommandOutcome } from '@app/event-store';
import {
  connectionLostCommand, observedStatusOf, type AgentPresence, type ConnectionTracker, type PresenceEvent, type SetAgentStatusBySystem,
  type SystemSetStatus,
} from '@app/presence-domain';

/** Runs the command on the agent's stream only at that revision (StreamRunner.run with `expectedRevision`). */
export type RunAtRevision = (command: SetAgentStatusBySystem, expectedRevision: number) => Promise<CommandOutcome<AgentPresence, PresenceEvent>>;

export interface SweepReport {
  /** Agents this process set to the timeout status now. */
  readonly changed: readonly string[];
  /**
   * Agents left as they are: another process appended the same change first
   * (the command id answered as a retry), or the agent changed meanwhile
   * (a newer revision); the next observation decides again.
   */
  readonly superseded: readonly string[];
}

/**
 * Once a second the connection tracking process asks its tracker who is due
 * and sets each of them to the timeout status, at the revision it saw. Every
 * presence process may run it: the expected revision and the command id
 * derived from it let one change through per lapse. An agent whose change is
 * in flight is not sent twice by this process, and the agent's state after
 * the command goes straight back into the tracker, so the next tick does not
 * ask again before the read model caught up.
 */
export class ConnectionLossSweep {
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly tracker: ConnectionTracker,
    private readonly runAtRevision: RunAtRevision,
    private readonly timeoutStatus: SystemSetStatus,
  ) {}

  async sweep(now: Date): Promise<SweepReport> {
    const changed: string[] = [];
    const superseded: string[] = [];
    const due = this.tracker.dueAt(now.getTime()).filter((d) => !this.inFlight.has(`${d.agentId}:${d.revision}`));
    await Promise.all(due.map(async (lapse) => {
      const key = `${lapse.agentId}:${lapse.revision}`;
      this.inFlight.add(key);
      try {
        const { command, expectedRevision } = connectionLostCommand(lapse, this.timeoutStatus, now);
        const outcome = await this.runAtRevision(command, expectedRevision);
        if (outcome.state.kind === 'registered' && outcome.revision !== undefined) {
          this.tracker.statusObserved(observedStatusOf(outcome.state, outcome.revision));
        }
        (outcome.appended > 0 ? changed : superseded).push(lapse.agentId);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        superseded.push(lapse.agentId);
      } finally {
        this.inFlight.delete(key);
      }
    }));
    return { changed: changed.sort(), superseded: superseded.sort() };
  }
}
