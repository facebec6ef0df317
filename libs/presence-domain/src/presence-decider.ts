import { evolve, initialPresence } from './agent-presence.js';
import { decide } from './decide.js';
import { presenceRefusals } from './presence-refusals.js';
import { upcastPresenceEvent } from './upcast-presence-event.js';

/**
 * Everything a command runner needs to drive an agent stream, in one value.
 * Bump snapshotVersion whenever AgentPresence changes shape: older snapshots are then ignored.
 */
export const presenceDecider = { initialState: initialPresence, evolve, decide, read: upcastPresenceEvent, snapshotVersion: 1, refusals: presenceRefusals };
