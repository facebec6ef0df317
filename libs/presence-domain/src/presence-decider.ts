import { evolve, initialPresence } from './agent-presence.js';
import { decide } from './decide.js';
import { upcastPresenceEvent } from './upcast-presence-event.js';

/** Everything a command runner needs to drive an agent stream, in one value. */
export const presenceDecider = { initialState: initialPresence, evolve, decide, read: upcastPresenceEvent };
