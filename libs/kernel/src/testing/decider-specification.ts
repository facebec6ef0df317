/** Given/when/then over any decider, so every domain's specs read like its rules (Emmett's DeciderSpecification). */
import { expect } from '@jest/globals';
import type { CausedEvent, Decider, IdentifiedCommand } from '../decider.js';

export interface DeciderSpecification<Command, State, Event> {
  readonly when: (command: Command) => {
    readonly then: (expected: readonly Event[]) => void;
    /** Refused with this code (and, when given, about this input field). */
    readonly thenThrows: (code: string, field?: string) => void;
    readonly thenState: (check: (state: State) => void) => void;
  };
}

export const deciderSpecification = <Command extends IdentifiedCommand, State, Event extends CausedEvent>(
  decider: Pick<Decider<Command, State, Event>, 'initialState' | 'evolve' | 'decide'>,
) => (past: readonly Event[], start: State = decider.initialState()): DeciderSpecification<Command, State, Event> => {
  const state = past.reduce(decider.evolve, start);
  return {
    when: (command) => ({
      then: (expected) => {
        expect(decider.decide(command, state)).toEqual(expected);
      },
      thenThrows: (code, field) => {
        const expected = field === undefined ? { code } : { code, field };
        expect(() => decider.decide(command, state)).toThrow(expect.objectContaining(expected) as unknown as Error);
      },
      thenState: (check) => {
        check(decider.decide(command, state).reduce(decider.evolve, state));
      },
    }),
  };
};
