import { describe, expect, it } from '@jest/globals';
import { setterText } from './setter-text.js';

describe('who set a status, as the console says it', () => {
  it('names the agent, or "you" to the agent itself, with the reason', () => {
    expect(setterText({ kind: 'agent', id: 'ada', reason: 'coffee' })).toBe('by ada: coffee');
    expect(setterText({ kind: 'agent', id: 'ada', reason: null }, 'ada')).toBe('by you');
  });

  it('names the real actor of a supervisor, admin or service change, with code and reason', () => {
    expect(setterText({ kind: 'supervisor', id: 'sup-1', reason: 'sick leave', reasonCode: 'sick-leave' })).toBe('by supervisor sup-1: [sick-leave] sick leave');
    expect(setterText({ kind: 'admin', id: 'root', reason: 'covering' })).toBe('by admin root: covering');
  });

  it('says the system set it, with its reason code', () => {
    expect(setterText({ kind: 'system', reason: null, reasonCode: 'connection-lost' })).toBe('by the system: [connection-lost]');
  });
});
