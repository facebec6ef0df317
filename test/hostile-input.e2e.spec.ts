import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { formatPosition } from '@app/event-store';
import { registerAgent, setStatus } from './support/presence-scenarios.js';
import { http, startPresenceTestApp } from './support/presence-test-app.js';
import { startRoutingFloor, type RoutingFloor } from './support/routing-test-app.js';
import { openEventStream } from './support/server-sent-events.js';
import { bearer, tokenFor } from './support/test-tokens.js';

/**
 * Generated hostile requests against every endpoint: malformed bodies, ids,
 * headers and query strings. Whatever arrives: never a 5xx, never an append
 * for a rejected request, and the app still answers afterwards.
 */
let floor: RoutingFloor;
beforeAll(async () => {
  floor = await startRoutingFloor(1);
  await registerAgent(floor.presence, 'fuzz-agent', ['sales']);
  await setStatus(floor.presence, 'fuzz-agent', 'online');
});
afterAll(async () => { await floor?.close(); });

const head = async () => {
  const position = await floor.presence.store.headPosition();
  return position ? formatPosition(position) : null;
};

const endpoints: { method: string; path: (id: string) => string; base: () => string }[] = [
  { method: 'PUT', path: (id) => `/v1/agents/${id}`, base: () => floor.presence.url },
  { method: 'PUT', path: (id) => `/v1/agents/${id}/status`, base: () => floor.presence.url },
  { method: 'POST', path: (id) => `/v1/agents/${id}/status-overrides`, base: () => floor.presence.url },
  { method: 'GET', path: (id) => `/v1/agents/${id}`, base: () => floor.presence.url },
  { method: 'GET', path: () => '/v1/agents', base: () => floor.presence.url },
  { method: 'GET', path: (id) => `/v1/agents/${id}/status-history`, base: () => floor.presence.url },
  { method: 'GET', path: () => '/v1/floor', base: () => floor.presence.url },
  { method: 'POST', path: (id) => `/v1/agents/${id}/heartbeat`, base: () => floor.presence.url },
  { method: 'POST', path: () => '/v1/conversations', base: () => floor.routing.url },
  { method: 'POST', path: (id) => `/v1/conversations/${id}/transfer`, base: () => floor.routing.url },
  { method: 'POST', path: (id) => `/v1/conversations/${id}/close`, base: () => floor.routing.url },
  { method: 'GET', path: (id) => `/v1/conversations/${id}`, base: () => floor.routing.url },
  { method: 'GET', path: (id) => `/v1/queues/${id}`, base: () => floor.routing.url },
  { method: 'POST', path: (id) => `/v1/conversations/${id}/accept`, base: () => floor.routing.url },
  { method: 'POST', path: (id) => `/v1/conversations/${id}/decline`, base: () => floor.routing.url },
  { method: 'PUT', path: (id) => `/v1/teams/${id}`, base: () => floor.routing.url },
  { method: 'GET', path: (id) => `/v1/teams/${id}`, base: () => floor.routing.url },
  { method: 'GET', path: (id) => `/v1/agents/${id}/status-history/verify`, base: () => floor.presence.url },
  { method: 'GET', path: () => '/v1/reports/time-in-status', base: () => floor.presence.url },
  { method: 'GET', path: (id) => `/v1/teams/${id}/stats`, base: () => floor.routing.url },
];

const hostileId = fc.oneof(
  fc.constantFrom('fuzz-agent', 'sales', '..', '%2e%2e%2f', '%00', 'a'.repeat(300), '%F0%9F%92%A5', 'x%ZZ', '$all'),
  fc.string({ maxLength: 80 }).map((s) => encodeURIComponent(s) || 'x'),
);

const hostileBody = fc.oneof(
  fc.anything({ maxDepth: 3 }).map((v) => { try { return JSON.stringify(v) ?? 'null'; } catch { return '{}'; } }),
  fc.record({
    status: fc.oneof(fc.constantFrom('online', 'away', 'offline', 'ONLINE', ''), fc.anything()),
    reason: fc.oneof(fc.string({ maxLength: 600 }), fc.anything()),
    displayName: fc.oneof(fc.string({ maxLength: 300 }), fc.integer()),
    teams: fc.oneof(fc.array(fc.string({ maxLength: 70 }), { maxLength: 60 }), fc.string()),
    maxConcurrentConversations: fc.oneof(fc.integer(), fc.double(), fc.string()),
    conversationId: fc.oneof(fc.string({ maxLength: 80 }), fc.integer()),
    team: fc.oneof(fc.string({ maxLength: 80 }), fc.constant('sales')),
    priority: fc.oneof(fc.integer(), fc.double(), fc.string()),
    routingMode: fc.oneof(fc.constantFrom('offer', 'auto-assign', 'OFFER', ''), fc.anything()),
    offerTimeoutSeconds: fc.oneof(fc.integer(), fc.double(), fc.constant(null), fc.string()),
    reassignAfterSeconds: fc.oneof(fc.integer(), fc.constant(null), fc.string()),
    __proto__: fc.constant({ admin: true }),
    constructor: fc.constant({ prototype: { polluted: true } }),
  }, { requiredKeys: [] }).map((o) => JSON.stringify(o)),
  fc.string({ maxLength: 200 }),
  fc.constantFrom('{"status":', '[1,2', '\u0000', 'null', '"online"', '{"a":'.repeat(50)),
);

const hostileQuery = fc.dictionary(
  fc.constantFrom('team', 'status', 'from', 'to', 'at', 'after', 'team[]', '__proto__', 'agentId'),
  fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('2026-13-45T00:00:00Z', '9999-12-31T23:59:59Z', '0000-01-01', 'NaN', '1e309')),
  { maxKeys: 4 },
).map((q) => new URLSearchParams(q).toString());

const hostileHeaders = fc.record({
  'content-type': fc.constantFrom('application/json', 'text/plain', 'application/json; charset=latin1', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16'),
  'idempotency-key': fc.oneof(fc.string({ maxLength: 300 }).filter((s) => /^[\x20-\x7e]*$/.test(s)), fc.constant(undefined)),
  'last-event-id': fc.oneof(fc.string({ maxLength: 40 }).filter((s) => /^[\x20-\x7e]*$/.test(s)), fc.constant(undefined)),
  'x-correlation-id': fc.oneof(fc.string({ maxLength: 300 }).filter((s) => /^[\x20-\x7e]*$/.test(s)), fc.constant(undefined)),
  accept: fc.constantFrom(undefined, 'text/csv', 'application/xml', 'text/csv;q=0.1, application/json'),
}, { requiredKeys: ['content-type'] });

describe('hostile input at every endpoint (property-based, fast-check)', () => {
  it('never answers 5xx and never appends for a rejected request', async () => {
    const admin = await bearer('root', 'admin');
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(...endpoints), hostileId, hostileBody, hostileQuery, hostileHeaders,
      async (endpoint, id, body, query, headers) => {
        const before = await head();
        const sent = Object.fromEntries(Object.entries({ ...admin, ...headers }).filter(([, v]) => v !== undefined)) as Record<string, string>;
        const url = `${endpoint.base()}${endpoint.path(id)}${query ? `?${query}` : ''}`;
        const response = await fetch(url, { method: endpoint.method, headers: sent, body: endpoint.method === 'GET' ? undefined : body });
        const text = await response.text();
        expect(response.status).toBeLessThan(500);
        expect(text).not.toMatch(/node_modules|\/work\/|\.ts:\d+|at [A-Za-z.]+ \(/);
        if (response.status >= 400) expect(await head()).toBe(before);
      },
    ), { numRuns: 300, seed: 20261125 });
    expect((await http(`${floor.presence.url}/health`, 'GET')).status).toBe(200);
    expect((await http(`${floor.presence.url}/v1/agents/fuzz-agent`, 'GET')).body.status).toBeDefined();
  }, 120_000);

  it('never answers 5xx for generated Authorization headers', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 400 }).filter((s) => /^[\x20-\x7e]*$/.test(s)), async (authorization) => {
      const response = await fetch(`${floor.presence.url}/v1/agents`, { headers: { authorization } });
      expect([401, 200]).toContain(response.status);
    }), { numRuns: 100, seed: 7 });
  });
});

describe('security headers and limits', () => {
  it('sends security headers and hides the framework', async () => {
    const response = await fetch(`${floor.presence.url}/health`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('answers 429 once a caller goes over its rate limit, and other callers go on', async () => {
    const app = await startPresenceTestApp({ RATE_LIMIT_PER_MINUTE: '20' });
    try {
      const greedy = await bearer('greedy', 'admin');
      const statuses: number[] = [];
      for (let i = 0; i < 25; i++) statuses.push((await http(`${app.url}/v1/agents`, 'GET', undefined, greedy)).status);
      expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
      const limited = await http(`${app.url}/v1/agents`, 'GET', undefined, greedy);
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await http(`${app.url}/v1/agents`, 'GET', undefined, await bearer('patient', 'admin'))).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('throttles token guessing: after the failed authentications allowed per address, even a valid token waits', async () => {
    const app = await startPresenceTestApp({ AUTH_FAILURES_PER_MINUTE: '5' });
    try {
      const forged = { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.forged' };
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await http(`${app.url}/v1/agents`, 'GET', undefined, forged)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      const valid = await http(`${app.url}/v1/agents`, 'GET', undefined, await bearer('someone', 'admin'));
      expect(valid.status).toBe(429);
      expect(valid.body.error.code).toBe('RATE_LIMITED');
      expect(Number(valid.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await http(`${app.url}/health`, 'GET', undefined, { authorization: '' })).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('caps live feeds per caller', async () => {
    const app = await startPresenceTestApp({ FEED_CONNECTIONS_PER_CALLER: '2' });
    try {
      const who = await bearer('watcher', 'supervisor', ['sales']);
      const feeds = [await openEventStream(`${app.url}/v1/floor/stream`, who), await openEventStream(`${app.url}/v1/floor/stream`, who)];
      expect(feeds.map((f) => f.status)).toEqual([200, 200]);
      const third = await http(`${app.url}/v1/floor/stream`, 'GET', undefined, who);
      expect(third.status).toBe(429);
      expect(third.body.error.code).toBe('TOO_MANY_FEEDS');
      feeds[0].close();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const again = await openEventStream(`${app.url}/v1/floor/stream`, who);
      expect(again.status).toBe(200);
      again.close();
      feeds[1].close();
    } finally {
      await app.close();
    }
  });

  it('ends a live feed when its token expires', async () => {
    const token = await tokenFor('brief', 'supervisor', ['sales'], 2);
    const feed = await openEventStream(`${floor.presence.url}/v1/floor/stream`, { authorization: `Bearer ${token}` });
    expect(feed.status).toBe(200);
    const [expired] = await feed.next(1, 6000);
    expect(expired.event).toBe('token-expired');
    feed.close();
  });
});
