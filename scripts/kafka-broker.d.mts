// Types for scripts/kafka-broker.mjs (plain JS so it runs without a build step).
export declare const KAFKA_VERSION: string;

export interface KafkaBrokerOptions {
  /** Kafka version to fetch from Maven Central and run; defaults to KAFKA_VERSION. */
  version?: string;
  /** Client port; a free loopback port when omitted. */
  port?: number;
  /** JVM -Xmx, default 512m. */
  heap?: string;
  /** num.partitions for auto-created topics, default 3. */
  partitions?: number;
  readyTimeoutMs?: number;
  /** Progress messages (not broker logs, which go to logFile). */
  log?: (line: string) => void;
}

export interface KafkaBroker {
  /** host:port for kafkajs `brokers` / KAFKA_BROKERS. */
  readonly brokers: string;
  readonly logFile: string;
  /** The JVM's pid while it runs. */
  readonly pid: number | undefined;
  /** Clean shutdown, then the data dir is removed. */
  stop(): Promise<void>;
  /** SIGKILL; data stays for restart(). */
  kill(): Promise<void>;
  /** Starts again on the same ports and data dir. */
  restart(): Promise<void>;
}

export declare function startKafkaBroker(options?: KafkaBrokerOptions): Promise<KafkaBroker>;
export declare function resolveBrokerJars(version?: string, log?: (line: string) => void): Promise<string>;
