import { SseParser } from './sse-parser.js';

describe('reading a server-sent event stream', () => {
  it('yields an event once its blank line arrives, however the chunks are split', () => {
    const parser = new SseParser();
    const text = 'retry: 2000\n\nid: 4/4\nevent: AgentStatusChanged\ndata: {"a":1}\n\n';
    const events = [...text].flatMap((char) => parser.push(char));
    expect(events).toEqual([{ id: '4/4', event: 'AgentStatusChanged', data: '{"a":1}' }]);
    expect(parser.retryMs).toBe(2000);
  });

  it('drops heartbeats and joins multi-line data', () => {
    const parser = new SseParser();
    expect(parser.push(': heartbeat\n\ndata: one\ndata: two\n\n')).toEqual([{ id: undefined, event: 'message', data: 'one\ntwo' }]);
  });

  it('keeps the last id for a resume even across events without one', () => {
    const parser = new SseParser();
    parser.push('id: 7/7\ndata: x\n\ndata: y\n\n');
    expect(parser.lastEventId).toBe('7/7');
  });

  it('understands CRLF line ends split between chunks', () => {
    const parser = new SseParser();
    expect([...parser.push('event: token-expired\r'), ...parser.push('\ndata: {}\r\n\r\n')])
      .toEqual([{ id: undefined, event: 'token-expired', data: '{}' }]);
  });
});
