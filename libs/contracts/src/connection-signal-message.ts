import { wireObject } from './wire-object.js';

/**
 * A connection signal: a presence process tells the others that an agent's
 * console opened, still holds or closed a session there, or heartbeated
 * (topic `presence.connection-signals`, key = agent id, so one agent's
 * signals keep their order). Signals are not events: nothing stores them;
 * every presence process reads them (a private consumer from the latest
 * offset) into its connection tracker, so a session or heartbeat on any
 * process keeps the agent connected everywhere.
 *
 * Evolution: fields and kinds are only ever added within version 1; a reader
 * skips a kind it does not know (a newer process's signal), and ignores
 * fields it does not know.
 */
export const CONNECTION_SIGNAL_SCHEMA_VERSION = 1;

export const DEFAULT_CONNECTION_SIGNAL_TOPIC = 'presence.connection-signals';

/**
 * How the signal topic is created: keyed by agent, not compacted, kept an
 * hour (a signal matters for one timeout; readers start from the latest
 * offset, so nobody reads old ones).
 */
export const CONNECTION_SIGNAL_TOPIC_SETTINGS = { partitions: 6, retentionMs: 3_600_000 } as const;

export const CONNECTION_SIGNAL_KINDS = ['session-opened', 'session-alive', 'session-closed', 'heartbeat'] as const;

export type ConnectionSignalKind = (typeof CONNECTION_SIGNAL_KINDS)[number];

export interface ConnectionSignalMessage {
  readonly schemaVersion: number;
  /**
   * session-opened / session-closed: an SSE session began or ended;
   * session-alive: the process holding the session says it is still open (it
   * repeats this well within the timeout, so a crashed process's sessions
   * lapse instead of holding the agent connected forever); heartbeat: a
   * client without a stream said it is there.
   */
  readonly kind: ConnectionSignalKind;
  readonly agentId: string;
  /** The presence process that saw the signal; with sessionId it names a session uniquely. */
  readonly instanceId: string;
  /** Present for the session kinds. */
  readonly sessionId?: string;
  /** ISO-8601, the sending process's clock when it saw the agent. */
  readonly at: string;
}

export class InvalidConnectionSignalError extends Error {
  constructor(reason: string) {
    super(`invalid connection signal: ${reason}`);
    this.name = 'InvalidConnectionSignalError';
  }
}

const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isKnownKind = (v: unknown): v is ConnectionSignalKind => (CONNECTION_SIGNAL_KINDS as readonly unknown[]).includes(v);

export const connectionSignalText = (signal: Omit<ConnectionSignalMessage, 'schemaVersion'>): string =>
  JSON.stringify({ schemaVersion: CONNECTION_SIGNAL_SCHEMA_VERSION, ...signal });

/**
 * Parses a signal off the wire. Undefined for a signal kind this reader does
 * not know (skip it); InvalidConnectionSignalError for a malformed one.
 */
export const parseConnectionSignalMessage = (text: string | undefined): ConnectionSignalMessage | undefined => {
  const value = wireObject(text, CONNECTION_SIGNAL_SCHEMA_VERSION, (reason) => new InvalidConnectionSignalError(reason));
  if (!isNonEmptyString(value.kind)) throw new InvalidConnectionSignalError('bad or missing kind');
  if (!isKnownKind(value.kind)) return undefined;
  const problems: string[] = [];
  if (!isNonEmptyString(value.agentId)) problems.push('agentId');
  if (!isNonEmptyString(value.instanceId)) problems.push('instanceId');
  if (value.kind !== 'heartbeat' && !isNonEmptyString(value.sessionId)) problems.push('sessionId');
  if (!isNonEmptyString(value.at) || Number.isNaN(Date.parse(value.at))) problems.push('at');
  if (problems.length > 0) throw new InvalidConnectionSignalError(`bad or missing ${problems.join(', ')}`);
  return value as unknown as ConnectionSignalMessage;
};
