import { describe, expect, it } from '@jest/globals';
import { floorAt } from './floor.js';
import type { PresenceEvent } from './presence-events.js';
import { statusHistory, type PositionedPresenceEvent } from './status-history.js';
import { NOW, changed, overridden, registered } from './presence.spec-support.js';
import { UnreadableEventError, upcastPresenceEvent } from './upcast-presence-event.js';

const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const positioned = (events: PresenceEvent[]): PositionedPresenceEvent[] =>
  events.map((event, i) => ({ event, position: `${i * 10}/${i * 10}`, revision: i, eventId: `e${i}` }));

const log = [
  registered('a1', ['sales'], 2, at(0)),
  changed('a1', 'offline', 'online', 'shift', at(10)),
  overridden('a1', 'online', 'away', 'sup-1', 'coaching', at(20)),
  changed('a1', 'away', 'online', null, at(30)),
];

describe('status history for audits', () => {
  it('lists every status change in order with who, when, from, to, reason, reason code and position', () =>
    expect(statusHistory(positioned(log))).toEqual([
      { at: at(10).toISOString(), from: 'offline', to: 'online', reason: 'shift', reasonCode: null, setBy: { kind: 'agent', id: 'a1' },
        eventType: 'AgentStatusChanged', eventId: 'e1', position: '10/10', revision: 1 },
      { at: at(20).toISOString(), from: 'online', to: 'away', reason: 'coaching', reasonCode: null, setBy: { kind: 'supervisor', id: 'sup-1' },
        eventType: 'AgentStatusOverridden', eventId: 'e2', position: '20/20', revision: 2 },
      { at: at(30).toISOString(), from: 'away', to: 'online', reason: null, reasonCode: null, setBy: { kind: 'agent', id: 'a1' },
        eventType: 'AgentStatusChanged', eventId: 'e3', position: '30/30', revision: 3 },
    ]));

  it('keeps only changes from the start of the range, inclusive, to its end, exclusive', () =>
    expect(statusHistory(positioned(log), { from: at(20), to: at(30) }).map((e) => e.to)).toEqual(['away']));

  it('shows an admin who set the status as an admin, not as the agent', () => {
    const byAdmin: PresenceEvent = { ...changed('a1', 'offline', 'online'), metadata: { ...changed('a1', 'offline', 'online').metadata, actor: { kind: 'admin', id: 'root' } } };
    expect(statusHistory(positioned([registered('a1'), byAdmin]))[0].setBy).toEqual({ kind: 'admin', id: 'root' });
  });

  it('chains every entry: each from is the previous to', () => {
    const entries = statusHistory(positioned(log));
    entries.slice(1).forEach((entry, i) => expect(entry.from).toBe(entries[i].to));
  });
});

describe('the floor at a past instant', () => {
  const floorLog = [...log, registered('b2', ['support'], 1, at(15)), changed('b2', 'offline', 'online', null, at(25))];

  it('shows each agent as it stood at that instant', () =>
    expect(floorAt(floorLog, at(22)).map((a) => [a.agentId, a.status, a.setBy.kind])).toEqual([
      ['a1', 'away', 'supervisor'],
      ['b2', 'offline', 'registration'],
    ]));

  it('counts an event that occurred exactly at the instant', () =>
    expect(floorAt(floorLog, at(25)).find((a) => a.agentId === 'b2')?.status).toBe('online'));

  it('leaves out agents registered after the instant', () =>
    expect(floorAt(floorLog, at(5)).map((a) => a.agentId)).toEqual(['a1']));
});

describe('reading stored events', () => {
  it('reads a version 1 event as it is', () =>
    expect(upcastPresenceEvent(log[1])).toEqual(log[1]));

  it('reads an event without a schema version as version 1', () => {
    const { schemaVersion: _dropped, ...metadata } = log[1].metadata;
    expect(upcastPresenceEvent({ ...log[1], metadata })?.metadata.schemaVersion).toBe(1);
  });

  it('ignores event types of other domains', () =>
    expect(upcastPresenceEvent({ type: 'ConversationQueued', data: {}, metadata: {} })).toBeUndefined());

  it('refuses an event written by a newer schema rather than misread it', () =>
    expect(() => upcastPresenceEvent({ ...log[1], metadata: { ...log[1].metadata, schemaVersion: 99 } })).toThrow(UnreadableEventError));
});
