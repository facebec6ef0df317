import type { GlobalPosition } from '../global-position.js';

/** What a runner knows of an existing stream: its state after the event at `revision`. */
export interface StreamHead<State> {
  readonly state: State;
  readonly revision: number;
  readonly position: GlobalPosition;
  /** Id of the event at `revision`, so a snapshot taken from this head can be checked against the stream. */
  readonly eventId: string;
  /**
   * The hash-chain value the next appended event links to (chainHeadAfter the
   * event at `revision`): kept with the state of the same revision and moved
   * on with every event folded or appended, so a cached or snapshot-loaded
   * head never links a new event to a stale chain value.
   */
  readonly chainHead: string;
  /** Revision of the newest snapshot this process knows of, if any. */
  readonly snapshotRevision: number | undefined;
}
