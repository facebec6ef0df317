/** One given/when/then for any pure decider, so each spec reads as the product's rules. */
import { expect } from '@jest/globals';
import type { Actor, CommandMetadata, EventMetadata } from '@app/presence-domain';

export interface PureDecider<Command, State, Event> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: Event) => State;
  readonly decide: (command: Command, state: State) => readonly Event[];
}

export const givenFor = <Command, State, Event>(decider: PureDecider<Command, State, Event>) => (past: readonly Event[]) => {
  const state = past.reduce(decider.evolve, decider.initialState());
  return {
    when: (command: Command) => ({
      then: (expected: readonly Event[]): void => {
        expect(decider.decide(command, state)).toEqual(expected);
      },
      thenThrows: (code: string, field?: string): void => {
        const matcher = field === undefined ? { code } : { code, field };
        expect(() => decider.decide(command, state)).toThrow(expect.objectContaining(matcher) as unknown as Error);
      },
      thenState: (check: (after: State) => void): void => {
        check(decider.decide(command, state).reduce(decider.evolve, state));
      },
    }),
    state,
  };
};

export const NOW = new Date('2026-11-25T10:00:00.000Z');
export const ROUTING: Actor = { kind: 'service', id: 'routing' };

/** `seconds` after NOW. */
export const at = (seconds: number): Date => new Date(NOW.getTime() + seconds * 1000);

export const commandMetadata = (actor: Actor = ROUTING, now: Date = NOW, commandId = 'cmd'): CommandMetadata =>
  ({ now, actor, commandId, correlationId: 'corr' });

export const eventMetadata = (actor: Actor = ROUTING, now: Date = NOW, commandId = 'cmd'): EventMetadata =>
  ({ schemaVersion: 1, occurredAt: now.toISOString(), actor, causationId: commandId, correlationId: 'corr' });
