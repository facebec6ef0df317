import type { AppendResult, ExpectedRevision, NewEvent } from '../event-store.port.js';
import { formatPosition, parsePosition } from '../global-position.js';
import type {
  IdempotencyLedger, IdempotencyRecord, RecordTiming, RecordedOutcome,
} from '../idempotency/idempotency-ledger.port.js';
import { outcomeFromText, outcomeToText } from '../idempotency/recorded-outcome-json.js';
import type { SnapshotStore, StreamSnapshot } from '../stream-state/stream-snapshot.port.js';
import { prepareSideTables, type SideTables } from './runner-side-tables.js';
import type { SqliteEventStore } from './sqlite-event-store.js';

/** Writes between two prunes of expired idempotency records. */
const PRUNE_EVERY = 1000;

const prepared = new WeakMap<SqliteEventStore, SideTables>();

/** Prepared once per store, on first use: a read-only file without the tables still opens for reads. */
const sideTablesOf = (store: SqliteEventStore): SideTables => {
  let tables = prepared.get(store);
  if (!tables) {
    tables = store.withConnection(prepareSideTables);
    prepared.set(store, tables);
  }
  return tables;
};

/** Snapshots in the `stream_snapshots` side table, written in the store's group commits. */
export class SqliteSnapshotStore implements SnapshotStore {
  constructor(private readonly store: SqliteEventStore) {}

  async read(streamId: string): Promise<StreamSnapshot | undefined> {
    const row = this.store.withConnection(() => sideTablesOf(this.store).snapshotOf.get(streamId));
    const position = row && parsePosition(row.position);
    if (!row || !position) return undefined;
    return {
      streamId: row.stream_id, revision: row.revision, position, eventId: row.event_id, version: row.version, state: row.state, checksum: row.checksum,
    };
  }

  async write(snapshot: StreamSnapshot): Promise<void> {
    const { streamId, revision, position, eventId, version, state, checksum } = snapshot;
    const tables = sideTablesOf(this.store);
    // An empty append with 'any' joins the next group commit: no fsync of its own.
    await this.store.append(streamId, [], 'any', () => {
      tables.saveSnapshot.run(streamId, revision, formatPosition(position), eventId, version, state, checksum);
    });
  }
}

/**
 * Idempotency records in the `idempotency_records` side table. An append's
 * record is written in the append's own savepoint: both commit or neither.
 */
export class SqliteIdempotencyLedger implements IdempotencyLedger {
  private writes = 0;

  constructor(private readonly store: SqliteEventStore) {}

  async find(streamId: string, commandId: string): Promise<IdempotencyRecord | undefined> {
    const row = this.store.withConnection(() => sideTablesOf(this.store).recordOf.get(streamId, commandId));
    return row && { streamId, commandId, outcome: outcomeFromText(row.outcome), recordedAt: row.recorded_at };
  }

  async remember(record: Omit<IdempotencyRecord, 'recordedAt'>, timing: RecordTiming): Promise<IdempotencyRecord> {
    let standing: IdempotencyRecord | undefined;
    await this.store.append(record.streamId, [], 'any', () => {
      this.save(record.streamId, record.commandId, record.outcome, timing);
      const row = sideTablesOf(this.store).recordOf.get(record.streamId, record.commandId)!;
      standing = { ...record, outcome: outcomeFromText(row.outcome), recordedAt: row.recorded_at };
    });
    return standing!;
  }

  appendRecorded(
    streamId: string, commandId: string, events: readonly NewEvent[], expected: ExpectedRevision,
    outcome: (result: AppendResult) => RecordedOutcome, timing: RecordTiming,
  ): Promise<AppendResult> {
    return this.store.append(streamId, events, expected, (result) => {
      this.save(streamId, commandId, outcome(result), timing);
    });
  }

  /** Runs inside a group commit: inserts unless a record inside the window stands; now and then drops expired ones. */
  private save(streamId: string, commandId: string, outcome: RecordedOutcome, timing: RecordTiming): void {
    const tables = sideTablesOf(this.store);
    tables.saveRecord.run(streamId, commandId, outcomeToText(outcome), timing.at, timing.notBefore);
    if (++this.writes % PRUNE_EVERY === 0) tables.pruneRecords.run(timing.notBefore);
  }
}
