/** One row of the benchmark table: a measured figure next to its raw baseline from the same run. */
export interface Baseline {
  /** What the baseline measures, e.g. "raw SQLite append". */
  readonly name: string;
  /** Median of `runs`, in the figure's unit. */
  readonly value: number;
  readonly runs: readonly number[];
}

export interface Target {
  /** As the issue states it, e.g. ">= 100k/s". */
  readonly text: string;
  readonly met: boolean;
}

export interface Figure {
  readonly benchmark: string;
  /** Median of `runs`. */
  readonly value: number;
  readonly unit: string;
  readonly runs: readonly number[];
  readonly baseline?: Baseline;
  /** value / baseline.value. */
  readonly ratio?: number;
  readonly target?: Target;
  /** Anything a reader needs to interpret the row (sizes, concurrency, extra percentiles). */
  readonly details?: Readonly<Record<string, unknown>>;
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** The q-quantile (0..1) by nearest rank. */
export const quantile = (sorted: Float64Array | readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

export interface FigureInput {
  readonly benchmark: string;
  readonly unit: string;
  readonly runs: readonly number[];
  readonly baseline?: { readonly name: string; readonly runs: readonly number[] };
  /** Given the figure's median and the ratio, whether the target is met. */
  readonly target?: { readonly text: string; readonly isMet: (value: number, ratio: number | undefined) => boolean };
  readonly details?: Readonly<Record<string, unknown>>;
}

export const figure = ({ benchmark, unit, runs, baseline, target, details }: FigureInput): Figure => {
  const value = median(runs);
  const base = baseline && { name: baseline.name, value: median(baseline.runs), runs: baseline.runs };
  const ratio = base && base.value !== 0 ? value / base.value : undefined;
  return {
    benchmark, value, unit, runs, baseline: base, ratio,
    target: target && { text: target.text, met: target.isMet(value, ratio) },
    details,
  };
};
