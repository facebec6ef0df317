import type { Request, Response } from 'express';
import type { Caller } from '../auth/caller.js';

const HEARTBEAT_MS = 15_000;

/** One open text/event-stream response. */
export interface EventStream {
  /** Sends one message; `id` is what the client sends back as Last-Event-ID to resume after it. */
  send(message: { readonly id?: string; readonly event: string; readonly data: unknown }): void;
  /** Ends the stream (the client reconnects after its retry delay). */
  end(): void;
}

/**
 * Opens a server-sent event stream on `response`: the headers, a retry hint,
 * a comment heartbeat so proxies keep it open, an end when the caller's token
 * expires (event `token-expired`: the client reconnects with a fresh token
 * and its Last-Event-ID), and `onClose` once the client goes away.
 */
export const openEventStream = (request: Request, response: Response, caller: Caller, onClose: () => void): EventStream => {
  response.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  response.flushHeaders();
  response.write('retry: 2000\n\n');
  const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), HEARTBEAT_MS);
  const expiry = caller.expiresAt === undefined ? undefined
    : setTimeout(() => response.end('event: token-expired\ndata: {}\n\n'), Math.max(0, caller.expiresAt - Date.now()));
  request.on('close', () => {
    clearInterval(heartbeat);
    clearTimeout(expiry);
    onClose();
  });
  return {
    send: ({ id, event, data }) => {
      response.write(`${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    end: () => response.end(),
  };
};
