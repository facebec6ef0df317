import { formatPosition, type CommandOutcome } from '@app/event-store';

/** What a command did, as every command endpoint answers it: events appended, a retry, the log position. */
export const describeOutcome = (outcome: Pick<CommandOutcome<unknown, unknown>, 'appended' | 'replayed' | 'position'>) => ({
  appended: outcome.appended,
  replayed: outcome.replayed,
  position: outcome.position ? formatPosition(outcome.position) : null,
});

export type CommandDescription = ReturnType<typeof describeOutcome>;
