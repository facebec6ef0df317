/** Operations per second of `operation` run `count` times back to back. */
export const perSecond = (operation: () => void, count: number): number => {
  const started = performance.now();
  for (let i = 0; i < count; i++) operation();
  return count / ((performance.now() - started) / 1000);
};

/** Each call timed alone (adds ~0.1 us of clock reads), in a separate pass from the throughput one; sorted, in microseconds. */
export const latenciesUs = (operation: () => void, count: number): Float64Array => {
  const samples = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    operation();
    samples[i] = Number(process.hrtime.bigint() - started) / 1000;
  }
  return samples.sort();
};
