import { writeFileSync } from 'node:fs';
import type { Figure } from './figure.js';

/**
 * Each benchmark group runs as its own process (fresh heap, its own JIT
 * warm-up) and hands its figures back to run-all.ts as a JSON file whose
 * path is the first argument. Progress goes to stderr.
 */
export const runGroup = async (name: string, measure: () => Promise<Figure[]>): Promise<void> => {
  const out = process.argv[2];
  const started = performance.now();
  try {
    const figures = await measure();
    if (out) writeFileSync(out, JSON.stringify(figures));
    else process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
    process.stderr.write(`[${name}] done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    process.exit(0);
  } catch (error) {
    process.stderr.write(`[${name}] failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  }
};

export const progress = (name: string, text: string): void => {
  process.stderr.write(`[${name}] ${text}\n`);
};
