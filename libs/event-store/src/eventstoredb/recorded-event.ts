import type { AllStreamResolvedEvent, Position, ResolvedEvent } from '@eventstore/db-client';
import type { JsonObject, RecordedEvent } from '../event-store.port.js';
import type { GlobalPosition } from '../global-position.js';

/**
 * A stream read on a server older than 22.6 carries no position, or the
 * "no position" sentinel 2^64-1 (client typings: "Only returned on server
 * versions later than 22.6.0"; kurrent-io/KurrentDB-Client-Dotnet#211).
 */
const NO_POSITION = 2n ** 64n - 1n;

export const hasRealPosition = (position: Position | undefined): position is Position =>
  position !== undefined && position.commit !== NO_POSITION;

/**
 * System streams and events start with `$` (Kurrent docs, "Streams › System
 * streams" and "Event types"); they belong to the server, never to this system.
 */
export const isSystemRecord = (streamId: string, type: string): boolean => streamId.startsWith('$') || type.startsWith('$');

const asJsonObject = (value: unknown): JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array) ? (value as JsonObject) : {};

export const matchesPrefixes = (streamId: string, prefixes: readonly string[] | undefined): boolean =>
  prefixes === undefined || prefixes.some((prefix) => streamId.startsWith(prefix));

/**
 * The port's view of an event the client read. Undefined for link-only
 * entries and for system records, which callers skip.
 */
export const toRecordedEvent = (resolved: ResolvedEvent | AllStreamResolvedEvent, fallbackPosition?: GlobalPosition): RecordedEvent | undefined => {
  const event = resolved.event;
  if (!event || isSystemRecord(event.streamId, event.type)) return undefined;
  const position = hasRealPosition(event.position) ? event.position : fallbackPosition;
  if (!position) throw new Error(`EventStoreDB returned event ${event.id} of ${event.streamId} without a position (server older than 22.6?)`);
  return {
    id: event.id,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: { commit: position.commit, prepare: position.prepare },
    type: event.type,
    data: asJsonObject(event.data),
    metadata: asJsonObject(event.metadata),
    recordedAt: event.created,
  };
};
