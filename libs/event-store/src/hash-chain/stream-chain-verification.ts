import type { EventStore, RecordedEvent } from '../event-store.port.js';
import { formatPosition, type GlobalPosition } from '../global-position.js';
import { ChainVerifier, type ChainVerdict } from './chain-verifier.js';

export interface StreamChainVerdict {
  readonly streamId: string;
  readonly verdict: ChainVerdict;
}

/** A stored event whose text no longer parses, found while reading the whole log: its stream cannot be told. */
export class UnreadableLogEventError extends Error {
  readonly code = 'UNREADABLE_LOG_EVENT';
  constructor(readonly after: GlobalPosition | undefined, readonly detail: string) {
    super(`the event after position ${after ? formatPosition(after) : 'start'} cannot be read: ${detail}`);
  }
}

const PAGE = 1000;

/** A row whose stored JSON was damaged; any other failure (store down, stream missing) is not a verdict and propagates. */
const isUnparseable = (error: unknown): error is Error => error instanceof Error && error.name === 'SyntaxError';

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
      if (size === 1) return verifier.unreadable(`the stored event cannot be read: ${error.message}`);
      size = 1;
      continue;
    }
    for (const event of page) if (verifier.accept(event)) return verifier.verdict();
    if (page.length < size) return verifier.verdict();
    fromRevision = page[page.length - 1].revision + 1;
  }
};

/**
 * Checks every stream whose id starts with `streamPrefix`, in one pass over
 * the log in global order (within a stream, global order is revision order).
 * Verdicts come sorted by stream id.
 */
export const verifyStreamChains = async (store: EventStore, streamPrefix: string, pageSize = PAGE): Promise<StreamChainVerdict[]> => {
  const verifiers = new Map<string, ChainVerifier>();
  let after: GlobalPosition | undefined;
  for (;;) {
    let page: RecordedEvent[];
    try {
      page = await store.readAll({ after, maxCount: pageSize, streamPrefixes: [streamPrefix] });
    } catch (error) {
      if (isUnparseable(error)) throw new UnreadableLogEventError(after, error.message);
      throw error;
    }
    for (const event of page) {
      let verifier = verifiers.get(event.streamId);
      if (!verifier) verifiers.set(event.streamId, (verifier = new ChainVerifier()));
      verifier.accept(event);
    }
    if (page.length < pageSize) break;
    after = page[page.length - 1].position;
  }
  return [...verifiers.keys()].sort().map((streamId) => ({ streamId, verdict: verifiers.get(streamId)!.verdict() }));
};
