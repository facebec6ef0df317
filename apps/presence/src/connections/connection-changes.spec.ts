import { describe, expect, it } from '@jest/globals';
import { ConnectionTracker } from '@app/presence-domain';
import { ConnectionChanges, type ConnectionChange } from './connection-changes.js';

const T0 = Date.UTC(2026, 10, 25, 9);
const at = (seconds: number) => T0 + seconds * 1000;

const setUp = () => {
  const tracker = new ConnectionTracker({ timeoutMs: 60_000, startedAt: at(0), graceMs: 0, signalDelayMs: 0 });
  const changes = new ConnectionChanges(tracker);
  const told: ConnectionChange[] = [];
  changes.listen((change) => told.push(change));
  return { tracker, changes, told };
};

describe('connection changes on the live floor', () => {
  it('tells when an agent connects and when its session closes, not about every signal in between', () => {
    const { tracker, changes, told } = setUp();
    tracker.sessionOpened('a1', 'p1/s1', at(1));
    changes.check('a1', at(1));
    tracker.sessionAlive('a1', 'p1/s1', at(2));
    changes.check('a1', at(2));
    tracker.sessionClosed('a1', 'p1/s1', at(3));
    changes.check('a1', at(3));
    expect(told.map((c) => [c.agentId, c.connected])).toEqual([['a1', true], ['a1', false]]);
  });

  it('tells when a heartbeat lapses without any signal, on the first tick after the timeout', () => {
    const { tracker, changes, told } = setUp();
    tracker.heartbeat('a1', at(1));
    changes.check('a1', at(1));
    changes.checkLapsed(at(60));
    changes.checkLapsed(at(61));
    changes.checkLapsed(at(62));
    expect(told).toEqual([
      { agentId: 'a1', connected: true, lastSeenAt: new Date(at(1)).toISOString() },
      { agentId: 'a1', connected: false, lastSeenAt: new Date(at(1)).toISOString() },
    ]);
  });

  it('keeps telling the other listeners when one of them throws', () => {
    const { tracker, changes, told } = setUp();
    changes.listen(() => { throw new Error('a broken feed'); });
    tracker.heartbeat('a1', at(1));
    changes.check('a1', at(1));
    expect(told).toHaveLength(1);
  });
});
