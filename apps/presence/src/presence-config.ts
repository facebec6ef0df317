import { DEFAULT_AVAILABILITY_TOPIC } from '@app/contracts';
import { SettingsReader, type Env } from '@app/platform';

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
}

export const PRESENCE_CONFIG = Symbol('PresenceConfig');

export const presenceConfigFrom = (env: Env): PresenceConfig => {
  const read = new SettingsReader(env);
  return read.done({
    readYourWritesTimeoutMs: read.integer('READ_YOUR_WRITES_TIMEOUT_MS', 2000, 0, 60_000),
    availabilityTopic: read.text('AVAILABILITY_TOPIC', DEFAULT_AVAILABILITY_TOPIC),
    relayEnabled: read.flag('RELAY_ENABLED', true),
    readyMaxProjectionLagMs: read.integer('READY_MAX_PROJECTION_LAG_MS', 5000, 0, 3_600_000),
    floorSnapshotEvery: read.integer('FLOOR_SNAPSHOT_EVERY', 50_000, 100, 10_000_000),
    floorReplayMaxSkewMs: read.integer('FLOOR_REPLAY_MAX_SKEW_MS', 5 * 60_000, 0, 24 * 3600_000),
  });
};
