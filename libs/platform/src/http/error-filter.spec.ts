import { jest } from '@jest/globals';
import { Logger, type ArgumentsHost } from '@nestjs/common';
import { CommandIdReusedError, RememberedRefusalError } from '@app/event-store';
import { ErrorFilter } from './error-filter.js';

/** The status and body the filter writes for `error`. */
const answer = (error: unknown): { status: number; body: { error: { code: string } } } => {
  const written = { status: 0, body: undefined as unknown };
  const response = {
    headersSent: false,
    setHeader: () => undefined,
    status(code: number) { written.status = code; return this; },
    json(body: unknown) { written.body = body; },
  };
  const request = { correlationId: 'corr-1' };
  const host = { switchToHttp: () => ({ getResponse: () => response, getRequest: () => request }) } as unknown as ArgumentsHost;
  new ErrorFilter().catch(error, host);
  return written as { status: number; body: { error: { code: string } } };
};

describe('the error filter on idempotency answers', () => {
  it('answers a command id reused after its window with 422 COMMAND_ID_REUSED', () => {
    const { status, body } = answer(new CommandIdReusedError('agent-a1', 'k1'));
    expect([status, body.error.code]).toEqual([422, 'COMMAND_ID_REUSED']);
  });

  it.each([
    ['not-found', 404],
    ['conflict', 409],
  ] as const)('answers a remembered %s refusal with the status and code of the first answer (%i)', (kind, expected) => {
    const { status, body } = answer(new RememberedRefusalError({ code: 'THING_REFUSED', kind, message: 'refused' }));
    expect([status, body.error.code]).toEqual([expected, 'THING_REFUSED']);
  });
});

describe('the error filter on failures of its own', () => {
  it('answers 500 without the message and logs the error with the request\'s correlation id', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const { status, body } = answer(new Error('disk on fire'));
      expect([status, body.error.code]).toEqual([500, 'INTERNAL']);
      expect(JSON.stringify(body)).not.toContain('disk on fire');
      expect(logged).toHaveBeenCalledWith(expect.objectContaining({ msg: 'disk on fire', correlationId: 'corr-1', stack: expect.stringContaining('disk on fire') }));
    } finally {
      logged.mockRestore();
    }
  });
});
