import { describe, expect, it } from '@jest/globals';
import {
  InvalidConnectionSignalError, connectionSignalText, parseConnectionSignalMessage, type ConnectionSignalMessage,
} from './connection-signal-message.js';

const opened: ConnectionSignalMessage = {
  schemaVersion: 1, kind: 'session-opened', agentId: 'a1', instanceId: 'presence-1', sessionId: 's1', at: '2026-11-25T09:00:00.000Z',
};
const heartbeat = { schemaVersion: 1, kind: 'heartbeat', agentId: 'a1', instanceId: 'presence-2', at: '2026-11-25T09:00:05.000Z' };

describe('connection signals between presence processes', () => {
  it('round-trips a session signal through its text', () => {
    const { schemaVersion: _v, ...signal } = opened;
    expect(parseConnectionSignalMessage(connectionSignalText(signal))).toEqual(opened);
  });

  it('reads a heartbeat, which names no session', () =>
    expect(parseConnectionSignalMessage(JSON.stringify(heartbeat))).toEqual(heartbeat));

  it('skips a kind a newer process sends that this reader does not know', () =>
    expect(parseConnectionSignalMessage(JSON.stringify({ ...heartbeat, kind: 'device-sleeping' }))).toBeUndefined());

  it('ignores fields it does not know', () =>
    expect(parseConnectionSignalMessage(JSON.stringify({ ...opened, userAgent: 'console/2' }))?.agentId).toBe('a1'));

  it.each([
    ['not JSON', '{"kind":'],
    ['an array', '[]'],
    ['another schema version', JSON.stringify({ ...opened, schemaVersion: 2 })],
    ['no kind', JSON.stringify({ ...opened, kind: undefined })],
    ['a session signal without its session', JSON.stringify({ ...opened, sessionId: undefined })],
    ['no agent', JSON.stringify({ ...heartbeat, agentId: '' })],
    ['no instance', JSON.stringify({ ...heartbeat, instanceId: undefined })],
    ['a time that is not one', JSON.stringify({ ...heartbeat, at: 'soon' })],
  ])('refuses %s', (_name, text) => expect(() => parseConnectionSignalMessage(text)).toThrow(InvalidConnectionSignalError));

  it('refuses an empty value', () => expect(() => parseConnectionSignalMessage(undefined)).toThrow(InvalidConnectionSignalError));
});
