import { deterministicEventId, uuidV5 } from './deterministic-event-id.js';

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DNS_NAMESPACE = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

describe('deterministicEventId', () => {
  it('computes the well-known UUID v5 of www.example.com in the DNS namespace', () => {
    expect(uuidV5(DNS_NAMESPACE, 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('gives a retried command the same event id', () => {
    expect(deterministicEventId('cmd-1', 'agent-a1', 0)).toBe(deterministicEventId('cmd-1', 'agent-a1', 0));
  });

  it('is a version 5, RFC variant UUID', () => {
    expect(deterministicEventId('cmd-1', 'agent-a1', 0)).toMatch(UUID_V5);
  });

  it('differs per command, per stream and per index', () => {
    const ids = new Set([
      deterministicEventId('cmd-1', 'agent-a1', 0),
      deterministicEventId('cmd-2', 'agent-a1', 0),
      deterministicEventId('cmd-1', 'agent-a2', 0),
      deterministicEventId('cmd-1', 'agent-a1', 1),
    ]);
    expect(ids.size).toBe(4);
  });

  it('does not collide when a separator moves between command id and stream id', () => {
    expect(deterministicEventId('a-b', 'c', 0)).not.toBe(deterministicEventId('a', 'b-c', 0));
  });
});
