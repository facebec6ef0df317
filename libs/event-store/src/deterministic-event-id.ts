import { createHash } from 'node:crypto';

/**
 * Fixed namespace for event ids derived from commands. Changing it changes
 * every derived id, so a retried command would no longer be recognised as
 * a duplicate of one sent before the change: never change it.
 */
const COMMAND_EVENT_NAMESPACE = '6f1d4c2a-8b3e-4f5a-9c7d-2e1b0a9f8d6c';

const uuidBytes = (uuid: string): Buffer => Buffer.from(uuid.replace(/-/g, ''), 'hex');

const formatUuid = (bytes: Buffer): string => {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

/** RFC 9562 UUID version 5: SHA-1 of namespace and name. */
export const uuidV5 = (namespace: string, name: string): string => {
  const digest = createHash('sha1').update(uuidBytes(namespace)).update(name, 'utf8').digest();
  const bytes = digest.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return formatUuid(bytes);
};

/**
 * The id of the `index`-th event a command appends to a stream. The same
 * command retried yields the same ids, so the store recognises the retry
 * and does not append twice. The inputs are JSON-encoded as a list so that
 * ("a-b", "c") and ("a", "b-c") cannot collide.
 */
export const deterministicEventId = (commandId: string, streamId: string, index: number): string =>
  uuidV5(COMMAND_EVENT_NAMESPACE, JSON.stringify([commandId, streamId, index]));
