import { positionOf } from '../global-position.js';
import { isSoundSnapshot, sealSnapshot } from './snapshot-seal.js';

const sound = sealSnapshot({
  streamId: 'agent-a1', revision: 41, position: positionOf(420), eventId: 'e41', version: 2, state: '{"status":"online"}',
});

describe('a sealed snapshot', () => {
  it('is sound for its own stream and snapshot version', () => {
    expect(isSoundSnapshot(sound, 'agent-a1', 2)).toBe(true);
  });

  it.each([
    ['its state', { state: '{"status":"away"}' }],
    ['its revision', { revision: 40 }],
    ['its position', { position: positionOf(421) }],
    ['its event id', { eventId: 'e40' }],
  ])('fails its checksum once %s is changed', (_what, change) => {
    expect(isSoundSnapshot({ ...sound, ...change }, 'agent-a1', 2)).toBe(false);
  });

  it('is not sound for another stream or another snapshot version', () => {
    expect(isSoundSnapshot(sound, 'agent-a2', 2)).toBe(false);
    expect(isSoundSnapshot(sound, 'agent-a1', 3)).toBe(false);
  });
});
