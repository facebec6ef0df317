import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type BenchBroker = Awaited<ReturnType<typeof import('../scripts/kafka-broker.mjs').startKafkaBroker>>;

/** A real Kafka broker for a group, loaded from the repository root at run time: the compiled bench does not sit next to scripts/. */
export const startBenchBroker = async (log: (line: string) => void): Promise<BenchBroker> => {
  const module = (await import(pathToFileURL(join(process.cwd(), 'scripts', 'kafka-broker.mjs')).href)) as typeof import('../scripts/kafka-broker.mjs');
  return module.startKafkaBroker({ log });
};
