import type { RecordedEvent } from '../event-store.port.js';
import { CHAIN_GENESIS, chainValue, recordedChainValue } from './hash-chain.js';

export type ChainVerdict =
  | {
      readonly ok: true;
      /** Events checked in the stream. */
      readonly events: number;
      /** Chain value of the last event, or null when no event is chained yet. */
      readonly head: string | null;
      /** Leading events written before chaining began: accepted, but not covered by the chain. */
      readonly unchained: number;
    }
  | {
      readonly ok: false;
      /** Revision of the first event that does not fit the chain. */
      readonly brokenAt: number;
      readonly reason: string;
    };

export type ChainBreak = Extract<ChainVerdict, { ok: false }>;

export type VerifiableEvent = Pick<RecordedEvent, 'revision' | 'type' | 'data' | 'metadata'>;

/**
 * Checks one stream's events, fed in revision order one at a time, so a
 * stream of any length is verified in constant memory. Revisions must run
 * 0, 1, 2, ... without gaps (a deleted event leaves one). Events before the
 * first chained one are accepted (they were written before chaining began);
 * from the first chained event on every event must carry the value
 * recomputed from its predecessor.
 */
export class ChainVerifier {
  private nextRevision = 0;
  private head: string | undefined;
  private unchained = 0;
  private broken: ChainBreak | undefined;

  /** Feeds the next event; returns the break once found (later events are then ignored). */
  accept(event: VerifiableEvent): ChainBreak | undefined {
    if (this.broken) return this.broken;
    this.broken = this.check(event);
    if (!this.broken) this.nextRevision += 1;
    return this.broken;
  }

  /** Marks the stream broken at the next revision, for an event that could not even be read. */
  unreadable(reason: string): ChainBreak {
    this.broken ??= { ok: false, brokenAt: this.nextRevision, reason };
    return this.broken;
  }

  verdict(): ChainVerdict {
    return this.broken ?? { ok: true, events: this.nextRevision, head: this.head ?? null, unchained: this.unchained };
  }

  private check(event: VerifiableEvent): ChainBreak | undefined {
    const at = this.nextRevision;
    if (event.revision > at) return { ok: false, brokenAt: at, reason: `revision ${at} is missing (the next stored is ${event.revision})` };
    if (event.revision < at) return { ok: false, brokenAt: at, reason: `revision ${event.revision} appears again where ${at} belongs` };
    const recorded = recordedChainValue(event.metadata);
    if (recorded === undefined) {
      if (this.head !== undefined) return { ok: false, brokenAt: at, reason: 'the chain value is missing after chaining began' };
      this.unchained += 1;
      return undefined;
    }
    if (recorded === null) return { ok: false, brokenAt: at, reason: 'the chain value is not a SHA-256' };
    const expected = chainValue(this.head ?? CHAIN_GENESIS, event);
    if (recorded !== expected) {
      return { ok: false, brokenAt: at, reason: 'the chain value does not match: this event or the one before it was changed, removed or moved' };
    }
    this.head = recorded;
    return undefined;
  }
}

/** Verifies a whole stream held in memory. */
export const verifyChain = (events: Iterable<VerifiableEvent>): ChainVerdict => {
  const verifier = new ChainVerifier();
  for (const event of events) if (verifier.accept(event)) break;
  return verifier.verdict();
};
