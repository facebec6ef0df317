import { HttpException } from '@nestjs/common';

/** Too many live feeds open for one caller: 429, so one client cannot hold the server's subscriptions. */
export class TooManyFeedsError extends HttpException {
  constructor(limit: number) {
    super(`at most ${limit} live floor feeds per caller`, 429);
  }
}

/** Counts open feeds per caller. */
export class FeedConnections {
  private readonly openByCaller = new Map<string, number>();

  constructor(private readonly limitPerCaller: number) {}

  /** Registers a connection; returns its release. Throws when the caller is at the limit. */
  open(callerId: string): () => void {
    const count = this.openByCaller.get(callerId) ?? 0;
    if (count >= this.limitPerCaller) throw new TooManyFeedsError(this.limitPerCaller);
    this.openByCaller.set(callerId, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.openByCaller.get(callerId) ?? 1) - 1;
      if (left === 0) this.openByCaller.delete(callerId); else this.openByCaller.set(callerId, left);
    };
  }
}
