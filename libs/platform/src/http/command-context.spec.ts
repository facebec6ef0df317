import type { Request } from 'express';
import { commandMetadata } from './command-context.js';

const requestWith = (headers: Record<string, string>): Request => ({ headers } as unknown as Request);
const agent = { kind: 'agent', id: 'ada' } as const;

describe('command metadata from a request', () => {
  it('takes the Idempotency-Key as the command id, so a retry names the first run', () => {
    const metadata = commandMetadata(requestWith({ 'idempotency-key': 'k-1' }), agent);
    expect(metadata.commandId).toBe('k-1');
    expect(metadata.freshCommandId).toBeUndefined();
  });

  it('makes a fresh command id without one, marked so that nothing is kept for it', () => {
    const first = commandMetadata(requestWith({}), agent);
    const second = commandMetadata(requestWith({}), agent);
    expect(first.freshCommandId).toBe(true);
    expect(first.commandId).not.toBe(second.commandId);
  });
});
