/** BENCH_QUICK=1: one short run of everything, smaller sizes; for checking the harness, not for figures. */
export const QUICK = process.env.BENCH_QUICK === '1';

/** Median of this many runs per figure. */
export const RUNS = QUICK ? 1 : 3;
