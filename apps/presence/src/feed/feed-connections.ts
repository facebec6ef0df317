import { HttpException } from '@nestjs/common';

/** Too many live feeds open for one caller: 429, so one client cannot hold the server's subscriptions. */
export class TooManyFeedsError extends HttpException {
  constructor(limit: number) {
    super(`at most ${limit} live floor feeds per caller`, 429);
  }
}

/** Counts open feeds per caller. */
export class FeedConnections {
  private readonly open_ = new Map<string, number>();

  constructor(private readonly limitPerCaller: number) {}

  /** Registers a connection; returns its release. Throws when the caller is at the limit. */
  open(callerId: string): () => void {
    const count = this.open_.get(callerId) ?? 0;
    if (count >= this.limitPerCaller) throw new TooManyFeedsError(this.limitPerCaller);
    this.open_.set(callerId, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open_.get(callerId) ?? 1) - 1;
      if (left === 0) this.open_.delete(callerId); else this.open_.set(callerId, left);
    };
  }
}
