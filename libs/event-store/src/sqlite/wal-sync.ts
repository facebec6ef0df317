import { close as closeFile, fdatasync, open } from 'node:fs';

/** Makes everything written to the file at `fd` so far durable. */
export type SyncFile = (fd: number) => Promise<void>;

const fdatasyncFile: SyncFile = (fd) => new Promise((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve())));

const openForSync = (path: string): Promise<number> =>
  new Promise((resolve, reject) => open(path, 'r', (error, fd) => (error ? reject(error) : resolve(fd))));

const ignore = () => undefined;

/**
 * fsyncs a SQLite WAL file off the event loop (libuv's thread pool), one
 * sync at a time. A flush asked for while a sync runs cannot count on it
 * (its frames may have been written after the sync began), so it joins the
 * one queued behind: however many commits come while the disk is busy, they
 * share the next sync. This is the group commit's fsync, moved off the
 * thread that parses requests.
 */
export class WalSync {
  private fd: Promise<number> | undefined;
  private inFlight: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(private readonly walPath: string, private readonly syncFile: SyncFile = fdatasyncFile) {}

  /** Resolves once everything written to the WAL before this call is on disk. */
  flush(): Promise<void> {
    if (this.queued) return this.queued;
    if (!this.inFlight) return this.begin();
    this.queued = this.inFlight.then(ignore, ignore).then(() => {
      this.queued = undefined;
      return this.begin();
    });
    return this.queued;
  }

  /** Waits for the syncs asked for so far, then closes the file. */
  async close(): Promise<void> {
    await Promise.all([this.inFlight, this.queued].map((sync) => sync?.catch(ignore)));
    const fd = await this.fd?.catch(() => undefined);
    this.fd = undefined;
    if (fd !== undefined) await new Promise<void>((resolve) => closeFile(fd, () => resolve()));
  }

  private begin(): Promise<void> {
    const sync = this.syncOnce();
    this.inFlight = sync;
    const settle = () => {
      if (this.inFlight === sync) this.inFlight = undefined;
    };
    sync.then(settle, settle);
    return sync;
  }

  private async syncOnce(): Promise<void> {
    // Opened on first use: SQLite creates the WAL with the connection's first write.
    this.fd ??= openForSync(this.walPath);
    let fd: number;
    try {
      fd = await this.fd;
    } catch (error) {
      this.fd = undefined;
      throw error;
    }
    await this.syncFile(fd);
  }
}
