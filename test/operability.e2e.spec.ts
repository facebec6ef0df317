/**
 * Operability: /health/live and /health/ready (terminus), /metrics
 * (prom-client, a Registry per app), JSON logs with correlation ids that
 * match the stored events' metadata, and graceful shutdown of a real process.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreUnavailableError, SqliteEventStore } from '@app/event-store';
import { AvailabilityProjection } from '../apps/presence/src/read-model/availability-projection.js';
import { registerAgent, setStatus, uniqueId } from './support/presence-scenarios.js';
import { http, startPresenceTestApp, type PresenceTestApp } from './support/presence-test-app.js';
import { online, queueConversation } from './support/routing-steps.js';
import { startRoutingFloor, eventually, type RoutingFloor } from './support/routing-test-app.js';
import { spawnApp, type SpawnedApp } from './support/spawned-app.js';
import { bearer } from './support/test-tokens.js';

const metricValue = (text: string, name: string, labels: Record<string, string> = {}): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `)
    ? Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)) : false);
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
};

describe('health probes', () => {
  let app: PresenceTestApp;
  beforeAll(async () => { app = await startPresenceTestApp({ READY_MAX_PROJECTION_LAG_MS: '200' }); });
  afterAll(async () => { await app?.close(); });

  it('answers /health/live without a token', async () => {
    const live = await http(`${app.url}/health/live`, 'GET', undefined, { authorization: '' });
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ status: 'ok', info: { process: { status: 'up' } } });
  });

  it('is ready when the store answers and the projection and relay are caught up', async () => {
    const id = uniqueId('ready');
    await registerAgent(app, id);
    await setStatus(app, id, 'online');
    await eventually(async () => (await http(`${app.url}/health/ready`, 'GET', undefined, { authorization: '' })).status === 200, 'ready');
    const ready = await http(`${app.url}/health/ready`, 'GET', undefined, { authorization: '' });
    expect(ready.body).toMatchObject({ status: 'ok', info: { eventStore: { status: 'up' }, projection: { status: 'up', lagEvents: 0 }, relay: { status: 'up' } } });
  });

  it('answers 503 with terminus\'s JSON while the event store does not answer', async () => {
    const spy = jest.spyOn(app.store, 'headPosition').mockRejectedValue(new EventStoreUnavailableError('the disk went away'));
    try {
      const ready = await http(`${app.url}/health/ready`, 'GET', undefined, { authorization: '' });
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'error', error: { eventStore: { status: 'down' } } });
      expect((await http(`${app.url}/health/live`, 'GET')).status).toBe(200);
    } finally {
      spy.mockRestore();
    }
    expect((await http(`${app.url}/health/ready`, 'GET')).status).toBe(200);
  });

  it('answers 503 while the projection is behind by more than READY_MAX_PROJECTION_LAG_MS, 200 once caught up', async () => {
    const projection = app.app.get(AvailabilityProjection);
    const id = uniqueId('behind');
    await registerAgent(app, id);
    await projection.beforeApplicationShutdown(); // the projection stops reading the log
    await setStatus(app, id, 'away'); // answered after the read-your-writes timeout, unprojected
    await new Promise((resolve) => setTimeout(resolve, 300));
    const behind = await http(`${app.url}/health/ready`, 'GET');
    expect(behind.status).toBe(503);
    expect(behind.body.error.projection).toMatchObject({ status: 'down', lagEvents: 1 });
    expect(behind.body.error.projection.lagMs).toBeGreaterThan(200);
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metricValue(metrics, 'presence_projection_lag_events')).toBe(1);

    await projection.rebuild(); // reads the log again up to the head
    const caughtUp = await http(`${app.url}/health/ready`, 'GET');
    expect(caughtUp.status).toBe(200);
    expect(metricValue(await (await fetch(`${app.url}/metrics`)).text(), 'presence_projection_lag_events')).toBe(0);
  }, 20_000);
});

describe('/metrics', () => {
  let floor: RoutingFloor;
  beforeAll(async () => { floor = await startRoutingFloor(); });
  afterAll(async () => { await floor?.close(); });

  const scrape = async (url: string) => {
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    return response.text();
  };

  it('exposes the named metrics without a token, in the exposition format', async () => {
    const text = await scrape(floor.presence.url);
    for (const name of [
      'presence_commands_total', 'event_store_append_seconds', 'presence_projection_lag_events', 'presence_relay_lag_events',
      'routing_queue_length', 'routing_assignments_total', 'auth_denials_total', 'process_cpu_user_seconds_total', 'nodejs_heap_size_used_bytes',
    ]) expect(text).toContain(`# TYPE ${name}`);
  });

  it('counts commands by type and outcome, append latency, assignments and queue lengths', async () => {
    const before = await scrape(floor.presence.url);
    const id = uniqueId('metric');
    await online(floor, id, ['metrics-team'], 1);
    await setStatus(floor.presence, id, 'online'); // no-op
    const missing = await setStatus(floor.presence, uniqueId('nobody'), 'online');
    expect(missing.status).toBe(404);
    expect((await queueConversation(floor.routing, uniqueId('conv'), 'metrics-team')).status).toBe(201);
    expect((await queueConversation(floor.routing, uniqueId('conv'), 'metrics-team')).status).toBe(201); // agent full: queued

    const presence = await scrape(floor.presence.url);
    const delta = (name: string, labels: Record<string, string>) => metricValue(presence, name, labels) - metricValue(before, name, labels);
    expect(delta('presence_commands_total', { type: 'SetAgentStatus', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(delta('presence_commands_total', { type: 'SetAgentStatus', outcome: 'noop' })).toBe(1);
    expect(delta('presence_commands_total', { type: 'SetAgentStatus', outcome: 'rejected', code: 'AGENT_NOT_FOUND' })).toBe(1);
    expect(delta('event_store_append_seconds_count', { outcome: 'ok' })).toBeGreaterThanOrEqual(2);

    const routing = await scrape(floor.routing.url);
    expect(metricValue(routing, 'routing_assignments_total', { team: 'metrics-team' })).toBe(1);
    expect(metricValue(routing, 'routing_queue_length', { team: 'metrics-team' })).toBe(1);
    expect(metricValue(routing, 'routing_commands_total', { type: 'QueueConversation', outcome: 'ok' })).toBe(2);
  });

  it('counts auth denials: 403 by action, 401 by reason category', async () => {
    const before = await scrape(floor.presence.url);
    const id = uniqueId('deny');
    await registerAgent(floor.presence, id);
    expect((await setStatus(floor.presence, id, 'online', {}, await bearer('someone-else', 'agent', ['sales']))).status).toBe(403);
    expect((await http(`${floor.presence.url}/v1/agents`, 'GET', undefined, { authorization: '' })).status).toBe(401);
    expect((await http(`${floor.presence.url}/v1/agents`, 'GET', undefined, { authorization: 'Bearer nope' })).status).toBe(401);
    const after = await scrape(floor.presence.url);
    const delta = (labels: Record<string, string>) => metricValue(after, 'auth_denials_total', labels) - metricValue(before, 'auth_denials_total', labels);
    expect(delta({ status: '403', action: 'set the status of' })).toBe(1);
    expect(delta({ status: '401', reason: 'missing' })).toBe(1);
    expect(delta({ status: '401', reason: 'malformed' })).toBe(1);
  });
});

describe('correlation ids and JSON logs (a spawned app\'s stdout)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'presence-logs-'));
  let app: SpawnedApp;
  beforeAll(async () => { app = await spawnApp('standalone', { DATA_DIR: dataDir, LOG_LEVEL: 'info' }); });
  afterAll(async () => {
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const logLines = () => app.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);

  it('takes X-Correlation-Id from the request into the response, the stored event and the request\'s log line', async () => {
    const id = uniqueId('corr');
    await http(`${app.url}/v1/agents/${id}`, 'PUT', { displayName: id, teams: ['sales'], maxConcurrentConversations: 1 });
    const response = await http(`${app.url}/v1/agents/${id}/status`, 'PUT', { status: 'online' }, { 'x-correlation-id': 'corr-from-client-1', ...(await bearer(id, 'agent', ['sales'])) });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-correlation-id')).toBe('corr-from-client-1');

    const store = new SqliteEventStore(join(dataDir, 'events.sqlite'));
    try {
      const events = await store.readStream(`agent-${id}`);
      expect(events.at(-1)!.metadata).toMatchObject({ correlationId: 'corr-from-client-1' });
    } finally {
      await store.close();
    }
    await eventually(() => logLines().some((l) => l.correlationId === 'corr-from-client-1' && l.msg === 'request'), 'the request is logged');
    const line = logLines().find((l) => l.correlationId === 'corr-from-client-1' && l.msg === 'request')!;
    expect(line).toMatchObject({ level: 'info', method: 'PUT', route: '/v1/agents/:agentId/status', status: 200, callerId: id, context: 'HTTP' });
    expect(typeof line.durationMs).toBe('number');
    expect(JSON.stringify(line)).not.toMatch(/Bearer|eyJ/);
  });

  it('makes a correlation id when none is sent, and stores that same one', async () => {
    const id = uniqueId('corr');
    const response = await http(`${app.url}/v1/agents/${id}`, 'PUT', { displayName: id, teams: ['sales'], maxConcurrentConversations: 1 });
    const made = response.headers.get('x-correlation-id');
    expect(made).toMatch(/^[0-9a-f-]{36}$/);
    const store = new SqliteEventStore(join(dataDir, 'events.sqlite'));
    try {
      expect((await store.readStream(`agent-${id}`))[0].metadata).toMatchObject({ correlationId: made });
    } finally {
      await store.close();
    }
    await eventually(() => logLines().some((l) => l.correlationId === made), 'the request is logged with it');
    // Every line is one JSON object.
    expect(app.output().split('\n').filter((l) => l.trim() && !l.startsWith('standalone: listening')).every((l) => l.startsWith('{'))).toBe(true);
  });
});

describe('graceful shutdown on SIGTERM (a spawned standalone app under load)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'presence-sigterm-'));
  let running: SpawnedApp | undefined;
  afterAll(async () => {
    await running?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes in-flight requests, exits 0, and resumes projection and relay with nothing lost', async () => {
    running = await spawnApp('standalone', { DATA_DIR: dataDir, LOG_LEVEL: 'silent', SHUTDOWN_TIMEOUT_MS: '5000' });
    const agents = Array.from({ length: 8 }, (_, i) => `sigterm-agent-${i}`);
    for (const id of agents) {
      expect((await http(`${running.url}/v1/agents/${id}`, 'PUT', { displayName: id, teams: ['sales'], maxConcurrentConversations: 2 })).status).toBe(200);
    }
    const app = running;
    const answered: { status: number; at: number; reason: string }[] = [];
    const statuses = ['online', 'away', 'offline'];
    let signalledAt = Infinity;
    const client = async (worker: number) => {
      for (let i = 0; ; i++) {
        const reason = `w${worker}-${i}`;
        try {
          const response = await http(`${app.url}/v1/agents/${agents[worker]}/status`, 'PUT', { status: statuses[i % 3], reason });
          answered.push({ status: response.status, at: Date.now(), reason });
        } catch {
          return; // refused or closed before the request reached the app: the app no longer takes connections
        }
      }
    };
    const clients = agents.map((_, worker) => client(worker));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const exit = new Promise<number | null>((resolve) => app.process.once('exit', (code) => resolve(code)));
    signalledAt = Date.now();
    app.process.kill('SIGTERM');
    const code = await Promise.race([exit, new Promise<string>((resolve) => setTimeout(() => resolve('timeout'), 15_000))]);
    await Promise.all(clients);
    running = undefined;
    expect(code).toBe(0);
    expect(answered.length).toBeGreaterThan(20);
    // Every request the app took was answered with success, including those in flight when the signal came.
    expect(answered.filter((a) => a.status !== 200)).toEqual([]);
    expect(answered.some((a) => a.at >= signalledAt)).toBe(true);

    // Every stored status change was answered (nothing applied and then cut off), and every answer is stored.
    const store = new SqliteEventStore(join(dataDir, 'events.sqlite'));
    let stored: string[];
    try {
      stored = (await store.readAll({ streamPrefixes: ['agent-'] })).map((e) => (e.data as { reason?: string }).reason).filter((r): r is string => !!r);
    } finally {
      await store.close();
    }
    const acknowledged = new Set(answered.map((a) => a.reason));
    const applied = new Set(stored);
    expect([...applied].filter((r) => !acknowledged.has(r))).toEqual([]);
    expect([...acknowledged].filter((r) => !applied.has(r))).toEqual([]);

    // After a restart the projection and the relay resume from their checkpoints and catch up with everything.
    running = await spawnApp('standalone', { DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const again = running;
    await eventually(async () => {
      const ready = await http(`${again.url}/health/ready`, 'GET');
      return ready.status === 200 && ready.body.info.projection.lagEvents === 0 && ready.body.info.relay.lagEvents === 0;
    }, 'ready, with projection and relay caught up, after restart', 15_000);
    const last = new Map<string, string>();
    for (const a of answered.sort((x, y) => Number(x.reason.split('-')[1]) - Number(y.reason.split('-')[1]))) last.set(a.reason.split('-')[0], a.reason);
    for (const [worker, reason] of last) {
      const agent = (await http(`${again.url}/v1/agents/${agents[Number(worker.slice(1))]}`, 'GET')).body;
      expect(agent.setBy.reason).toBe(reason);
    }
  }, 60_000);
});
