import type { CausedEvent, Decider, IdentifiedCommand } from '@app/kernel';
import { StreamNotFoundError } from '../errors.js';
import type { EventStore, RecordedEvent } from '../event-store.port.js';
import { CHAIN_GENESIS, chainHeadAfter } from '../hash-chain/hash-chain.js';
import { parseState, writeState } from '../state-json.js';
import { isSoundSnapshot, sealSnapshot } from './snapshot-seal.js';
import type { StreamHead } from './stream-head.js';
import type { SnapshotStore } from './stream-snapshot.port.js';
import type { StreamStateCache } from './stream-state-cache.js';

/** Events per read while folding a stream: a 100k-event stream is never held in memory at once. */
const PAGE = 4096;

export const DEFAULT_SNAPSHOT_EVERY = 100;

export interface LoadedHead<State> {
  /** Undefined: the stream has no events. */
  readonly head: StreamHead<State> | undefined;
  /** False when taken from the cache unread: another process may have appended since. */
  readonly fresh: boolean;
}

export interface StreamStateLoaderOptions<State> {
  readonly cache: StreamStateCache<State>;
  readonly snapshots?: SnapshotStore;
  /** Take a snapshot once a stream has this many events past its newest one. */
  readonly snapshotEvery?: number;
}

/**
 * A stream's current state at a cost that does not grow with its length:
 * from the cache, else from the newest sound snapshot plus the events after
 * it, else (no snapshot, or one that fails its checks) from the first event.
 */
export class StreamStateLoader<Command extends IdentifiedCommand, State, Event extends CausedEvent> {
  private readonly snapshotEvery: number;

  constructor(
    private readonly store: EventStore,
    private readonly decider: Decider<Command, State, Event>,
    private readonly options: StreamStateLoaderOptions<State>,
  ) {
    this.snapshotEvery = options.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY;
  }

  async load(streamId: string): Promise<LoadedHead<State>> {
    const cached = this.options.cache.get(streamId);
    if (cached) return { head: cached, fresh: false };
    const head = (await this.fromSnapshot(streamId)) ?? (await this.fold(streamId, undefined, 0));
    return { head: await this.settle(streamId, head), fresh: true };
  }

  /** The head with every event appended after it folded in (read forward from its revision). */
  async refresh(streamId: string, known: StreamHead<State> | undefined): Promise<StreamHead<State> | undefined> {
    const head = await this.fold(streamId, known, known === undefined ? 0 : known.revision + 1);
    return this.settle(streamId, head);
  }

  /** After this runner's own append: the head moves on by the events it decided, without reading them back. */
  async advance(
    streamId: string, from: StreamHead<State> | undefined, next: Omit<StreamHead<State>, 'state' | 'snapshotRevision'>, events: readonly Event[],
  ): Promise<StreamHead<State>> {
    const state = events.reduce(this.decider.evolve, from?.state ?? this.decider.initialState());
    return (await this.settle(streamId, { ...next, state, snapshotRevision: from?.snapshotRevision })) as StreamHead<State>;
  }

  forget(streamId: string): void {
    this.options.cache.forget(streamId);
  }

  /** Caches the head and takes a snapshot when one is due. */
  private async settle(streamId: string, head: StreamHead<State> | undefined): Promise<StreamHead<State> | undefined> {
    if (head === undefined) return undefined;
    const settled = await this.snapshotIfDue(streamId, head);
    this.options.cache.offer(streamId, settled);
    return settled;
  }

  private async snapshotIfDue(streamId: string, head: StreamHead<State>): Promise<StreamHead<State>> {
    const { snapshots } = this.options;
    const version = this.decider.snapshotVersion;
    if (!snapshots || version === undefined || head.revision - (head.snapshotRevision ?? -1) < this.snapshotEvery) return head;
    const snapshot = sealSnapshot({
      streamId, revision: head.revision, position: head.position, eventId: head.eventId, version, state: writeState(this.decider, head.state),
    });
    try {
      await snapshots.write(snapshot);
      return { ...head, snapshotRevision: head.revision };
    } catch {
      // Derived data: a snapshot that could not be written costs the next cold load some reading, nothing else.
      return head;
    }
  }

  private async fromSnapshot(streamId: string): Promise<StreamHead<State> | undefined> {
    const version = this.decider.snapshotVersion;
    if (!this.options.snapshots || version === undefined) return undefined;
    const snapshot = await this.options.snapshots.read(streamId).catch(() => undefined);
    if (!snapshot || !isSoundSnapshot(snapshot, streamId, version)) return undefined;
    let state: State;
    try {
      state = parseState(this.decider, snapshot.state);
    } catch {
      return undefined;
    }
    const { revision, position, eventId } = snapshot;
    // The chain head is taken from the snapshot's own event when fold reads it back.
    const head: StreamHead<State> = { state, revision, position, eventId, chainHead: CHAIN_GENESIS, snapshotRevision: revision };
    // Read from the snapshot's own event: it must still be there, with the same id, or the snapshot is of another stream's past.
    return this.fold(streamId, head, revision, { verifyFirst: true });
  }

  /**
   * Folds the stream's events from `fromRevision` on into `start`. With
   * `verifyFirst`, the first event read must be `start`'s own event; when it
   * is not, undefined is returned and the caller replays from the start.
   */
  private async fold(
    streamId: string, start: StreamHead<State> | undefined, fromRevision: number, { verifyFirst = false } = {},
  ): Promise<StreamHead<State> | undefined> {
    let head = start;
    let next = fromRevision;
    let verify = verifyFirst;
    for (;;) {
      const page = await this.readPage(streamId, next);
      if (page === undefined) return verify ? undefined : start;
      let events: readonly RecordedEvent[] = page;
      if (verify) {
        if (page[0]?.revision !== fromRevision || page[0].id !== start?.eventId) return undefined;
        head = { ...start, chainHead: chainHeadAfter(page[0]) };
        events = page.slice(1);
        verify = false;
      }
      for (const recorded of events) head = this.apply(head, recorded);
      if (page.length < PAGE) return head;
      next = page[page.length - 1].revision + 1;
    }
  }

  private apply(head: StreamHead<State> | undefined, recorded: RecordedEvent): StreamHead<State> {
    const event = this.decider.read(recorded);
    const state = head?.state ?? this.decider.initialState();
    return {
      // An event this decider does not own still moves the revision on.
      state: event ? this.decider.evolve(state, event) : state,
      revision: recorded.revision,
      position: recorded.position,
      eventId: recorded.id,
      chainHead: chainHeadAfter(recorded),
      snapshotRevision: head?.snapshotRevision,
    };
  }

  /** Undefined when the stream has no events at all. */
  private async readPage(streamId: string, fromRevision: number): Promise<RecordedEvent[] | undefined> {
    try {
      return await this.store.readStream(streamId, { fromRevision, maxCount: PAGE });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }
}
