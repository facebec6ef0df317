/**
 * The integration event the relay publishes for every change of an agent
 * (topic `presence.agent-availability`, key = agent id). It carries the
 * agent's whole availability, not a delta, so the latest message per key
 * (a compacted topic) alone rebuilds the floor. Consumers keep, per agent,
 * the message with the highest `revision` and drop older or repeated ones.
 */
export const AGENT_AVAILABILITY_SCHEMA_VERSION = 1;

export const DEFAULT_AVAILABILITY_TOPIC = 'presence.agent-availability';

export type AvailabilityStatus = 'online' | 'away' | 'offline';

export interface AgentAvailabilityMessage {
  readonly schemaVersion: number;
  readonly agentId: string;
  readonly displayName: string;
  readonly teams: readonly string[];
  readonly maxConcurrentConversations: number;
  readonly status: AvailabilityStatus;
  readonly since: string;
  readonly setBy: { readonly kind: 'registration' | 'agent' | 'supervisor'; readonly id?: string; readonly reason?: string | null };
  readonly openConversations: readonly string[];
  /** Offers the agent has not answered yet, each holding a unit of capacity. Added later: absent from older producers. */
  readonly pendingOffers?: readonly string[];
  /** Offers missed in a row. Added later: absent from older producers. */
  readonly consecutiveMissedOffers?: number;
  /** Since when the agent has not been online (null while online). Added later: absent from older producers. */
  readonly unavailableSince?: string | null;
  /** Revision of the agent's stream: per-agent order, used to drop stale and repeated messages. */
  readonly revision: number;
  /** Global log position of the event that produced it (`commit/prepare`). */
  readonly position: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly occurredAt: string;
}

export class InvalidMessageError extends Error {
  constructor(reason: string) {
    super(`invalid agent availability message: ${reason}`);
    this.name = 'InvalidMessageError';
  }
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

/** Parses and checks a message off the wire; a malformed one throws InvalidMessageError, never yields a half-read object. */
export const parseAgentAvailabilityMessage = (text: string | undefined): AgentAvailabilityMessage => {
  if (text === undefined) throw new InvalidMessageError('empty value');
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new InvalidMessageError('not JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InvalidMessageError('not an object');
  if (value.schemaVersion !== AGENT_AVAILABILITY_SCHEMA_VERSION) throw new InvalidMessageError(`unsupported schemaVersion ${String(value.schemaVersion)}`);
  const problems: string[] = [];
  if (!isString(value.agentId) || value.agentId.length === 0) problems.push('agentId');
  if (!isString(value.displayName)) problems.push('displayName');
  if (!isStringArray(value.teams)) problems.push('teams');
  if (!Number.isInteger(value.maxConcurrentConversations)) problems.push('maxConcurrentConversations');
  if (!['online', 'away', 'offline'].includes(value.status as string)) problems.push('status');
  if (!isString(value.since)) problems.push('since');
  if (typeof value.setBy !== 'object' || value.setBy === null) problems.push('setBy');
  if (!isStringArray(value.openConversations)) problems.push('openConversations');
  if (value.pendingOffers !== undefined && !isStringArray(value.pendingOffers)) problems.push('pendingOffers');
  if (value.consecutiveMissedOffers !== undefined && !(Number.isInteger(value.consecutiveMissedOffers) && (value.consecutiveMissedOffers as number) >= 0)) {
    problems.push('consecutiveMissedOffers');
  }
  if (value.unavailableSince !== undefined && value.unavailableSince !== null && !isString(value.unavailableSince)) problems.push('unavailableSince');
  if (!Number.isInteger(value.revision) || (value.revision as number) < 0) problems.push('revision');
  if (!isString(value.position)) problems.push('position');
  if (!isString(value.eventId)) problems.push('eventId');
  if (!isString(value.eventType)) problems.push('eventType');
  if (!isString(value.occurredAt)) problems.push('occurredAt');
  if (problems.length > 0) throw new InvalidMessageError(`bad or missing ${problems.join(', ')}`);
  return value as unknown as AgentAvailabilityMessage;
};
