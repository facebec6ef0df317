import { Injectable } from '@nestjs/common';
import { ConnectionTracking } from '../connections/connection-tracking.js';
import type { AgentAvailability } from '../read-model/agent-availability.js';
import { StatusReasonLabels } from '../status-reasons/status-reason-labels.js';

/** An agent as the API answers it: the availability, the reason code behind its status with its label, and its connection. */
export interface AgentView extends AgentAvailability {
  /** The catalogue code behind the current status (null: none given, or the agent was just registered). */
  readonly reasonCode: string | null;
  /** The code's label in the catalogue as it stands now. */
  readonly reasonLabel: string | null;
  /** A session is open or a heartbeat came within PRESENCE_TIMEOUT_SECONDS, on any presence process. Absent on a floor replayed at a past instant. */
  readonly connected?: boolean;
  /** ISO-8601, the latest session or heartbeat signal; null when none reached this process since it started. */
  readonly lastSeenAt?: string | null;
}

/** Read-model rows written before reason codes existed have no setBy.reasonCode: none. */
const reasonCodeOf = (agent: AgentAvailability): string | null =>
  agent.setBy.kind === 'registration' ? null : agent.setBy.reasonCode ?? null;

/**
 * Adds what is not in the read model's row: the reason's label (it can be
 * relabelled) and the connection (signals, never events). Every answer that
 * shows an agent goes through here.
 */
@Injectable()
export class AgentViews {
  constructor(private readonly labels: StatusReasonLabels, private readonly connections: ConnectionTracking) {}

  /** The agent now. */
  of(agent: AgentAvailability): AgentView {
    const { connected, lastSeenAt } = this.connections.connectionOf(agent.agentId);
    return { ...this.withReason(agent), connected, lastSeenAt };
  }

  /** The agent at a past instant: its reason, but no connection (signals are not kept). */
  withReason(agent: AgentAvailability): AgentView {
    const reasonCode = reasonCodeOf(agent);
    return { ...agent, reasonCode, reasonLabel: this.labels.labelOf(reasonCode) };
  }
}
