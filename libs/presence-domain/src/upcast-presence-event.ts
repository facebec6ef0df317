import type { StoredEvent } from '@app/kernel';
import {
  PRESENCE_EVENT_SCHEMA_VERSION, PRESENCE_EVENT_TYPES, type AgentStatusChanged, type AgentStatusOverridden, type PresenceEvent,
} from './presence-events.js';

export class UnreadableEventError extends Error {
  constructor(readonly eventType: string, reason: string) {
    super(`cannot read ${eventType}: ${reason}`);
    this.name = 'UnreadableEventError';
  }
}

/**
 * The schema version a stored event was written with (none means 1). One
 * written by a newer release is refused: reading it with older rules would
 * misstate history.
 */
export const storedSchemaVersion = (stored: StoredEvent, current: number): number => {
  const version = (stored.metadata as { schemaVersion?: unknown } | null)?.schemaVersion ?? 1;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new UnreadableEventError(stored.type, `schema version ${String(version)} is not a positive integer`);
  }
  if (version > current) throw new UnreadableEventError(stored.type, `schema version ${version} is newer than ${current}`);
  return version;
};

const TYPES: ReadonlySet<string> = new Set(PRESENCE_EVENT_TYPES);

const isPresenceEventType = (type: string): type is PresenceEvent['type'] => TYPES.has(type);

type StatusChangedV1 = Omit<AgentStatusChanged['data'], 'reasonCode'>;
type StatusOverriddenV1 = Omit<AgentStatusOverridden['data'], 'reasonCode'>;

/**
 * Version 2 added `reasonCode` to status changes and overrides; a version 1
 * change had none. The version 1 fields are copied by name: a spread of a
 * freshly parsed body takes V8's slow path, and cost more than the rest of a
 * whole-log floor fold's upcast and evolve together.
 */
const withReasonCode = (type: PresenceEvent['type'], data: unknown, version: number): unknown => {
  if (version >= 2) return data;
  switch (type) {
    case 'AgentStatusChanged': {
      const { agentId, from, to, reason } = data as StatusChangedV1;
      return { agentId, from, to, reason, reasonCode: null };
    }
    case 'AgentStatusOverridden': {
      const { agentId, from, to, reason, supervisorId } = data as StatusOverriddenV1;
      return { agentId, from, to, reason, supervisorId, reasonCode: null };
    }
    default:
      return data;
  }
};

/**
 * Turns a stored event into the current schema. Old versions are upcast here,
 * never rewritten in the store; the metadata keeps the version it was written
 * with. Returns undefined for event types this domain does not own (other
 * streams share the log).
 */
export const upcastPresenceEvent = (stored: StoredEvent): PresenceEvent | undefined => {
  if (!isPresenceEventType(stored.type)) return undefined;
  const version = storedSchemaVersion(stored, PRESENCE_EVENT_SCHEMA_VERSION);
  const metadata = stored.metadata as { schemaVersion?: unknown } | null;
  // Stored with its version (every event written since version 1 was named): the metadata is used as it is, no copy.
  const current = metadata?.schemaVersion === version ? metadata : { ...metadata, schemaVersion: version };
  return { type: stored.type, data: withReasonCode(stored.type, stored.data, version), metadata: current } as PresenceEvent;
};
