import type { Actor } from '@app/kernel';
import type { DueConnectionLoss } from './connection-tracker.js';
import type { SetAgentStatusBySystem, SystemSetStatus } from './presence-commands.js';

/** The same on every process, so the change every process would send is the same change. */
export const CONNECTION_TRACKING_ACTOR: Actor = { kind: 'system', id: 'presence' };

/**
 * The change for a lapsed connection, and the revision it must be appended
 * at. The command id is derived from the revision the process saw, so every
 * process that sees the same lapse sends the same command: the store keeps
 * one (the runner answers a repeated command id from its earlier events, and
 * a process that saw an older revision meets a conflict). Send it with
 * `expectedRevision`; a conflict means the agent changed meanwhile: drop it,
 * the next observation decides again.
 */
export const connectionLostCommand = (
  due: DueConnectionLoss, status: SystemSetStatus, now: Date,
): { readonly command: SetAgentStatusBySystem; readonly expectedRevision: number } => {
  const commandId = `connection-lost:${due.agentId}:${due.revision}`;
  return {
    command: {
      type: 'SetAgentStatusBySystem',
      data: { agentId: due.agentId, status, reasonCode: 'connection-lost' },
      metadata: { now, actor: CONNECTION_TRACKING_ACTOR, commandId, correlationId: commandId },
    },
    expectedRevision: due.revision,
  };
};
