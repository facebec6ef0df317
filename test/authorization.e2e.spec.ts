import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT, UnsecuredJWT } from 'jose';
import { formatPosition } from '@app/event-store';
import type { Role } from '@app/platform';
import { uniqueId } from './support/presence-scenarios.js';
import { http, type JsonResponse } from './support/presence-test-app.js';
import { startRoutingFloor, type RoutingFloor } from './support/routing-test-app.js';
import { openEventStream } from './support/server-sent-events.js';
import { TEST_JWT_SECRET, bearer } from './support/test-tokens.js';

/**
 * The whole access matrix: every endpoint × every role × own team / other
 * team. A denial is 401/403 and leaves the event store exactly as it was.
 */
type Who = 'self' | 'otherAgent' | 'teamSupervisor' | 'otherSupervisor' | 'admin' | 'service' | 'anonymous';
const EVERYONE: Who[] = ['self', 'otherAgent', 'teamSupervisor', 'otherSupervisor', 'admin', 'service', 'anonymous'];

interface Fixture {
  readonly team: string;
  readonly agentId: string;
  readonly conversationId: string;
}

interface Row {
  readonly name: string;
  readonly call: (fixture: Fixture, headers: Record<string, string>) => Promise<JsonResponse>;
  readonly allowed: Partial<Record<Who, number>>;
}

let floor: RoutingFloor;
const presenceUrl = () => floor.presence.url;
const routingUrl = () => floor.routing.url;

const headersOf = async (who: Who, fixture: Fixture): Promise<Record<string, string>> => {
  const as = (sub: string, role: Role, teams: string[]) => bearer(sub, role, teams);
  switch (who) {
    case 'self': return as(fixture.agentId, 'agent', [fixture.team]);
    case 'otherAgent': return as(`${fixture.agentId}-x`, 'agent', [fixture.team]);
    case 'teamSupervisor': return as('sup-team', 'supervisor', [fixture.team]);
    case 'otherSupervisor': return as('sup-other', 'supervisor', ['elsewhere']);
    case 'admin': return as('root', 'admin', []);
    case 'service': return as('chat-gateway', 'service', []);
    case 'anonymous': return { authorization: '' };
  }
};

/** An online agent of a fresh team holding one assigned conversation. */
const fixture = async (): Promise<Fixture> => {
  const team = uniqueId('team');
  const agentId = uniqueId('agent');
  const conversationId = uniqueId('conv');
  await http(`${presenceUrl()}/v1/agents/${agentId}`, 'PUT', { displayName: 'A', teams: [team], maxConcurrentConversations: 3 });
  const online = await http(`${presenceUrl()}/v1/agents/${agentId}/status`, 'PUT', { status: 'online' });
  const revision = online.body.agent.revision;
  const deadline = Date.now() + 5000;
  while ((floor.routing.state.view.agent(agentId)?.revision ?? -1) < revision && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  const queued = await http(`${routingUrl()}/v1/conversations`, 'POST', { conversationId, team });
  expect(queued.body.agentId).toBe(agentId);
  return { team, agentId, conversationId };
};

const rows: Row[] = [
  { name: 'PUT /v1/agents/{id} (profile)', call: (f, h) => http(`${presenceUrl()}/v1/agents/${f.agentId}`, 'PUT', { displayName: 'B', teams: [f.team], maxConcurrentConversations: 2 }, h),
    allowed: { teamSupervisor: 200, admin: 200 } },
  { name: 'PUT /v1/agents/{id}/status', call: (f, h) => http(`${presenceUrl()}/v1/agents/${f.agentId}/status`, 'PUT', { status: 'away' }, h),
    allowed: { self: 200, admin: 200 } },
  { name: 'POST /v1/agents/{id}/status-overrides', call: (f, h) => http(`${presenceUrl()}/v1/agents/${f.agentId}/status-overrides`, 'POST', { status: 'offline', reason: 'audit' }, h),
    allowed: { teamSupervisor: 201, admin: 201 } },
  { name: 'GET /v1/agents/{id}', call: (f, h) => http(`${presenceUrl()}/v1/agents/${f.agentId}`, 'GET', undefined, h),
    allowed: { self: 200, teamSupervisor: 200, admin: 200, service: 200 } },
  { name: 'GET /v1/agents/{id}/status-history', call: (f, h) => http(`${presenceUrl()}/v1/agents/${f.agentId}/status-history`, 'GET', undefined, h),
    allowed: { self: 200, teamSupervisor: 200, admin: 200 } },
  { name: 'GET /v1/agents/{id}/status-history/verify', call: (f, h) => http(`${presenceUrl()}/v1/agents/${f.agentId}/status-history/verify`, 'GET', undefined, h),
    allowed: { self: 200, teamSupervisor: 200, admin: 200 } },
  { name: 'GET /v1/reports/time-in-status (a team)', call: (f, h) => http(`${presenceUrl()}/v1/reports/time-in-status?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z&team=${f.team}`, 'GET', undefined, h),
    allowed: { teamSupervisor: 200, admin: 200 } },
  { name: 'GET /v1/agents', call: (_f, h) => http(`${presenceUrl()}/v1/agents`, 'GET', undefined, h),
    allowed: { self: 200, otherAgent: 200, teamSupervisor: 200, otherSupervisor: 200, admin: 200, service: 200 } },
  { name: 'GET /v1/floor', call: (_f, h) => http(`${presenceUrl()}/v1/floor`, 'GET', undefined, h),
    allowed: { teamSupervisor: 200, otherSupervisor: 200, admin: 200, service: 200 } },
  { name: 'GET /v1/floor/stream', call: async (_f, h) => {
      const feed = await openEventStream(`${presenceUrl()}/v1/floor/stream`, h);
      feed.close();
      // A refused feed answers JSON like any other route.
      return feed.status === 200 ? { status: 200, body: undefined, headers: new Headers() } : http(`${presenceUrl()}/v1/floor/stream`, 'GET', undefined, h);
    },
    allowed: { teamSupervisor: 200, otherSupervisor: 200, admin: 200, service: 200 } },
  { name: 'GET /v1/agents/{id}/session', call: async (f, h) => {
      const session = await openEventStream(`${presenceUrl()}/v1/agents/${f.agentId}/session`, h);
      session.close();
      // A refused session answers JSON like any other route.
      return session.status === 200 ? { status: 200, body: undefined, headers: new Headers() } : http(`${presenceUrl()}/v1/agents/${f.agentId}/session`, 'GET', undefined, h);
    },
    allowed: { self: 200, admin: 200 } },
  { name: 'POST /v1/agents/{id}/heartbeat', call: (f, h) => http(`${presenceUrl()}/v1/agents/${f.agentId}/heartbeat`, 'POST', undefined, h),
    allowed: { self: 204, admin: 204 } },
  { name: 'POST /v1/conversations', call: (f, h) => http(`${routingUrl()}/v1/conversations`, 'POST', { conversationId: uniqueId('c'), team: f.team }, h),
    allowed: { admin: 201, service: 201 } },
  { name: 'POST /v1/conversations/{id}/transfer', call: (f, h) => http(`${routingUrl()}/v1/conversations/${f.conversationId}/transfer`, 'POST', { team: 'elsewhere' }, h),
    allowed: { self: 200, teamSupervisor: 200, admin: 200, service: 200 } },
  { name: 'POST /v1/conversations/{id}/close', call: (f, h) => http(`${routingUrl()}/v1/conversations/${f.conversationId}/close`, 'POST', undefined, h),
    allowed: { self: 200, teamSupervisor: 200, admin: 200, service: 200 } },
  { name: 'GET /v1/conversations/{id}', call: (f, h) => http(`${routingUrl()}/v1/conversations/${f.conversationId}`, 'GET', undefined, h),
    allowed: { self: 200, teamSupervisor: 200, admin: 200, service: 200 } },
  { name: 'GET /v1/queues/{team}', call: (f, h) => http(`${routingUrl()}/v1/queues/${f.team}`, 'GET', undefined, h),
    allowed: { teamSupervisor: 200, admin: 200, service: 200 } },
  // The fixture's conversation is assigned to `self`: accepting it again changes nothing; declining it is the conversation's 409, past the access check.
  { name: 'POST /v1/conversations/{id}/accept', call: (f, h) => http(`${routingUrl()}/v1/conversations/${f.conversationId}/accept`, 'POST', {}, h),
    allowed: { self: 200, otherAgent: 409, admin: 200 } },
  { name: 'POST /v1/conversations/{id}/decline', call: (f, h) => http(`${routingUrl()}/v1/conversations/${f.conversationId}/decline`, 'POST', {}, h),
    allowed: { self: 409, otherAgent: 409, admin: 409 } },
  { name: 'PUT /v1/teams/{team}', call: (f, h) => http(`${routingUrl()}/v1/teams/${f.team}`, 'PUT', { reassignAfterSeconds: 600 }, h),
    allowed: { teamSupervisor: 200, admin: 200 } },
  { name: 'GET /v1/teams/{team}', call: (f, h) => http(`${routingUrl()}/v1/teams/${f.team}`, 'GET', undefined, h),
    allowed: { teamSupervisor: 200, admin: 200 } },
  { name: 'GET /v1/teams/{team}/stats', call: (f, h) => http(`${routingUrl()}/v1/teams/${f.team}/stats`, 'GET', undefined, h),
    allowed: { teamSupervisor: 200, admin: 200, service: 200 } },
];

const head = async () => {
  const position = await floor.presence.store.headPosition();
  return position ? formatPosition(position) : null;
};

beforeAll(async () => { floor = await startRoutingFloor(1); });
afterAll(async () => { await floor?.close(); });

describe('who may call what (every endpoint × every role × own team / other team)', () => {
  for (const row of rows) {
    it.each(EVERYONE)(`${row.name} as %s`, async (who) => {
      const f = await fixture();
      const before = await head();
      const response = await row.call(f, await headersOf(who, f));
      const expected = row.allowed[who] ?? (who === 'anonymous' ? 401 : 403);
      expect({ who, status: response.status }).toEqual({ who, status: expected });
      if (expected >= 400) expect(await head()).toBe(before);
      if (expected === 401 || expected === 403) expect(response.body?.error?.code).toBe(expected === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    });
  }
});

describe('what callers see', () => {
  it('shows an agent only itself in the agent list, and a supervisor only its teams', async () => {
    const f = await fixture();
    const asSelf = await http(`${presenceUrl()}/v1/agents`, 'GET', undefined, await headersOf('self', f));
    expect(asSelf.body.map((a: { agentId: string }) => a.agentId)).toEqual([f.agentId]);
    const asOther = await http(`${presenceUrl()}/v1/floor`, 'GET', undefined, await headersOf('otherSupervisor', f));
    expect(asOther.body.agents.some((a: { agentId: string }) => a.agentId === f.agentId)).toBe(false);
  });

  it('records the supervisor of an override from the token, not the body', async () => {
    const f = await fixture();
    const spoofed = await http(`${presenceUrl()}/v1/agents/${f.agentId}/status-overrides`, 'POST',
      { status: 'offline', reason: 'r', supervisorId: 'someone-else' }, await headersOf('teamSupervisor', f));
    expect(spoofed.status).toBe(400);
    const real = await http(`${presenceUrl()}/v1/agents/${f.agentId}/status-overrides`, 'POST', { status: 'offline', reason: 'r' }, await headersOf('teamSupervisor', f));
    expect(real.body.agent.setBy).toEqual({ kind: 'supervisor', id: 'sup-team', reason: 'r', reasonCode: null });
  });
});

describe('tokens that do not verify', () => {
  const claims = { role: 'admin', teams: [] };
  const secret = new TextEncoder().encode(TEST_JWT_SECRET);
  const cases: [string, () => Promise<string>][] = [
    ['an expired token', () => new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('root').setIssuer('agent-presence').setAudience('agent-presence').setExpirationTime(Math.floor(Date.now() / 1000) - 3600).sign(secret)],
    ['alg none', async () => new UnsecuredJWT(claims).setSubject('root').setIssuer('agent-presence').setAudience('agent-presence').setExpirationTime('1h').encode()],
    ['a wrong audience', () => new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('root').setIssuer('agent-presence').setAudience('other').setExpirationTime('1h').sign(secret)],
    ['not a JWT', async () => 'hello'],
  ];
  it.each(cases)('answers 401 with a JSON error for %s', async (_name, token) => {
    const response = await http(`${presenceUrl()}/v1/agents`, 'GET', undefined, { authorization: `Bearer ${await token()}` });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('answers health and the OpenAPI document without a token', async () => {
    expect((await http(`${presenceUrl()}/health`, 'GET', undefined, { authorization: '' })).status).toBe(200);
    expect((await http(`${presenceUrl()}/v1/openapi.json`, 'GET', undefined, { authorization: '' })).status).toBe(200);
  });
});
