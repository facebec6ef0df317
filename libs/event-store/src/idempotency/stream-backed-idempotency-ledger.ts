import { uuidV5 } from '../deterministic-event-id.js';
import { StreamNotFoundError, WrongExpectedRevisionError } from '../errors.js';
import type { AppendResult, EventStore, ExpectedRevision, NewEvent } from '../event-store.port.js';
import type { IdempotencyLedger, IdempotencyRecord, RecordTiming, RecordedOutcome } from './idempotency-ledger.port.js';
import { outcomeFromJson, outcomeToJson } from './recorded-outcome-json.js';

/** Never change: record stream names and event ids derive from it. */
const RECORD_NAMESPACE = 'c4e2a9d1-6f3b-4a7e-8c5d-0b9f1e2a3d47';

export const IDEMPOTENCY_STREAM_PREFIX = 'idempotency-';
export const IDEMPOTENCY_EVENT_TYPE = 'CommandOutcomeRecorded';

/** One short stream per (stream, command id), named by a hash: any command id text, a bounded name, its own category. */
export const idempotencyStreamOf = (streamId: string, commandId: string): string =>
  `${IDEMPOTENCY_STREAM_PREFIX}${uuidV5(RECORD_NAMESPACE, JSON.stringify([streamId, commandId]))}`;

interface Found {
  readonly record: IdempotencyRecord | undefined;
  readonly revision: number | undefined;
}

/**
 * Idempotency records as events in the event store itself: the choice for
 * EventStoreDB, which has no side tables and no lookup by event id. A lookup
 * reads one event backwards from one short stream, whatever the length of
 * the command's own stream. The append and its record are two writes: a
 * crash between them leaves the append unrecorded, and a retry then decides
 * again (its events carry the same deterministic ids). Expired records are
 * replaced by the next record of the same id; removing them needs a
 * `$maxAge` of the window on those streams (stream metadata), set by
 * operations: neither the port nor the wire test double has it.
 */
export class StreamBackedIdempotencyLedger implements IdempotencyLedger {
  constructor(private readonly store: EventStore) {}

  async find(streamId: string, commandId: string): Promise<IdempotencyRecord | undefined> {
    return (await this.newest(streamId, commandId)).record;
  }

  /** Tries the common case first (no record yet: one append); only a record already there costs a read. */
  async remember(record: Omit<IdempotencyRecord, 'recordedAt'>, timing: RecordTiming): Promise<IdempotencyRecord> {
    const written = await this.tryWrite(record, timing, 'no_stream');
    if (written) return written;
    const found = await this.newest(record.streamId, record.commandId);
    if (found.record && found.record.recordedAt >= timing.notBefore) return found.record;
    // Expired: replaced at the revision just read; a writer that beat us to it has the record that stands.
    return (await this.tryWrite(record, timing, found.revision ?? 'no_stream'))
      ?? (await this.newest(record.streamId, record.commandId)).record ?? { ...record, recordedAt: timing.at };
  }

  async appendRecorded(
    streamId: string, commandId: string, events: readonly NewEvent[], expected: ExpectedRevision,
    outcome: (result: AppendResult) => RecordedOutcome, timing: RecordTiming,
  ): Promise<AppendResult> {
    const result = await this.store.append(streamId, events, expected);
    await this.remember({ streamId, commandId, outcome: outcome(result) }, timing);
    return result;
  }

  /** Undefined when the record stream was not at `expected`. */
  private async tryWrite(
    record: Omit<IdempotencyRecord, 'recordedAt'>, timing: RecordTiming, expected: ExpectedRevision,
  ): Promise<IdempotencyRecord | undefined> {
    const { streamId, commandId } = record;
    const id = uuidV5(RECORD_NAMESPACE, JSON.stringify([streamId, commandId, timing.at]));
    const data = { streamId, commandId, recordedAt: timing.at, outcome: outcomeToJson(record.outcome) };
    try {
      await this.store.append(idempotencyStreamOf(streamId, commandId), [{ id, type: IDEMPOTENCY_EVENT_TYPE, data, metadata: {} }], expected);
      return { ...record, recordedAt: timing.at };
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return undefined;
      throw error;
    }
  }

  private async newest(streamId: string, commandId: string): Promise<Found> {
    try {
      const [newest] = await this.store.readStream(idempotencyStreamOf(streamId, commandId), { direction: 'backwards', maxCount: 1 });
      if (!newest || newest.type !== IDEMPOTENCY_EVENT_TYPE) return { record: undefined, revision: newest?.revision };
      const data = newest.data as { recordedAt: number; outcome: Parameters<typeof outcomeFromJson>[0] };
      return { record: { streamId, commandId, outcome: outcomeFromJson(data.outcome), recordedAt: data.recordedAt }, revision: newest.revision };
    } catch (error) {
      if (error instanceof StreamNotFoundError) return { record: undefined, revision: undefined };
      throw error;
    }
  }
}
