import { DEFAULT_AVAILABILITY_TOPIC, DEFAULT_CONNECTION_SIGNAL_TOPIC } from '@app/contracts';
import { SettingsReader, type Env } from '@app/platform';
import type { SystemSetStatus } from '@app/presence-domain';

/** How presence follows agents' connections (issue 12). */
export interface ConnectionSettings {
  /** PRESENCE_TIMEOUT_SECONDS: how long an online agent may go without an open session or a heartbeat. */
  readonly timeoutMs: number;
  /** PRESENCE_TIMEOUT_STATUS: what the system sets such an agent to; `none` only tracks, never changes a status. */
  readonly timeoutStatus: SystemSetStatus | 'none';
  /** PRESENCE_STARTUP_GRACE_SECONDS: after this process starts, nobody is marked before this has passed (clients reconnect). */
  readonly startupGraceMs: number;
  /** PRESENCE_SIGNAL_ALLOWANCE_MS: how long a signal may take over the bus to reach the other presence processes. */
  readonly signalAllowanceMs: number;
  /** CONNECTION_SIGNAL_TOPIC: the bus topic every presence process shares its sessions and heartbeats on. */
  readonly signalTopic: string;
}

/** Presence's own settings; the port, the store, the bus and auth are the shared AppConfig. */
export interface PresenceConfig {
  /** How long a command waits for the read model to show its effect before answering anyway. */
  readonly readYourWritesTimeoutMs: number;
  readonly availabilityTopic: string;
  /** Whether this process relays availability events to the bus (one active relay per deployment). */
  readonly relayEnabled: boolean;
  /** /health/ready answers 503 while the projection or the relay is this far behind the store (age of the oldest unapplied event). */
  readonly readyMaxProjectionLagMs: number;
  /** The projection stores a floor snapshot after this many agent events; point-in-time floors start from one. */
  readonly floorSnapshotEvery: number;
  /**
   * How far out of order (by occurred-at) events may reach the log: writers'
   * clock skew plus command latency. A point-in-time replay stops at the first
   * event that occurred this long after the instant.
   */
  readonly floorReplayMaxSkewMs: number;
  readonly connections: ConnectionSettings;
}

export const PRESENCE_CONFIG = Symbol('PresenceConfig');

/** A client that heartbeats once per timeout must get a chance after a restart: the grace defaults to the timeout plus this. */
const GRACE_BEYOND_TIMEOUT_SECONDS = 30;

const connectionSettings = (read: SettingsReader): ConnectionSettings => {
  const timeoutSeconds = read.integer('PRESENCE_TIMEOUT_SECONDS', 60, 1, 86_400);
  return {
    timeoutMs: timeoutSeconds * 1000,
    timeoutStatus: read.oneOf('PRESENCE_TIMEOUT_STATUS', ['away', 'offline', 'none'] as const, 'away'),
    startupGraceMs: read.integer('PRESENCE_STARTUP_GRACE_SECONDS', timeoutSeconds + GRACE_BEYOND_TIMEOUT_SECONDS, 0, 86_400) * 1000,
    signalAllowanceMs: read.integer('PRESENCE_SIGNAL_ALLOWANCE_MS', 2000, 0, 60_000),
    signalTopic: read.text('CONNECTION_SIGNAL_TOPIC', DEFAULT_CONNECTION_SIGNAL_TOPIC),
  };
};

export const presenceConfigFrom = (env: Env): PresenceConfig => {
  const read = new SettingsReader(env);
  return read.done({
    readYourWritesTimeoutMs: read.integer('READ_YOUR_WRITES_TIMEOUT_MS', 2000, 0, 60_000),
    availabilityTopic: read.text('AVAILABILITY_TOPIC', DEFAULT_AVAILABILITY_TOPIC),
    relayEnabled: read.flag('RELAY_ENABLED', true),
    readyMaxProjectionLagMs: read.integer('READY_MAX_PROJECTION_LAG_MS', 5000, 0, 3_600_000),
    floorSnapshotEvery: read.integer('FLOOR_SNAPSHOT_EVERY', 50_000, 100, 10_000_000),
    floorReplayMaxSkewMs: read.integer('FLOOR_REPLAY_MAX_SKEW_MS', 5 * 60_000, 0, 24 * 3600_000),
    connections: connectionSettings(read),
  });
};
