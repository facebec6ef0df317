import { PRESENCE_EVENT_SCHEMA_VERSION, PRESENCE_EVENT_TYPES, type PresenceEvent } from './presence-events.js';

/** An event as any store hands it back, before the domain trusts its shape. */
export interface StoredEvent {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

export class UnreadableEventError extends Error {
  constructor(readonly eventType: string, reason: string) {
    super(`cannot read ${eventType}: ${reason}`);
    this.name = 'UnreadableEventError';
  }
}

const TYPES: ReadonlySet<string> = new Set(PRESENCE_EVENT_TYPES);

const isPresenceEventType = (type: string): type is PresenceEvent['type'] => TYPES.has(type);

/**
 * Turns a stored event into the current schema. Old versions are upcast here,
 * never rewritten in the store. Returns undefined for event types this domain
 * does not own (other streams share the log).
 */
export const upcastPresenceEvent = (stored: StoredEvent): PresenceEvent | undefined => {
  if (!isPresenceEventType(stored.type)) return undefined;
  const metadata = stored.metadata as { schemaVersion?: unknown } | null;
  const version = metadata?.schemaVersion ?? 1;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new UnreadableEventError(stored.type, `schema version ${String(version)} is not a positive integer`);
  }
  if (version > PRESENCE_EVENT_SCHEMA_VERSION) {
    // Written by a newer release: reading it with older rules would misstate history.
    throw new UnreadableEventError(stored.type, `schema version ${version} is newer than ${PRESENCE_EVENT_SCHEMA_VERSION}`);
  }
  // Version 1 is the current shape; later versions add their upcasters here, oldest first.
  // Stored with its version (every event written since version 1 was named): the metadata is used as it is, no copy.
  const current = metadata?.schemaVersion === version ? metadata : { ...metadata, schemaVersion: version };
  return { type: stored.type, data: stored.data, metadata: current } as PresenceEvent;
};
