import { join, resolve } from 'node:path';
import { SettingsReader, type Env } from './env.js';

export type EventStoreKind = 'sqlite' | 'eventstoredb';

export type MessageBusKind = 'in-process' | 'kafka';

export type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug';

/** What every HTTP app of this product shares: where it listens, its store and bus, who may call it, how it logs. */
export interface AppConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly eventStore: EventStoreKind;
  readonly eventStoreConnectionString: string | undefined;
  readonly sqliteSynchronous: 'FULL' | 'NORMAL';
  /** The embedded event log; several processes on one machine may share it while each keeps its own DATA_DIR. */
  readonly sqlitePath: string;
  readonly bodyLimitBytes: number;
  readonly messageBus: MessageBusKind;
  readonly kafkaBrokers: readonly string[];
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
  /** Failed authentications per address per minute before 429: token guessing is throttled too. */
  readonly authFailuresPerMinute: number;
  /** Live feeds (server-sent events) one caller may hold open at once. */
  readonly feedConnectionsPerCaller: number;
  /** JSON log level (pino) on stdout; `silent` turns logs off. */
  readonly logLevel: LogLevel;
  /** On SIGTERM/SIGINT: how long in-flight requests may take to finish before their connections are cut. */
  readonly shutdownTimeoutMs: number;
  /**
   * How long an Idempotency-Key (a command id) answers its retries with the
   * first outcome: appended, unchanged or a business refusal. Default 24.
   */
  readonly idempotencyWindowHours: number;
}

export const APP_CONFIG = Symbol('AppConfig');

const authSettings = (read: SettingsReader): AppConfig['auth'] => ({
  secret: read.optionalText('AUTH_JWT_SECRET'),
  publicKeyPem: read.optionalText('AUTH_JWT_PUBLIC_KEY')?.replace(/\\n/g, '\n'),
  jwksUrl: read.optionalText('AUTH_JWKS_URL'),
  issuer: read.text('AUTH_ISSUER', 'agent-presence'),
  audience: read.text('AUTH_AUDIENCE', 'agent-presence'),
  clockToleranceSeconds: read.integer('AUTH_CLOCK_SKEW_SECONDS', 30, 0, 300),
});

const checkCombinations = (config: AppConfig, read: SettingsReader): void => {
  if (config.auth.secret !== undefined && config.auth.secret.length < 32) read.problem('AUTH_JWT_SECRET must be at least 32 characters');
  if ([config.auth.secret, config.auth.publicKeyPem, config.auth.jwksUrl].filter(Boolean).length > 1) {
    read.problem('set only one of AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY, AUTH_JWKS_URL');
  }
  if (config.messageBus === 'kafka' && config.kafkaBrokers.length === 0) {
    read.problem('MESSAGE_BUS=kafka needs KAFKA_BROKERS (for example 127.0.0.1:9092)');
  }
  if (config.eventStore === 'eventstoredb' && !config.eventStoreConnectionString) {
    read.problem('EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING (for example esdb://127.0.0.1:2113?tls=false)');
  }
};

/** Reads every shared setting at once and reports every bad one, not just the first. */
export const appConfigFrom = (env: Env): AppConfig => {
  const read = new SettingsReader(env);
  const dataDir = resolve(read.text('DATA_DIR', './data'));
  const config: AppConfig = {
    port: read.integer('PORT', 3000, 0, 65535),
    host: read.text('HOST', '0.0.0.0'),
    dataDir,
    eventStore: read.oneOf('EVENT_STORE', ['sqlite', 'eventstoredb'] as const, 'sqlite'),
    eventStoreConnectionString: read.optionalText('EVENTSTORE_CONNECTION_STRING'),
    sqliteSynchronous: read.oneOf('SQLITE_SYNCHRONOUS', ['FULL', 'NORMAL'] as const, 'FULL'),
    sqlitePath: resolve(read.text('SQLITE_PATH', join(dataDir, 'events.sqlite'))),
    bodyLimitBytes: read.integer('BODY_LIMIT_BYTES', 16 * 1024, 256, 1024 * 1024),
    messageBus: read.oneOf('MESSAGE_BUS', ['in-process', 'kafka'] as const, 'in-process'),
    kafkaBrokers: read.list('KAFKA_BROKERS'),
    auth: authSettings(read),
    rateLimitPerMinute: read.integer('RATE_LIMIT_PER_MINUTE', 3000, 1, 100_000_000),
    authFailuresPerMinute: read.integer('AUTH_FAILURES_PER_MINUTE', 60, 1, 100_000_000),
    feedConnectionsPerCaller: read.integer('FEED_CONNECTIONS_PER_CALLER', 5, 1, 1000),
    logLevel: read.oneOf('LOG_LEVEL', ['silent', 'error', 'warn', 'info', 'debug'] as const, 'info'),
    shutdownTimeoutMs: read.integer('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    idempotencyWindowHours: read.integer('IDEMPOTENCY_WINDOW_HOURS', 24, 1, 24 * 366),
  };
  checkCombinations(config, read);
  return read.done(config);
};
