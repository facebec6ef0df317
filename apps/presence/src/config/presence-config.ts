import { resolve } from 'node:path';

export type EventStoreKind = 'sqlite' | 'eventstoredb';

export type MessageBusKind = 'in-process' | 'kafka';

export interface PresenceConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly eventStore: EventStoreKind;
  readonly eventStoreConnectionString: string | undefined;
  readonly sqliteSynchronous: 'FULL' | 'NORMAL';
  /** How long a command waits for the read model to show its effect before answering anyway. */
  readonly readYourWritesTimeoutMs: number;
  readonly bodyLimitBytes: number;
  readonly messageBus: MessageBusKind;
  readonly kafkaBrokers: readonly string[];
  readonly availabilityTopic: string;
  /** Whether this process relays availability events to the bus (one active relay per deployment). */
  readonly relayEnabled: boolean;
  readonly auth: {
    /** HS256 shared secret; without any key setting the embedded default makes one in DATA_DIR. */
    readonly secret: string | undefined;
    /** PEM public key for RS256/ES256 tokens. */
    readonly publicKeyPem: string | undefined;
    readonly jwksUrl: string | undefined;
    readonly issuer: string;
    readonly audience: string;
    readonly clockToleranceSeconds: number;
  };
  /** Requests per caller (or address) per minute before 429. */
  readonly rateLimitPerMinute: number;
  /** Live floor feeds one caller may hold open at once. */
  readonly feedConnectionsPerCaller: number;
  /** JSON log level (pino) on stdout; `silent` turns logs off. */
  readonly logLevel: LogLevel;
  /** /health/ready answers 503 while the projection or the relay is this far behind the store (age of the oldest unapplied event). */
  readonly readyMaxProjectionLagMs: number;
  /** On SIGTERM/SIGINT: how long in-flight requests may take to finish before their connections are cut. */
  readonly shutdownTimeoutMs: number;
  /** The projection stores a floor snapshot after this many agent events; point-in-time floors start from one. */
  readonly floorSnapshotEvery: number;
  /**
   * How far out of order (by occurred-at) events may reach the log: writers'
   * clock skew plus command latency. A point-in-time replay stops at the first
   * event that occurred this long after the instant.
   */
  readonly floorReplayMaxSkewMs: number;
}

export type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug';

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const integer = (env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name}=${raw}: expected a whole number from ${min} to ${max}`);
    return fallback;
  }
  return value;
};

const oneOf = <T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T, problems: string[]): T => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  problems.push(`${name}=${raw}: expected one of ${allowed.join(', ')}`);
  return fallback;
};

/** Reads every setting at once and reports every bad one, not just the first. */
export const presenceConfigFrom = (env: Env): PresenceConfig => {
  const problems: string[] = [];
  const config: PresenceConfig = {
    port: integer(env, 'PORT', 3000, 0, 65535, problems),
    host: env.HOST || '0.0.0.0',
    dataDir: resolve(env.DATA_DIR || './data'),
    eventStore: oneOf(env, 'EVENT_STORE', ['sqlite', 'eventstoredb'] as const, 'sqlite', problems),
    eventStoreConnectionString: env.EVENTSTORE_CONNECTION_STRING || undefined,
    sqliteSynchronous: oneOf(env, 'SQLITE_SYNCHRONOUS', ['FULL', 'NORMAL'] as const, 'FULL', problems),
    readYourWritesTimeoutMs: integer(env, 'READ_YOUR_WRITES_TIMEOUT_MS', 2000, 0, 60_000, problems),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 16 * 1024, 256, 1024 * 1024, problems),
    messageBus: oneOf(env, 'MESSAGE_BUS', ['in-process', 'kafka'] as const, 'in-process', problems),
    kafkaBrokers: (env.KAFKA_BROKERS ?? '').split(',').map((b) => b.trim()).filter((b) => b.length > 0),
    availabilityTopic: env.AVAILABILITY_TOPIC || 'presence.agent-availability',
    relayEnabled: oneOf(env, 'RELAY_ENABLED', ['true', 'false'] as const, 'true', problems) === 'true',
    auth: {
      secret: env.AUTH_JWT_SECRET || undefined,
      publicKeyPem: env.AUTH_JWT_PUBLIC_KEY?.replace(/\\n/g, '\n') || undefined,
      jwksUrl: env.AUTH_JWKS_URL || undefined,
      issuer: env.AUTH_ISSUER || 'agent-presence',
      audience: env.AUTH_AUDIENCE || 'agent-presence',
      clockToleranceSeconds: integer(env, 'AUTH_CLOCK_SKEW_SECONDS', 30, 0, 300, problems),
    },
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 3000, 1, 100_000_000, problems),
    feedConnectionsPerCaller: integer(env, 'FEED_CONNECTIONS_PER_CALLER', 5, 1, 1000, problems),
    logLevel: oneOf(env, 'LOG_LEVEL', ['silent', 'error', 'warn', 'info', 'debug'] as const, 'info', problems),
    readyMaxProjectionLagMs: integer(env, 'READY_MAX_PROJECTION_LAG_MS', 5000, 0, 3_600_000, problems),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000, problems),
    floorSnapshotEvery: integer(env, 'FLOOR_SNAPSHOT_EVERY', 50_000, 100, 10_000_000, problems),
    floorReplayMaxSkewMs: integer(env, 'FLOOR_REPLAY_MAX_SKEW_MS', 5 * 60_000, 0, 24 * 3600_000, problems),
  };
  if (config.auth.secret !== undefined && config.auth.secret.length < 32) {
    problems.push('AUTH_JWT_SECRET must be at least 32 characters');
  }
  if ([config.auth.secret, config.auth.publicKeyPem, config.auth.jwksUrl].filter(Boolean).length > 1) {
    problems.push('set only one of AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY, AUTH_JWKS_URL');
  }
  if (config.messageBus === 'kafka' && config.kafkaBrokers.length === 0) {
    problems.push('MESSAGE_BUS=kafka needs KAFKA_BROKERS (for example 127.0.0.1:9092)');
  }
  if (config.eventStore === 'eventstoredb' && !config.eventStoreConnectionString) {
    problems.push('EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING (for example esdb://127.0.0.1:2113?tls=false)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
};

export const PRESENCE_CONFIG = Symbol('PresenceConfig');

/**
 * Reads each configuration at start; if any setting is bad, prints every
 * problem of every reader, one per line, without a stack trace, and exits 2.
 */
export const configurationOrExit = <T extends unknown[]>(...readers: { [K in keyof T]: () => T[K] }): T => {
  const problems: string[] = [];
  const configs = readers.map((read) => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  });
  if (problems.length > 0) {
    process.stderr.write(`${new ConfigError(problems).message}\n`);
    process.exit(2);
  }
  return configs as T;
};
