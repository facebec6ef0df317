/**
 * End-to-end presence scenarios, driven through HTTP the way the agent app and
 * a supervisor would. Run once per event store (SQLite; EventStoreDB on the
 * wire-compatible test server).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { formatPosition } from '@app/event-store';
import { AGENT_STREAM_PREFIX } from '@app/presence-domain';
import { AvailabilityProjection } from '../../apps/presence/src/read-model/availability-projection.js';
import { http, type PresenceTestApp } from './presence-test-app.js';
import { openEventStream } from './server-sent-events.js';
import { bearer, defaultCaller } from './test-tokens.js';

export const uniqueId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export const registerAgent = (app: PresenceTestApp, agentId: string, teams = ['sales'], max = 2) =>
  http(`${app.url}/v1/agents/${agentId}`, 'PUT', { displayName: `Agent ${agentId}`, teams, maxConcurrentConversations: max });

/** The agent itself sets its status, with its own token. */
export const setStatus = async (app: PresenceTestApp, agentId: string, status: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  http(`${app.url}/v1/agents/${agentId}/status`, 'PUT', { status, ...extra }, { ...(await bearer(agentId, 'agent')), ...headers });

/** A supervisor of the agent's teams overrides, with its own token; `supervisorId` names that supervisor. */
export const overrideStatus = async (app: PresenceTestApp, agentId: string, { supervisorId = 'sup-1', ...body }: Record<string, unknown>) => {
  const teams = (await http(`${app.url}/v1/agents/${agentId}`, 'GET')).body?.teams ?? ['sales'];
  return http(`${app.url}/v1/agents/${agentId}/status-overrides`, 'POST', body, await bearer(String(supervisorId), 'supervisor', teams));
};

/**
 * The newest event of the agent streams: what "appends nothing" is about.
 * EventStoreDB keeps idempotency records (and snapshots) as events of their
 * own categories, so the log's head itself moves when a no-op is recorded.
 */
export const head = async (app: PresenceTestApp) => {
  const position = (await app.store.readAll({ streamPrefixes: [AGENT_STREAM_PREFIX] })).at(-1)?.position;
  return position ? formatPosition(position) : null;
};

export const describePresenceScenarios = (name: string, start: () => Promise<PresenceTestApp>) =>
  describe(name, () => {
    let app: PresenceTestApp;
    beforeAll(async () => { app = await start(); });
    afterAll(async () => { await app?.close(); });

    describe('registering and changing status', () => {
      it('registers an agent who starts offline, set by registration', async () => {
        const id = uniqueId('ada');
        const response = await registerAgent(app, id, ['sales', 'billing'], 3);
        expect(response.status).toBe(200);
        expect(response.body.agent).toMatchObject({
          agentId: id, teams: ['billing', 'sales'], maxConcurrentConversations: 3, status: 'offline', setBy: { kind: 'registration' },
        });
        expect(response.body.command).toMatchObject({ appended: 1, replayed: false });
      });

      it('shows a status change on the very next GET', async () => {
        const id = uniqueId('ada');
        await registerAgent(app, id);
        const changed = await setStatus(app, id, 'online', { reason: 'shift start' });
        expect(changed.status).toBe(200);
        const read = await http(`${app.url}/v1/agents/${id}`, 'GET');
        expect(read.body).toMatchObject({ status: 'online', setBy: { kind: 'agent', id, reason: 'shift start' } });
      });

      it('appends nothing and succeeds when the agent already has the status', async () => {
        const id = uniqueId('ada');
        await registerAgent(app, id);
        await setStatus(app, id, 'away');
        const before = await head(app);
        const again = await setStatus(app, id, 'away');
        expect(again.status).toBe(200);
        expect(again.body.command.appended).toBe(0);
        expect(await head(app)).toBe(before);
      });

      it('appends nothing when the profile is unchanged, and changes teams and capacity otherwise', async () => {
        const id = uniqueId('ada');
        await registerAgent(app, id, ['sales'], 2);
        expect((await registerAgent(app, id, ['sales'], 2)).body.command.appended).toBe(0);
        const changed = await registerAgent(app, id, ['support'], 5);
        expect(changed.body.agent).toMatchObject({ teams: ['support'], maxConcurrentConversations: 5 });
      });

      it('answers 404 for an agent that is not registered, and appends nothing', async () => {
        const before = await head(app);
        const response = await setStatus(app, uniqueId('ghost'), 'online');
        expect(response.status).toBe(404);
        expect(response.body.error).toMatchObject({ code: 'AGENT_NOT_FOUND', field: 'agentId' });
        expect((await http(`${app.url}/v1/agents/${uniqueId('ghost')}`, 'GET')).status).toBe(404);
        expect(await head(app)).toBe(before);
      });
    });

    describe('supervisor overrides', () => {
      it('records who overrode and why, and the override stands until the status changes again', async () => {
        const id = uniqueId('bob');
        await registerAgent(app, id);
        await setStatus(app, id, 'online');
        const overridden = await overrideStatus(app, id, { status: 'offline', reason: 'sick leave', supervisorId: 'sup-1' });
        expect(overridden.status).toBe(201);
        expect(overridden.body.agent).toMatchObject({ status: 'offline', setBy: { kind: 'supervisor', id: 'sup-1', reason: 'sick leave' } });
        expect((await http(`${app.url}/v1/agents/${id}`, 'GET')).body.setBy).toEqual({ kind: 'supervisor', id: 'sup-1', reason: 'sick leave', reasonCode: null });
        await setStatus(app, id, 'online', { reason: 'back' });
        expect((await http(`${app.url}/v1/agents/${id}`, 'GET')).body.setBy).toEqual({ kind: 'agent', id, reason: 'back', reasonCode: null });
      });

      it('refuses an override without a reason with a 400 naming the field, and appends nothing', async () => {
        const id = uniqueId('bob');
        await registerAgent(app, id);
        const before = await head(app);
        const response = await overrideStatus(app, id, { status: 'offline', supervisorId: 'sup-1' });
        expect(response.status).toBe(400);
        expect(response.body.error.fields.map((f: { field: string }) => f.field)).toContain('reason');
        const blank = await overrideStatus(app, id, { status: 'offline', supervisorId: 'sup-1', reason: '   ' });
        expect(blank.status).toBe(400);
        expect(blank.body.error).toMatchObject({ code: 'OVERRIDE_REASON_REQUIRED', field: 'reason' });
        expect(await head(app)).toBe(before);
      });
    });

    describe('queries', () => {
      it('lists agents by team and by status', async () => {
        const team = uniqueId('team');
        const [a, b, c] = [uniqueId('a'), uniqueId('b'), uniqueId('c')];
        await registerAgent(app, a, [team]);
        await registerAgent(app, b, [team]);
        await registerAgent(app, c, ['elsewhere']);
        await setStatus(app, a, 'online');
        const inTeam = await http(`${app.url}/v1/agents?team=${team}`, 'GET');
        expect(inTeam.body.map((x: { agentId: string }) => x.agentId).sort()).toEqual([a, b].sort());
        const online = await http(`${app.url}/v1/agents?team=${team}&status=online`, 'GET');
        expect(online.body.map((x: { agentId: string }) => x.agentId)).toEqual([a]);
      });

      it('replays status history from the event store, in order, with who, when, from, to, reason and position', async () => {
        const id = uniqueId('cy');
        await registerAgent(app, id);
        await setStatus(app, id, 'online', { reason: 'shift' });
        await overrideStatus(app, id, { status: 'away', reason: 'coaching', supervisorId: 'sup-9' });
        await setStatus(app, id, 'offline');
        const history = await http(`${app.url}/v1/agents/${id}/status-history`, 'GET');
        expect(history.status).toBe(200);
        expect(history.body.map((e: { from: string; to: string; setBy: { kind: string; id: string }; reason: string | null }) =>
          [e.from, e.to, e.setBy.kind, e.setBy.id, e.reason])).toEqual([
          ['offline', 'online', 'agent', id, 'shift'],
          ['online', 'away', 'supervisor', 'sup-9', 'coaching'],
          ['away', 'offline', 'agent', id, null],
        ]);
        expect(history.body.every((e: { position: string; at: string }) => /^\d+\/\d+$/.test(e.position) && !Number.isNaN(Date.parse(e.at)))).toBe(true);

        const middle = history.body[1].at;
        const ranged = await http(`${app.url}/v1/agents/${id}/status-history?from=${encodeURIComponent(middle)}&to=${encodeURIComponent(history.body[2].at)}`, 'GET');
        expect(ranged.body.map((e: { to: string }) => e.to)).toEqual(['away']);
      });

      it('shows an admin who sets an agent status as the admin in the history and the availability', async () => {
        const id = uniqueId('cz');
        await registerAgent(app, id);
        const changed = await http(`${app.url}/v1/agents/${id}/status`, 'PUT', { status: 'online', reason: 'covering' });
        expect(changed.status).toBe(200);
        expect(changed.body.agent.setBy).toEqual({ kind: 'admin', id: 'test-admin', reason: 'covering', reasonCode: null });
        const history = await http(`${app.url}/v1/agents/${id}/status-history`, 'GET');
        expect(history.body.map((e: { setBy: unknown }) => e.setBy)).toEqual([{ kind: 'admin', id: 'test-admin' }]);
      });

      it('reconstructs the floor at a past instant from the log', async () => {
        const id = uniqueId('dee');
        await registerAgent(app, id);
        await setStatus(app, id, 'online');
        await new Promise((resolve) => setTimeout(resolve, 5));
        const whileOnline = new Date().toISOString();
        await new Promise((resolve) => setTimeout(resolve, 5));
        await setStatus(app, id, 'away');
        const past = await http(`${app.url}/v1/floor?at=${encodeURIComponent(whileOnline)}`, 'GET');
        expect(past.status).toBe(200);
        expect(past.body.agents.find((a: { agentId: string }) => a.agentId === id)?.status).toBe('online');
        const now = await http(`${app.url}/v1/floor`, 'GET');
        expect(now.body.agents.find((a: { agentId: string }) => a.agentId === id)?.status).toBe('away');
        const beforeRegistration = await http(`${app.url}/v1/floor?at=2000-01-01T00:00:00Z`, 'GET');
        expect(beforeRegistration.body.agents.find((a: { agentId: string }) => a.agentId === id)).toBeUndefined();
      });
    });

    describe('retries and concurrency', () => {
      it('answers a retried request (same Idempotency-Key) with the first result and appends nothing new', async () => {
        const id = uniqueId('eve');
        await registerAgent(app, id);
        const key = randomUUID();
        const first = await setStatus(app, id, 'online', {}, { 'Idempotency-Key': key });
        await setStatus(app, id, 'away');
        const before = await head(app);
        const retried = await setStatus(app, id, 'online', {}, { 'Idempotency-Key': key });
        expect(retried.status).toBe(200);
        expect(retried.body.agent).toEqual(first.body.agent);
        expect(retried.body.command).toMatchObject({ appended: 0, replayed: true });
        expect(await head(app)).toBe(before);
        expect((await http(`${app.url}/v1/agents/${id}`, 'GET')).body.status).toBe('away');
      });

      it('answers a retried no-op as a no-op after a later change, and leaves the agent as the later change left it (k2, k3, k2)', async () => {
        const id = uniqueId('gus');
        await registerAgent(app, id);
        await setStatus(app, id, 'online');
        const [k2, k3] = [randomUUID(), randomUUID()];
        const noOp = await setStatus(app, id, 'online', {}, { 'Idempotency-Key': k2 });
        await setStatus(app, id, 'away', {}, { 'Idempotency-Key': k3 });
        const before = await head(app);
        const retried = await setStatus(app, id, 'online', {}, { 'Idempotency-Key': k2 });
        expect(noOp.body.command).toMatchObject({ appended: 0, replayed: false });
        expect(retried.status).toBe(noOp.status);
        expect(retried.body.command).toMatchObject({ appended: 0, replayed: true });
        expect(retried.body.agent).toEqual(noOp.body.agent);
        expect(await head(app)).toBe(before);
        expect((await http(`${app.url}/v1/agents/${id}`, 'GET')).body.status).toBe('away');
      });

      it('answers a retried refusal (404) with the same status and code after the agent exists, and appends nothing', async () => {
        const id = uniqueId('hal');
        const key = randomUUID();
        const first = await setStatus(app, id, 'online', {}, { 'Idempotency-Key': key });
        await registerAgent(app, id);
        const before = await head(app);
        const retried = await setStatus(app, id, 'online', {}, { 'Idempotency-Key': key });
        expect(first.status).toBe(404);
        expect([retried.status, retried.body.error.code]).toEqual([first.status, first.body.error.code]);
        expect(await head(app)).toBe(before);
        expect((await http(`${app.url}/v1/agents/${id}`, 'GET')).body.status).toBe('offline');
      });

      it('decides a retried malformed request (400) again: the same key with a valid body is carried out', async () => {
        const id = uniqueId('ivy');
        await registerAgent(app, id);
        const key = randomUUID();
        const malformed = await setStatus(app, id, 'busy', {}, { 'Idempotency-Key': key });
        const fixed = await setStatus(app, id, 'online', {}, { 'Idempotency-Key': key });
        expect(malformed.status).toBe(400);
        expect(fixed.status).toBe(200);
        expect(fixed.body.command).toMatchObject({ appended: 1, replayed: false });
      });

      it('keeps every one of 50 concurrent status commands on one agent, each history entry chained to the last', async () => {
        const id = uniqueId('fay');
        await registerAgent(app, id);
        const statuses = ['online', 'away', 'offline'];
        const responses = await Promise.all(Array.from({ length: 50 }, (_, i) =>
          i % 5 === 0
            ? overrideStatus(app, id, { status: statuses[(i * 7) % 3], reason: `check ${i}`, supervisorId: 'sup-1' })
            : setStatus(app, id, statuses[(i * 7) % 3], { reason: `r${i}` })));
        expect(responses.map((r) => r.status).every((s) => s === 200 || s === 201)).toBe(true);
        const appended = responses.reduce((sum, r) => sum + r.body.command.appended, 0);
        const history = (await http(`${app.url}/v1/agents/${id}/status-history`, 'GET')).body as { from: string; to: string; reason: string }[];
        expect(history).toHaveLength(appended);
        expect(history[0].from).toBe('offline');
        history.slice(1).forEach((entry, i) => expect(entry.from).toBe(history[i].to));
        const appliedReasons = responses.filter((r) => r.body.command.appended === 1).map((r) => r.body.agent.setBy.reason).sort();
        expect(history.map((e) => e.reason).sort()).toEqual(appliedReasons);
        expect((await http(`${app.url}/v1/agents/${id}`, 'GET')).body.status).toBe(history.at(-1)!.to);
      });
    });

    describe('the live floor feed', () => {
      it('streams every availability change and resumes after Last-Event-ID with no gap and no repeat', async () => {
        const id = uniqueId('gus');
        await registerAgent(app, id);
        const floor = await http(`${app.url}/v1/floor`, 'GET');
        const feed = await openEventStream(`${app.url}/v1/floor/stream`, { 'Last-Event-ID': floor.body.position });
        expect(feed.status).toBe(200);
        expect(feed.contentType).toContain('text/event-stream');
        await setStatus(app, id, 'online');
        await setStatus(app, id, 'away');
        const firstTwo = (await feed.next(2)).filter((m) => JSON.parse(m.data).agentId === id);
        expect(firstTwo.map((m) => m.event)).toEqual(['AgentStatusChanged', 'AgentStatusChanged']);
        feed.close();

        await overrideStatus(app, id, { status: 'offline', reason: 'end of day', supervisorId: 'sup-2' });
        await setStatus(app, id, 'online');
        const resumed = await openEventStream(`${app.url}/v1/floor/stream`, { 'Last-Event-ID': firstTwo[1].id! });
        const missed = await resumed.next(2);
        expect(missed.map((m) => [m.event, JSON.parse(m.data).data.to])).toEqual([['AgentStatusOverridden', 'offline'], ['AgentStatusChanged', 'online']]);
        await setStatus(app, id, 'away');
        const live = await resumed.next(3);
        expect(JSON.parse(live[2].data)).toMatchObject({ agentId: id, type: 'AgentStatusChanged', data: { from: 'online', to: 'away' } });
        expect(new Set(live.map((m) => m.id)).size).toBe(3);
        resumed.close();
      });

      it('refuses a Last-Event-ID that is not a position', async () => {
        const response = await http(`${app.url}/v1/floor/stream`, 'GET', undefined, { 'Last-Event-ID': 'yesterday' });
        expect(response.status).toBe(400);
        expect(response.body.error.field).toBe('Last-Event-ID');
      });
    });

    describe('bad input', () => {
      const cases: [string, string, string, unknown, string][] = [
        ['an unknown status', 'PUT', 'status', { status: 'busy' }, 'status'],
        ['an unknown field', 'PUT', 'status', { status: 'online', mood: 'happy' }, 'mood'],
        ['a reason that is too long', 'PUT', 'status', { status: 'online', reason: 'x'.repeat(501) }, 'reason'],
        ['a status that is not a string', 'PUT', 'status', { status: 7 }, 'status'],
        ['a capacity of zero', 'PUT', '', { displayName: 'A', teams: ['sales'], maxConcurrentConversations: 0 }, 'maxConcurrentConversations'],
        ['a team that is not a slug', 'PUT', '', { displayName: 'A', teams: ['sales team!'], maxConcurrentConversations: 1 }, 'teams'],
        ['an override by a supervisor id that is not a slug', 'POST', 'status-overrides', { status: 'away', reason: 'r', supervisorId: '../etc' }, 'supervisorId'],
        ['a body that is a JSON array', 'PUT', 'status', [], 'status'],
      ];
      it.each(cases)('answers 400 naming the field for %s, and appends nothing', async (_name, method, path, body, field) => {
        const id = uniqueId('hal');
        await registerAgent(app, id);
        const before = await head(app);
        const response = await http(`${app.url}/v1/agents/${id}${path ? `/${path}` : ''}`, method, body);
        expect(response.status).toBe(400);
        expect(response.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
        expect(await head(app)).toBe(before);
      });

      it('answers 400 for malformed JSON', async () => {
        const response = await http(`${app.url}/v1/agents/x1/status`, 'PUT', '{"status": "online",', {});
        expect(response.status).toBe(400);
        expect(response.body.error).toMatchObject({ code: 'MALFORMED_JSON', field: 'body' });
      });

      it('answers 413 for a body over the limit', async () => {
        const response = await http(`${app.url}/v1/agents/x1/status`, 'PUT', { status: 'online', reason: 'x'.repeat(64 * 1024) });
        expect(response.status).toBe(413);
        expect(response.body.error).toMatchObject({ code: 'BODY_TOO_LARGE', field: 'body' });
      });

      it.each(['not a slug', 'a'.repeat(65), '-leading-dash'])('answers 400 for the agent id %j', async (agentId) => {
        const response = await http(`${app.url}/v1/agents/${encodeURIComponent(agentId)}/status`, 'PUT', { status: 'online' });
        expect(response.status).toBe(400);
        expect(response.body.error.field).toBe('agentId');
      });

      it.each([
        ['status-history?from=yesterday', 'from'],
        ['status-history?to=2026-13-45T00:00:00Z', 'to'],
        ['status-history?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'to'],
      ])('answers 400 for the query %s', async (query, field) => {
        const response = await http(`${app.url}/v1/agents/x1/${query}`, 'GET');
        expect(response.status).toBe(400);
        expect(response.body.error.field).toBe(field);
      });

      it('answers 400 for a floor instant that does not parse', async () => {
        const response = await http(`${app.url}/v1/floor?at=noon`, 'GET');
        expect(response.status).toBe(400);
        expect(response.body.error.field).toBe('at');
      });

      it('answers a JSON 404 without internals for an unknown route', async () => {
        const response = await http(`${app.url}/v1/nowhere`, 'GET');
        expect(response.status).toBe(404);
        expect(JSON.stringify(response.body)).not.toMatch(/node_modules|\.ts:|at .*\(/);
      });
    });

    describe('operations', () => {
      it('rebuilds the read model from position zero into the identical model', async () => {
        const id = uniqueId('ivy');
        await registerAgent(app, id);
        await setStatus(app, id, 'online');
        const before = (await http(`${app.url}/v1/agents`, 'GET')).body;
        await app.app.get(AvailabilityProjection).rebuild();
        expect((await http(`${app.url}/v1/agents`, 'GET')).body).toEqual(before);
      });

      it('reports health with the store and the projection up', async () => {
        const response = await http(`${app.url}/health`, 'GET');
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject({ status: 'up', eventStore: { status: 'up' }, projection: { status: 'up' } });
      });

      it('publishes the API as OpenAPI', async () => {
        const response = await http(`${app.url}/v1/openapi.json`, 'GET');
        expect(response.status).toBe(200);
        expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining([
          '/v1/agents/{agentId}', '/v1/agents/{agentId}/status', '/v1/agents/{agentId}/status-overrides', '/v1/agents',
          '/v1/agents/{agentId}/status-history', '/v1/floor', '/v1/floor/stream', '/health',
        ]));
      });
    });
  });
