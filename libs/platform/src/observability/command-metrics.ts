import { CodedError } from '@app/kernel';
import {
  ConcurrencyConflictError, EventStoreTimeoutError, EventStoreUnavailableError, WrongExpectedRevisionError,
} from '@app/event-store';
import type { CommandCounter, CommandOutcomeLabel } from './metrics.js';

interface RunResult { readonly appended: number; readonly replayed: boolean }

const outcomeOfError = (error: unknown): [CommandOutcomeLabel, string] => {
  if (error instanceof CodedError) return ['rejected', error.code];
  if (error instanceof ConcurrencyConflictError || error instanceof WrongExpectedRevisionError) return ['conflict', ''];
  if (error instanceof EventStoreUnavailableError || error instanceof EventStoreTimeoutError) return ['unavailable', ''];
  return ['error', ''];
};

/** Runs one command and counts it by type and outcome. */
export const countedCommand = async <T extends RunResult>(counter: CommandCounter | undefined, type: string, run: () => Promise<T>): Promise<T> => {
  if (!counter) return run();
  try {
    const outcome = await run();
    counter.inc({ type, outcome: outcome.replayed ? 'replayed' : outcome.appended > 0 ? 'ok' : 'noop', code: '' });
    return outcome;
  } catch (error) {
    const [outcome, code] = outcomeOfError(error);
    counter.inc({ type, outcome, code });
    throw error;
  }
};
