import { wireObject } from './wire-object.js';

/**
 * The integration event the relay publishes for every change of an agent
 * (topic `presence.agent-availability`, key = agent id). It carries the
 * agent's whole availability, not a delta, so the latest message per key
 * (a compacted topic) alone rebuilds the floor. Consumers keep, per agent,
 * the message with the highest `revision` and drop older or repeated ones.
 *
 * Evolution: fields are only ever added as optional, within version 1, so a
 * consumer built for the first shape keeps working; consumers ignore fields
 * and `setBy.kind` values they do not know. The version changes only for a
 * change an old consumer would misread, and then old consumers refuse it.
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
  /** Who set the status: `registration`, or the real actor's kind (`agent`, `supervisor`, `admin`, `service`, `system`); consumers treat a kind they do not know as opaque. */
  readonly setBy: { readonly kind: string; readonly id?: string; readonly reason?: string | null; readonly reasonCode?: string | null };
  readonly openConversations: readonly string[];
  /** Added in issue 12: the catalogue code behind the status (null: none), and its label when the message was made. */
  readonly reasonCode?: string | null;
  readonly reasonLabel?: string | null;
  /** Added in issue 12: whether the agent's console held a session or heartbeated recently, as the publisher saw it. */
  readonly connected?: boolean;
  /** Added in issue 12: ISO-8601, the last session or heartbeat signal seen for the agent (null: none since the publisher started). */
  readonly lastSeenAt?: string | null;
  /** Added in issue 11: offers the agent has not answered yet, each holding a unit of capacity. */
  readonly pendingOffers?: readonly string[];
  /** Added in issue 11: offers missed in a row since the last accept or the last return to online. */
  readonly consecutiveMissedOffers?: number;
  /** Added in issue 11: ISO-8601, since when the agent has not been online (null while online); grace reassignment counts from it. */
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
/** An optional addition: absent is fine, present must have its type. */
const absentOr = (v: unknown, check: (v: unknown) => boolean): boolean => v === undefined || check(v);
const isStringOrNull = (v: unknown): boolean => v === null || isString(v);

const optionalProblems = (value: Record<string, unknown>): string[] => {
  const problems: string[] = [];
  if (!absentOr(value.reasonCode, isStringOrNull)) problems.push('reasonCode');
  if (!absentOr(value.reasonLabel, isStringOrNull)) problems.push('reasonLabel');
  if (!absentOr(value.connected, (v) => typeof v === 'boolean')) problems.push('connected');
  if (!absentOr(value.lastSeenAt, isStringOrNull)) problems.push('lastSeenAt');
  if (!absentOr(value.pendingOffers, isStringArray)) problems.push('pendingOffers');
  if (!absentOr(value.consecutiveMissedOffers, (v) => Number.isInteger(v) && (v as number) >= 0)) problems.push('consecutiveMissedOffers');
  if (!absentOr(value.unavailableSince, isStringOrNull)) problems.push('unavailableSince');
  return problems;
};

/** Parses and checks a message off the wire; a malformed one throws InvalidMessageError, never yields a half-read object. */
export const parseAgentAvailabilityMessage = (text: string | undefined): AgentAvailabilityMessage => {
  const value = wireObject(text, AGENT_AVAILABILITY_SCHEMA_VERSION, (reason) => new InvalidMessageError(reason));
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
  problems.push(...optionalProblems(value));
  if (problems.length > 0) throw new InvalidMessageError(`bad or missing ${problems.join(', ')}`);
  return value as unknown as AgentAvailabilityMessage;
};

/** How the availability topic is created: compacted (the latest message per agent alone rebuilds the floor), keyed by agent. */
export const AVAILABILITY_TOPIC_SETTINGS = { partitions: 6, compacted: true } as const;
