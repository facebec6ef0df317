import { describe, expect, it } from '@jest/globals';
import { connectionLostCommand } from './connection-lost.js';
import { ConnectionTracker, observedStatusOf, type ConnectionTrackerSettings } from './connection-tracker.js';
import type { RegisteredAgent } from './agent-presence.js';
import { decide } from './decide.js';
import { NOW, changed, overridden, registered, stateAfter, systemSet } from './presence.spec-support.js';

const T0 = NOW.getTime();
const sec = (s: number) => T0 + s * 1000;
const TIMEOUT = 60;
const settings: ConnectionTrackerSettings = { timeoutMs: TIMEOUT * 1000, startedAt: sec(-3600), graceMs: 90_000, signalDelayMs: 2000 };

/** A tracker that has seen a1 online (not overridden) since T0, at revision 1. */
const trackerWithOnlineAgent = (overrides: Partial<ConnectionTrackerSettings> = {}) => {
  const tracker = new ConnectionTracker({ ...settings, ...overrides });
  tracker.statusObserved({ agentId: 'a1', revision: 1, watched: true, since: T0 });
  return tracker;
};
const dueIds = (tracker: ConnectionTracker, at: number) => tracker.dueAt(at).map((d) => d.agentId);

describe('an online agent whose console goes away', () => {
  it('is due once the timeout has passed since its session closed, not before', () => {
    const tracker = trackerWithOnlineAgent();
    tracker.sessionOpened('a1', 'p1/s1', sec(0));
    tracker.sessionClosed('a1', 'p1/s1', sec(10));
    expect(dueIds(tracker, sec(10 + TIMEOUT + 1))).toEqual([]);
    expect(tracker.dueAt(sec(10 + TIMEOUT + 2))).toEqual([{ agentId: 'a1', revision: 1, deadline: sec(10 + TIMEOUT) }]);
  });

  it('is not due while a heartbeat came before the deadline; the timeout restarts from it', () => {
    const tracker = trackerWithOnlineAgent();
    tracker.heartbeat('a1', sec(0));
    tracker.heartbeat('a1', sec(59));
    expect(dueIds(tracker, sec(TIMEOUT + 30))).toEqual([]);
    expect(dueIds(tracker, sec(59 + TIMEOUT + 2))).toEqual(['a1']);
  });

  it('stays connected as long as the process holding its session says so', () => {
    const tracker = trackerWithOnlineAgent();
    tracker.sessionOpened('a1', 'p1/s1', sec(0));
    for (let s = 20; s <= 600; s += 20) tracker.sessionAlive('a1', 'p1/s1', sec(s));
    expect(dueIds(tracker, sec(600 + TIMEOUT - 1))).toEqual([]);
    expect(tracker.connectionOf('a1', sec(610))).toEqual({ connected: true, openSessions: 1, lastSeenAt: new Date(sec(600)).toISOString() });
  });

  it('is due when the process holding its session dies without closing it', () => {
    const tracker = trackerWithOnlineAgent();
    tracker.sessionOpened('a1', 'p1/s1', sec(0));
    tracker.sessionAlive('a1', 'p1/s1', sec(20));
    expect(tracker.connectionOf('a1', sec(20 + TIMEOUT)).connected).toBe(false);
    expect(dueIds(tracker, sec(20 + TIMEOUT + 2))).toEqual(['a1']);
  });

  it('stays connected on a second device when the first closes', () => {
    const tracker = trackerWithOnlineAgent();
    tracker.sessionOpened('a1', 'p1/laptop', sec(0));
    tracker.sessionOpened('a1', 'p2/phone', sec(5));
    tracker.sessionClosed('a1', 'p1/laptop', sec(10));
    tracker.sessionAlive('a1', 'p2/phone', sec(50));
    expect(tracker.connectionOf('a1', sec(80))).toMatchObject({ connected: true, openSessions: 1 });
    expect(dueIds(tracker, sec(80))).toEqual([]);
  });

  it('gets a full timeout from going online, however long it was gone before', () => {
    const tracker = new ConnectionTracker(settings);
    tracker.heartbeat('a1', sec(-7200));
    tracker.statusObserved({ agentId: 'a1', revision: 4, watched: true, since: T0 });
    expect(tracker.deadlineOf('a1')).toBe(sec(TIMEOUT));
    expect(dueIds(tracker, sec(1))).toEqual([]);
  });

  it('is no longer due once its change is observed (a newer revision, not watched)', () => {
    const tracker = trackerWithOnlineAgent();
    expect(dueIds(tracker, sec(TIMEOUT + 2))).toEqual(['a1']);
    tracker.statusObserved({ agentId: 'a1', revision: 2, watched: false, since: sec(TIMEOUT + 2) });
    expect(dueIds(tracker, sec(TIMEOUT + 3))).toEqual([]);
  });

  it('ignores an older observation that arrives late', () => {
    const tracker = trackerWithOnlineAgent();
    tracker.statusObserved({ agentId: 'a1', revision: 2, watched: false, since: sec(5) });
    tracker.statusObserved({ agentId: 'a1', revision: 1, watched: true, since: T0 });
    expect(dueIds(tracker, sec(3600))).toEqual([]);
  });

  it('does not move last seen back for a signal that arrives late', () => {
    const tracker = trackerWithOnlineAgent();
    tracker.heartbeat('a1', sec(50));
    tracker.heartbeat('a1', sec(10));
    expect(tracker.connectionOf('a1', sec(51)).lastSeenAt).toBe(new Date(sec(50)).toISOString());
  });
});

describe('agents the system leaves alone', () => {
  it('watches an agent online by its own choice, not one away, offline or put online by a supervisor', () => {
    const watched = (...events: Parameters<typeof stateAfter>[0]) => observedStatusOf(stateAfter(events) as RegisteredAgent, events.length - 1).watched;
    expect([
      watched(registered('a1'), changed('a1', 'offline', 'online')),
      watched(registered('a1'), changed('a1', 'offline', 'away')),
      watched(registered('a1')),
      watched(registered('a1'), overridden('a1', 'offline', 'online', 'sup-1', 'covering')),
    ]).toEqual([true, false, false, false]);
  });

  it('never lists an agent who is away, offline or under a supervisor\'s override (not watched)', () => {
    const tracker = new ConnectionTracker(settings);
    tracker.statusObserved({ agentId: 'away', revision: 3, watched: false, since: T0 });
    tracker.statusObserved({ agentId: 'overridden-online', revision: 5, watched: false, since: T0 });
    tracker.sessionClosed('away', 'p1/s1', sec(1));
    expect(dueIds(tracker, sec(3600))).toEqual([]);
  });

  it('never lists an agent it has only seen signals for', () => {
    const tracker = new ConnectionTracker(settings);
    tracker.heartbeat('unknown', sec(0));
    expect(dueIds(tracker, sec(3600))).toEqual([]);
  });

  it('turns connecting into nothing but a view: a second device changes no status', () => {
    const tracker = new ConnectionTracker(settings);
    tracker.statusObserved({ agentId: 'a1', revision: 2, watched: false, since: T0 });
    tracker.sessionOpened('a1', 'p2/phone', sec(1));
    expect([tracker.connectionOf('a1', sec(2)).connected, tracker.dueAt(sec(3600))]).toEqual([true, []]);
  });
});

describe('a presence process that restarts', () => {
  const restartedAt = sec(0);
  const restarted = () => {
    const tracker = new ConnectionTracker({ ...settings, startedAt: restartedAt, graceMs: 90_000 });
    // Online since long before the restart; no signal survived it.
    tracker.statusObserved({ agentId: 'a1', revision: 7, watched: true, since: sec(-7200) });
    return tracker;
  };

  it('marks nobody away before the startup grace ends', () =>
    expect(dueIds(restarted(), restartedAt + 90_000 - 1)).toEqual([]));

  it('keeps an agent whose client reconnects within the grace', () => {
    const tracker = restarted();
    tracker.sessionOpened('a1', 'p1/s9', sec(30));
    [50, 70, 90].forEach((s) => tracker.sessionAlive('a1', 'p1/s9', sec(s)));
    expect(dueIds(tracker, sec(120))).toEqual([]);
  });

  it('lists an agent who did not come back once the grace is over', () =>
    expect(restarted().dueAt(restartedAt + 90_000 + 2000)).toEqual([{ agentId: 'a1', revision: 7, deadline: restartedAt + 90_000 }]));
});

describe('several presence processes sharing signals over the bus', () => {
  const twoProcesses = () => [trackerWithOnlineAgent(), trackerWithOnlineAgent()];

  it('prevents the change on every process when a heartbeat reached any of them just before the deadline', () => {
    const [p1, p2] = twoProcesses();
    p2.heartbeat('a1', sec(TIMEOUT - 1));
    // p1 looks at the deadline before the heartbeat arrives over the bus, within the allowance...
    expect(dueIds(p1, sec(TIMEOUT + 1))).toEqual([]);
    p1.heartbeat('a1', sec(TIMEOUT - 1));
    // ...and once it arrived, neither lists the agent.
    expect([dueIds(p1, sec(TIMEOUT + 30)), dueIds(p2, sec(TIMEOUT + 30))]).toEqual([[], []]);
  });

  it('produces the same change on both, of which the agent stream keeps one', () => {
    const [p1, p2] = twoProcesses();
    const [c1, c2] = [p1, p2].map((p) => connectionLostCommand(p.dueAt(sec(TIMEOUT + 2))[0], 'away', new Date(sec(TIMEOUT + 2))));
    expect(c1).toEqual(c2);
    expect(c1.command.metadata.commandId).toBe('connection-lost:a1:1');
    const stream = [registered('a1'), changed('a1', 'offline', 'online')];
    const first = decide(c1.command, stateAfter(stream));
    expect(first).toEqual([{
      type: 'AgentStatusSetBySystem', data: { agentId: 'a1', from: 'online', to: 'away', reasonCode: 'connection-lost' },
      metadata: { ...systemSet('a1', 'online', 'away', 'connection-lost', new Date(sec(TIMEOUT + 2))).metadata,
        causationId: 'connection-lost:a1:1', correlationId: 'connection-lost:a1:1' },
    }]);
    // The second arrives after the first was appended: expected revision 1 no longer holds, and the rule itself appends nothing.
    expect(c2.expectedRevision).toBe(stream.length - 1);
    expect(decide(c2.command, stateAfter([...stream, ...first]))).toEqual([]);
  });
});
