/** Stops the broker jest-global-setup.ts started (none when KAFKA_BROKERS was given). */
export default async function globalTeardown(): Promise<void> {
  const broker = globalThis.__SHARED_KAFKA_BROKER__;
  if (!broker) return;
  globalThis.__SHARED_KAFKA_BROKER__ = undefined;
  delete process.env.KAFKA_BROKERS;
  await broker.stop();
}
