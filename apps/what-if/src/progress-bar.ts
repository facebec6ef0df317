/** Where the bar is drawn: a terminal's stderr. */
export interface ProgressOutput {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

const WIDTH = 30;

/**
 * A one-line bar on stderr for long ranges, redrawn in place; nothing when
 * stderr is not a terminal (piped, CI), so logs stay clean.
 */
export class ProgressBar {
  private shown = -1;

  constructor(private readonly output: ProgressOutput, private readonly enabled: boolean) {}

  static for(output: ProgressOutput, longRange: boolean): ProgressBar {
    return new ProgressBar(output, longRange && output.isTTY === true);
  }

  /** Draws `label` at `done` (0..1); redraws only when the whole percent changes. */
  update(label: string, done: number): void {
    if (!this.enabled) return;
    const percent = Math.floor(Math.min(1, Math.max(0, done)) * 100);
    if (percent === this.shown) return;
    this.shown = percent;
    const filled = Math.round((percent / 100) * WIDTH);
    this.output.write(`\r${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)} ${String(percent).padStart(3)} % ${label}\u001b[K`);
  }

  /** Starts the next phase from 0. */
  next(): void {
    this.shown = -1;
  }

  clear(): void {
    if (this.enabled) this.output.write('\r\u001b[K');
  }
}
