/** One given/when/then for every decider, so each spec reads like the product's rules. */
import { expect } from '@jest/globals';

export interface SpecifiedDecider<Command, State, Event> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: Event) => State;
  readonly decide: (command: Command, state: State) => readonly Event[];
}

export const specify = <Command, State, Event>(decider: SpecifiedDecider<Command, State, Event>) => {
  const fold = (events: readonly Event[], from: State = decider.initialState()): State => events.reduce(decider.evolve, from);
  const given = (past: readonly Event[]) => ({
    when: (command: Command) => ({
      then: (expected: readonly Event[]): void => {
        expect(decider.decide(command, fold(past))).toEqual(expected);
      },
      /** The command is refused with this code (and, when given, about this input field). */
      thenThrows: (code: string, field?: string): void => {
        const expected = field === undefined ? { code } : { code, field };
        expect(() => decider.decide(command, fold(past))).toThrow(expect.objectContaining(expected) as unknown as Error);
      },
      thenState: (check: (state: State) => void): void => {
        const state = fold(past);
        check(fold(decider.decide(command, state), state));
      },
    }),
  });
  return { given, fold };
};
