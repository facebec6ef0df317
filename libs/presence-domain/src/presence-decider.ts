import type { StreamDecider } from '@app/kernel';
import { evolve, initialPresence, type AgentPresence } from './agent-presence.js';
import { decide } from './decide.js';
import type { PresenceCommand } from './presence-commands.js';
import { agentStreamId, type PresenceEvent } from './presence-events.js';
import { presenceRefusals } from './presence-refusals.js';
import { upcastPresenceEvent } from './upcast-presence-event.js';

/**
 * Everything a command runner needs to drive an agent stream, in one value.
 * Bump snapshotVersion whenever AgentPresence changes shape: older snapshots are then ignored.
 */
export const presenceDecider: StreamDecider<PresenceCommand, AgentPresence, PresenceEvent> = {
  initialState: initialPresence, evolve, decide, read: upcastPresenceEvent,
  streamOf: (command) => agentStreamId(command.data.agentId), streamId: agentStreamId,
  snapshotVersion: 1, refusals: presenceRefusals,
};
