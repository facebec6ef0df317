import { UnreadableStoredEventError } from '../errors.js';
import type { EventStore, RecordedEvent } from '../event-store.port.js';
import { formatPosition, type GlobalPosition } from '../global-position.js';
import { ChainVerifier, type ChainVerdict } from './chain-verifier.js';

export interface StreamChainVerdict {
  readonly streamId: string;
  readonly verdict: ChainVerdict;
}

/** A stored event whose text no longer parses, found while reading the whole log from a store that cannot say where it is. */
export class UnreadableLogEventError extends Error {
  readonly code = 'UNREADABLE_LOG_EVENT';
  constructor(readonly after: GlobalPosition | undefined, readonly detail: string) {
    super(`the event after position ${after ? formatPosition(after) : 'start'} cannot be read: ${detail}`);
  }
}

const PAGE = 1000;

/**
 * A stored event whose JSON was damaged (the SQLite adapter says which; a
 * bare SyntaxError from another adapter does not); any other failure
 * (store down, stream missing) is not a verdict and propagates.
 */
const isUnparseable = (error: unknown): error is Error =>
  error instanceof UnreadableStoredEventError || (error instanceof Error && error.name === 'SyntaxError');

/**
 * Reads one stream page by page and checks its chain. An event that cannot
 * even be parsed is reported at its revision: the page that holds it is
 * read again one event at a time. Throws StreamNotFoundError for a stream
 * with no events.
 */
export const verifyStreamChain = async (store: EventStore, streamId: string, pageSize = PAGE): Promise<ChainVerdict> => {
  const verifier = new ChainVerifier();
  let fromRevision = 0;
  let size = pageSize;
  for (;;) {
    let page: RecordedEvent[];
    try {
      page = await store.readStream(streamId, { fromRevision, maxCount: size });
    } catch (error) {
      if (!isUnparseable(error)) throw error;
      if (size === 1) return verifier.unreadable(unreadableReason(error));
      size = 1;
      continue;
    }
    for (const event of page) if (verifier.accept(event)) return verifier.verdict();
    if (page.length < size) return verifier.verdict();
    fromRevision = page[page.length - 1].revision + 1;
  }
};

const unreadableReason = (error: Error): string =>
  `the stored event cannot be read: ${error instanceof UnreadableStoredEventError ? error.detail : error.message}`;

/** The verifier of `streamId`, made on first use. */
const verifierOf = (verifiers: Map<string, ChainVerifier>, streamId: string): ChainVerifier => {
  let verifier = verifiers.get(streamId);
  if (!verifier) verifiers.set(streamId, (verifier = new ChainVerifier()));
  return verifier;
};

/**
 * Checks every stream whose id starts with `streamPrefix`, in one pass over
 * the log in global order (within a stream, global order is revision order).
 * A stored event that no longer parses breaks its stream at its revision,
 * and the pass reads on after it: the page that holds it is read again one
 * event at a time. Verdicts come sorted by stream id.
 */
export const verifyStreamChains = async (store: EventStore, streamPrefix: string, pageSize = PAGE): Promise<StreamChainVerdict[]> => {
  const verifiers = new Map<string, ChainVerifier>();
  let after: GlobalPosition | undefined;
  /** Events still to read one at a time, after a page that held a damaged one. */
  let oneByOne = 0;
  for (;;) {
    const size = oneByOne > 0 ? 1 : pageSize;
    let page: RecordedEvent[];
    try {
      page = await store.readAll({ after, maxCount: size, streamPrefixes: [streamPrefix] });
    } catch (error) {
      if (!isUnparseable(error)) throw error;
      if (!(error instanceof UnreadableStoredEventError)) throw new UnreadableLogEventError(after, error.message);
      if (size > 1) oneByOne = pageSize;
      else {
        verifierOf(verifiers, error.streamId).unreadable(unreadableReason(error));
        after = error.position;
        oneByOne -= 1;
      }
      continue;
    }
    for (const event of page) verifierOf(verifiers, event.streamId).accept(event);
    if (page.length < size) break;
    after = page[page.length - 1].position;
    oneByOne = Math.max(0, oneByOne - 1);
  }
  return [...verifiers.keys()].sort().map((streamId) => ({ streamId, verdict: verifiers.get(streamId)!.verdict() }));
};
