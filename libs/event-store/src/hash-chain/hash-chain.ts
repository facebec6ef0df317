import { createHash } from 'node:crypto';
import type { JsonObject, NewEvent, RecordedEvent } from '../event-store.port.js';
import { canonicalJson } from './canonical-json.js';

/**
 * Tamper-evident streams: each event's metadata carries `chain`, the SHA-256
 * (hex) of the previous event's chain value followed by the canonical JSON
 * of this event's type, data and metadata (without `chain` itself). Editing,
 * removing or reordering any chained event changes every chain value from
 * there on, so a verifier that recomputes them finds the first break.
 */
export const CHAIN_METADATA_KEY = 'chain';

/** What the first chained event of a stream links to. Fixed length, so "previous + content" cannot be split two ways. */
export const CHAIN_GENESIS = '0'.repeat(64);

export interface ChainableEvent {
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

const withoutChain = (metadata: JsonObject): JsonObject => {
  if (!(CHAIN_METADATA_KEY in metadata)) return metadata;
  const { [CHAIN_METADATA_KEY]: _chain, ...rest } = metadata;
  return rest;
};

/** The chain value of `event` when the stream's chain stood at `previous` before it. */
export const chainValue = (previous: string, event: ChainableEvent): string =>
  createHash('sha256')
    .update(previous, 'utf8')
    .update(canonicalJson({ type: event.type, data: event.data, metadata: withoutChain(event.metadata) }), 'utf8')
    .digest('hex');

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * The chain value an event carries: undefined when it has none (written
 * before chaining began), null when the field is there but is no SHA-256.
 */
export const recordedChainValue = (metadata: JsonObject): string | null | undefined => {
  if (!(CHAIN_METADATA_KEY in metadata)) return undefined;
  const value = metadata[CHAIN_METADATA_KEY];
  return typeof value === 'string' && SHA256_HEX.test(value) ? value : null;
};

/**
 * The value the next appended event links to: the chain value of the
 * stream's last stored event, or the genesis when the stream is new or its
 * last event predates chaining (the chain then starts with the next event).
 */
export const chainHeadAfter = (last: Pick<RecordedEvent, 'metadata'> | undefined): string =>
  (last && recordedChainValue(last.metadata)) || CHAIN_GENESIS;

/** The events, in order, each with its chain value in its metadata, continuing from `head`. */
export const linkToChain = (head: string, events: readonly NewEvent[]): NewEvent[] => {
  let previous = head;
  return events.map((event) => {
    const metadata = withoutChain(event.metadata);
    previous = chainValue(previous, { type: event.type, data: event.data, metadata });
    return { ...event, metadata: { ...metadata, [CHAIN_METADATA_KEY]: previous } };
  });
};
