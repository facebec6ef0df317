import { streamPrefixRange } from './stream-prefix-range.js';

const inRange = (prefix: string, id: string): boolean => {
  const { from, to } = streamPrefixRange(prefix);
  const utf8 = (text: string) => Buffer.from(text, 'utf8');
  return Buffer.compare(utf8(id), utf8(from)) >= 0 && (to === undefined || Buffer.compare(utf8(id), utf8(to)) < 0);
};

describe('streamPrefixRange', () => {
  it('holds every id that starts with the prefix', () => {
    for (const id of ['agent-', 'agent-1', 'agent-\u{10FFFF}x', 'agent-é', 'agent-😀'])
      expect(inRange('agent-', id)).toBe(true);
  });

  it('excludes ids that do not start with the prefix', () => {
    for (const id of ['agent', 'agent.', 'agenu', 'conversation-1', 'Agent-1'])
      expect(inRange('agent-', id)).toBe(false);
  });

  it('ends right after the prefix by incrementing its last code point', () => {
    expect(streamPrefixRange('agent-')).toEqual({ from: 'agent-', to: 'agent.' });
  });

  it('skips the surrogate block when incrementing', () => {
    expect(streamPrefixRange('a\u{D7FF}').to).toBe('a\u{E000}');
  });

  it('has no upper bound when the prefix is only the last code point', () => {
    expect(streamPrefixRange('\u{10FFFF}').to).toBeUndefined();
    expect(streamPrefixRange('a\u{10FFFF}').to).toBe('b');
  });
});
