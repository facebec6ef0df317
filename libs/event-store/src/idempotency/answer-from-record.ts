import type { CommandOutcome } from '../command-outcome.js';
import type { CausedEvent, Decider, IdentifiedCommand } from '@app/kernel';
import type { EventStore, JsonObject } from '../event-store.port.js';
import type { RecordedOutcome } from './idempotency-ledger.port.js';
import { CHAIN_METADATA_KEY } from '../hash-chain/hash-chain.js';
import { parseState } from '../state-json.js';
import { RememberedRefusalError } from './remembered-refusal-error.js';

const withoutChain = (metadata: JsonObject): JsonObject => {
  const { [CHAIN_METADATA_KEY]: _chain, ...rest } = metadata;
  return rest;
};

/**
 * A retry, answered from its command id's first outcome: nothing decided,
 * nothing appended. Only an append's answer reads the store, and only the
 * events that append wrote.
 */
export const answerFromRecord = async <Command extends IdentifiedCommand, State, Event extends CausedEvent>(
  store: EventStore, decider: Decider<Command, State, Event>, streamId: string, outcome: RecordedOutcome,
): Promise<CommandOutcome<State, Event>> => {
  switch (outcome.kind) {
    case 'appended': {
      const { count, revision, position } = outcome;
      const recorded = await store.readStream(streamId, { fromRevision: revision - count + 1, maxCount: count });
      // As the first answer gave them: the events as decided, without the chain value the append linked in.
      const events = recorded.flatMap((r) => decider.read({ ...r, metadata: withoutChain(r.metadata) }) ?? []);
      return { state: parseState(decider, outcome.state), events, appended: 0, position, revision, replayed: true };
    }
    case 'unchanged': {
      const { revision, position } = outcome;
      return { state: parseState(decider, outcome.state), events: [], appended: 0, position, revision, replayed: true };
    }
    case 'refused':
      throw decider.refusals?.toError(outcome.refusal) ?? new RememberedRefusalError(outcome.refusal);
    default: {
      const unhandled: never = outcome;
      throw new Error(`unknown recorded outcome ${JSON.stringify(unhandled)}`);
    }
  }
};
