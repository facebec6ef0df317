import {
  ConcurrencyConflictError, EventStoreTimeoutError, EventStoreUnavailableError, WrongExpectedRevisionError,
} from '@app/event-store';
import { DomainError } from '@app/presence-domain';
import { RoutingError } from '@app/routing-domain';
import type { CommandOutcomeLabel, Metrics } from './metrics.js';

interface RunResult { readonly appended: number; readonly replayed: boolean }

const outcomeOfError = (error: unknown): [CommandOutcomeLabel, string] => {
  if (error instanceof DomainError || error instanceof RoutingError) return ['rejected', error.code];
  if (error instanceof ConcurrencyConflictError || error instanceof WrongExpectedRevisionError) return ['conflict', ''];
  if (error instanceof EventStoreUnavailableError || error instanceof EventStoreTimeoutError) return ['unavailable', ''];
  return ['error', ''];
};

/** Runs one command and counts it in `presence_commands_total` by type and outcome. */
export const countedCommand = async <T extends RunResult>(metrics: Metrics | undefined, type: string, run: () => Promise<T>): Promise<T> => {
  if (!metrics) return run();
  try {
    const outcome = await run();
    metrics.commands.inc({ type, outcome: outcome.replayed ? 'replayed' : outcome.appended > 0 ? 'ok' : 'noop', code: '' });
    return outcome;
  } catch (error) {
    const [outcome, code] = outcomeOfError(error);
    metrics.commands.inc({ type, outcome, code });
    throw error;
  }
};
