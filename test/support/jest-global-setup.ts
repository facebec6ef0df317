import { startKafkaBroker, type KafkaBroker } from '../../scripts/kafka-broker.mjs';

declare global {
  // Shared with jest-global-teardown.ts, which runs in this same process.
  var __SHARED_KAFKA_BROKER__: KafkaBroker | undefined;
}

/**
 * One Kafka broker for the whole e2e run, unless KAFKA_BROKERS already points
 * at one. Workers start after this and inherit KAFKA_BROKERS. Tests that kill
 * or restart a broker start their own with startKafkaBroker().
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.KAFKA_BROKERS) return;
  const broker = await startKafkaBroker({ log: (line) => process.stderr.write(`[kafka-broker] ${line}\n`) });
  globalThis.__SHARED_KAFKA_BROKER__ = broker;
  process.env.KAFKA_BROKERS = broker.brokers;
}
