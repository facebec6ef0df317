import { eventMetadataOf, isAgentStatus, type AgentStatus, type StoredEvent, type StreamDecider } from '@app/kernel';
import { DomainError } from './domain-error.js';
import {
  STATUS_REASONS_STREAM, STATUS_REASON_EVENT_SCHEMA_VERSION, STATUS_REASON_EVENT_TYPES,
  type PutStatusReason, type StatusReasonCommand, type StatusReasonEvent,
} from './status-reason-events.js';
import { SYSTEM_REASONS, SYSTEM_REASON_CODES, isSystemReasonCode } from './system-reasons.js';
import { storedSchemaVersion } from './upcast-presence-event.js';

export interface StatusReason {
  readonly code: string;
  readonly label: string;
  /** The routing class the reason belongs to: a status change may carry it only towards this status. */
  readonly status: AgentStatus;
  readonly retired: boolean;
  /** Built in and set only by the system (`connection-lost`, `missed-offer`). */
  readonly system: boolean;
}

export interface StatusReasonCatalogue {
  readonly reasons: ReadonlyMap<string, StatusReason>;
}

/** The catalogue before any admin touched it: the system reasons alone. */
export const initialCatalogue = (): StatusReasonCatalogue => ({
  reasons: new Map(SYSTEM_REASON_CODES.map((code) => [code, { code, ...SYSTEM_REASONS[code], retired: false, system: true }])),
});

export const evolveCatalogue = (catalogue: StatusReasonCatalogue, event: StatusReasonEvent): StatusReasonCatalogue => {
  switch (event.type) {
    case 'StatusReasonDefined':
    case 'StatusReasonChanged': {
      // A stored event for a system code cannot come from this decider; the built-in entry wins.
      if (isSystemReasonCode(event.data.code)) return catalogue;
      const { code, label, status, retired } = event.data;
      return { reasons: new Map(catalogue.reasons).set(code, { code, label, status, retired, system: false }) };
    }
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
    }
  }
};

/** Every reason, system ones included, by code. */
export const statusReasonsOf = (catalogue: StatusReasonCatalogue): StatusReason[] =>
  [...catalogue.reasons.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

const CODE_FORMAT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_REASON_CODE_LENGTH = 64;
export const MAX_REASON_LABEL_LENGTH = 120;

const invalid = (field: string, message: string) => new DomainError('INVALID_STATUS_REASON', message, field);

/** The reason as the command asks for it, normalised; every rule names the field it is about. */
const requestedReason = ({ data }: PutStatusReason): Omit<StatusReason, 'system'> => {
  if (typeof data.code !== 'string' || data.code.length > MAX_REASON_CODE_LENGTH || !CODE_FORMAT.test(data.code)) {
    throw invalid('code', `code must be lower-case letters and digits in dash-separated words, at most ${MAX_REASON_CODE_LENGTH} characters`);
  }
  const label = typeof data.label === 'string' ? data.label.trim() : '';
  if (label.length === 0 || label.length > MAX_REASON_LABEL_LENGTH) {
    throw invalid('label', `label must be 1 to ${MAX_REASON_LABEL_LENGTH} characters`);
  }
  if (!isAgentStatus(data.status)) throw invalid('status', 'status must be online, away or offline');
  if (data.retired !== undefined && typeof data.retired !== 'boolean') throw invalid('retired', 'retired must be true or false');
  return { code: data.code, label, status: data.status, retired: data.retired ?? false };
};

const putReason = (command: PutStatusReason, catalogue: StatusReasonCatalogue): StatusReasonEvent[] => {
  if (isSystemReasonCode(command.data.code)) {
    throw new DomainError('SYSTEM_REASON_READ_ONLY', `${command.data.code} is a system reason and cannot be edited`, 'code');
  }
  const wanted = requestedReason(command);
  const metadata = eventMetadataOf(command, STATUS_REASON_EVENT_SCHEMA_VERSION);
  const existing = catalogue.reasons.get(wanted.code);
  if (existing === undefined) return [{ type: 'StatusReasonDefined', data: wanted, metadata }];
  const same = existing.label === wanted.label && existing.status === wanted.status && existing.retired === wanted.retired;
  return same ? [] : [{ type: 'StatusReasonChanged', data: wanted, metadata }];
};

/** The catalogue's rule book: which events a command produces, or why it may not. */
export const decideCatalogue = (command: StatusReasonCommand, catalogue: StatusReasonCatalogue): StatusReasonEvent[] => {
  switch (command.type) {
    case 'PutStatusReason':
      return putReason(command, catalogue);
    default: {
      const unhandled: never = command.type;
      throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
    }
  }
};

/** A stored event of the catalogue in today's schema, or undefined for a type this stream does not own. */
export const readStatusReasonEvent = (stored: StoredEvent): StatusReasonEvent | undefined => {
  if (!(STATUS_REASON_EVENT_TYPES as readonly string[]).includes(stored.type)) return undefined;
  const version = storedSchemaVersion(stored, STATUS_REASON_EVENT_SCHEMA_VERSION);
  // Version 1 is the current shape; later versions add their upcasters here, oldest first.
  return { type: stored.type, data: stored.data, metadata: { ...(stored.metadata as object | null), schemaVersion: version } } as StatusReasonEvent;
};

/** Everything a command runner needs to drive the `status-reasons` stream, in one value: one stream holds the whole catalogue. */
export const statusReasonDecider: StreamDecider<StatusReasonCommand, StatusReasonCatalogue, StatusReasonEvent> = {
  initialState: initialCatalogue, evolve: evolveCatalogue, decide: decideCatalogue, read: readStatusReasonEvent,
  streamOf: () => STATUS_REASONS_STREAM, streamId: () => STATUS_REASONS_STREAM,
  // The catalogue holds a Map: its entries go to JSON as a list.
  stateJson: {
    write: (catalogue) => JSON.stringify([...catalogue.reasons.values()]),
    parse: (text) => ({ reasons: new Map((JSON.parse(text) as StatusReason[]).map((reason) => [reason.code, reason])) }),
  },
};
