import { FloorReplay } from './floor.js';
import { changed, registered } from './presence.spec-support.js';
import type { PresenceEvent } from './presence-events.js';

const at = (event: PresenceEvent, occurredAt: string): PresenceEvent => ({ ...event, metadata: { ...event.metadata, occurredAt } }) as PresenceEvent;

describe('a point-in-time floor', () => {
  const instant = new Date('2026-11-25T09:00:00.000Z');

  it.each([
    ['in the form the deciders write', '2026-11-25T09:00:00.000Z', true],
    ['one millisecond later', '2026-11-25T09:00:00.001Z', false],
    ['with a UTC offset naming the same instant', '2026-11-25T10:00:00.000+01:00', true],
    ['with a UTC offset naming a later instant', '2026-11-25T09:30:00.000-00:30', false],
    ['without milliseconds', '2026-11-25T09:00:00Z', true],
  ])('counts an event that occurred %s by the instant it names', (_form, occurredAt, counted) => {
    const replay = new FloorReplay<null>(instant);
    replay.apply(at(registered('a1'), '2026-11-25T08:00:00.000Z'), null);

    expect(replay.apply(at(changed('a1', 'offline', 'online'), occurredAt), null)).toBe(counted);
    expect(replay.floor()[0].agent.status).toBe(counted ? 'online' : 'offline');
  });
});
