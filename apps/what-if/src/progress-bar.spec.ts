import { describe, expect, it } from '@jest/globals';
import { ProgressBar } from './progress-bar.js';

const terminal = (isTTY: boolean) => {
  const written: string[] = [];
  return { output: { isTTY, write: (text: string) => written.push(text) }, written };
};

describe('the progress bar', () => {
  it('draws on a terminal for a long range, redrawing only when the percent changes, and clears itself', () => {
    const { output, written } = terminal(true);
    const bar = ProgressBar.for(output, true);
    bar.update('reading the log', 0.5);
    bar.update('reading the log', 0.504);
    bar.update('reading the log', 1);
    bar.clear();
    expect(written).toHaveLength(3);
    expect(written[0]).toBe(`\r${'#'.repeat(15)}${'.'.repeat(15)}  50 % reading the log\u001b[K`);
    expect(written[1]).toContain(' 100 % reading the log');
    expect(written[2]).toBe('\r\u001b[K');
  });

  it('starts each phase from 0 again', () => {
    const { output, written } = terminal(true);
    const bar = ProgressBar.for(output, true);
    bar.update('simulating least-loaded', 1);
    bar.next();
    bar.update('simulating round-robin', 1);
    expect(written).toHaveLength(2);
  });

  it('writes nothing when stderr is not a terminal, or the range is short', () => {
    const piped = terminal(false);
    ProgressBar.for(piped.output, true).update('reading the log', 0.5);
    const short = terminal(true);
    ProgressBar.for(short.output, false).update('reading the log', 0.5);
    expect([...piped.written, ...short.written]).toEqual([]);
  });
});
