import { DuplicateEventIdError, WrongExpectedRevisionError } from '../errors.js';
import type { AppendResult, ExpectedRevision } from '../event-store.port.js';
import { positionOf } from '../global-position.js';
import type { EventStatements, EventToInsert, StoredEventPlace, StreamHead } from './event-statements.js';
import { isExpectedRevisionMet, isSameRequestAsStored } from './expected-revision.js';
import { sqliteCodeOf } from './sqlite-errors.js';

const isEventIdTaken = (error: unknown): boolean =>
  sqliteCodeOf(error) === 'SQLITE_CONSTRAINT_UNIQUE' && (error as Error).message.includes('events.event_id');

const resultAt = (last: { revision: number; position: number }): AppendResult => ({
  nextExpectedRevision: last.revision,
  position: positionOf(last.position),
});

/** EventStoreDB answers an empty append with the stream's state; -1 and position 0 stand for "no stream". */
const currentState = (head: StreamHead | undefined): AppendResult =>
  resultAt(head ?? { revision: -1, position: 0 });

const isConsecutiveRun = (places: readonly (StoredEventPlace | undefined)[]): places is StoredEventPlace[] =>
  places.every((place, index) => place !== undefined && place.revision === (places[0] as StoredEventPlace).revision + index);

/**
 * Some ids of the batch are already stored. If the whole batch is stored as
 * one run in this stream and the expectation matches where it was written,
 * this is a retry: answer as the first time. Otherwise say what is wrong.
 */
const answerRetry = (
  statements: EventStatements,
  streamId: string,
  events: readonly EventToInsert[],
  expected: ExpectedRevision,
  head: StreamHead | undefined,
): AppendResult => {
  const places = events.map((event) => statements.placeOf(event.id));
  const elsewhere = places.findIndex((place) => place !== undefined && place.streamId !== streamId);
  if (elsewhere >= 0) throw new DuplicateEventIdError(events[elsewhere].id, streamId);
  if (isConsecutiveRun(places) && isSameRequestAsStored(expected, places[0].revision)) return resultAt(places[places.length - 1]);
  if (!isExpectedRevisionMet(expected, head?.revision)) throw new WrongExpectedRevisionError(streamId, expected, head?.revision ?? 'no_stream');
  const misplaced = places.findIndex((place) => place !== undefined);
  throw new DuplicateEventIdError(events[misplaced].id, streamId);
};

const insertAll = (
  statements: EventStatements,
  streamId: string,
  events: readonly EventToInsert[],
  head: StreamHead | undefined,
  recordedAt: number,
): AppendResult => {
  let revision = head?.revision ?? -1;
  let position = 0;
  for (const event of events) {
    revision += 1;
    try {
      position = statements.insert(streamId, revision, event, recordedAt);
    } catch (error) {
      // A later id of the batch (or a repeat inside it) is already stored.
      if (isEventIdTaken(error)) throw new DuplicateEventIdError(event.id, streamId);
      throw error;
    }
  }
  return resultAt({ revision, position });
};

/**
 * The body of one append; must run inside an IMMEDIATE transaction so that
 * the stream head read here is still the head when the rows are inserted.
 * Only the first id is looked up up front: a retry always repeats the first
 * id, and a fresh batch pays a single index probe for it.
 */
export const appendToStream = (
  statements: EventStatements,
  streamId: string,
  events: readonly EventToInsert[],
  expected: ExpectedRevision,
  recordedAt = Date.now(),
): AppendResult => {
  const head = statements.headOf(streamId);
  if (events.length > 0 && statements.placeOf(events[0].id) !== undefined)
    return answerRetry(statements, streamId, events, expected, head);
  if (!isExpectedRevisionMet(expected, head?.revision))
    throw new WrongExpectedRevisionError(streamId, expected, head?.revision ?? 'no_stream');
  return events.length === 0 ? currentState(head) : insertAll(statements, streamId, events, head, recordedAt);
};
