import type { CausedEvent, Decider, IdentifiedCommand } from '@app/kernel';

/** A decider's state as the JSON text records and snapshots keep: its own codec, else plain JSON. */
export const writeState = <C extends IdentifiedCommand, S, E extends CausedEvent>(decider: Decider<C, S, E>, state: S): string =>
  decider.stateJson ? decider.stateJson.write(state) : JSON.stringify(state);

/** Throws on text that is not JSON; callers that can rebuild (a snapshot) catch it. */
export const parseState = <C extends IdentifiedCommand, S, E extends CausedEvent>(decider: Decider<C, S, E>, text: string): S =>
  decider.stateJson ? decider.stateJson.parse(text) : (JSON.parse(text) as S);
