/**
 * `workers` concurrent clients, each issuing its next operation as soon as
 * the previous one answered, until `durationMs` has passed or `maxOperations`
 * were issued. Every worker owns a disjoint set of agents, so workers never
 * race on a stream and each operation appends exactly one event.
 */
export interface ClosedLoopResult {
  readonly completed: number;
  readonly failed: number;
  readonly seconds: number;
  readonly perSecond: number;
  /** The first failure, to make a broken run obvious. */
  readonly firstError?: string;
}

export type Operation = (worker: number, iteration: number) => Promise<void>;

export const closedLoop = async (workers: number, durationMs: number, maxOperations: number, operation: Operation): Promise<ClosedLoopResult> => {
  let issued = 0;
  let completed = 0;
  let failed = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + durationMs;
  const worker = async (index: number) => {
    for (let iteration = 0; performance.now() < deadline && issued < maxOperations; iteration++) {
      issued++;
      try {
        await operation(index, iteration);
        completed++;
      } catch (error) {
        failed++;
        firstError ??= (error as Error).message ?? String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, index) => worker(index)));
  const seconds = (performance.now() - started) / 1000;
  return { completed, failed, seconds, perSecond: completed / seconds, firstError };
};

/** The agent a worker works on at an iteration: its own agents in turn. */
export const agentIndexFor = (workers: number, agentCount: number) => (worker: number, iteration: number): number =>
  worker + workers * (iteration % Math.floor(agentCount / workers));
