import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { http } from './support/presence-test-app.js';
import { uniqueId } from './support/presence-scenarios.js';
import { close, online, queueConversation, register, status } from './support/routing-steps.js';
import { startRoutingFloor, type RoutingFloor } from './support/routing-test-app.js';
import { bearer } from './support/test-tokens.js';

describe("a team's live numbers over HTTP and as Prometheus gauges, on the embedded store and bus", () => {
  let floor: RoutingFloor;
  const team = uniqueId('desk');
  const stats = async (headers: Record<string, string> = {}) => http(`${floor.routing.url}/v1/teams/${team}/stats`, 'GET', undefined, headers);

  // Ada (capacity 1) online, Bob away, Cy offline; three conversations: one assigned to Ada, two waiting.
  beforeAll(async () => {
    floor = await startRoutingFloor(1, { SERVICE_LEVEL_SECONDS: '30' });
    await online(floor, `${team}-ada`, [team], 1);
    await register(floor, `${team}-bob`, [team]);
    await status(floor, `${team}-bob`, 'away');
    await register(floor, `${team}-cy`, [team]);
    for (const id of ['c1', 'c2', 'c3']) await queueConversation(floor.routing, `${team}-${id}`, team);
  });
  afterAll(async () => { await floor?.close(); });

  it('counts the agents by status, the waiting and assigned conversations, and what arrived and was assigned lately', async () => {
    const response = await stats();
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      team,
      agents: { online: 1, away: 1, offline: 1, connected: 0 },
      conversations: { queued: 2, assignedNow: 1 },
      lastFifteenMinutes: { offered: 3, assigned: 1, serviceLevel: 1, serviceLevelSeconds: 30 },
    });
    expect(response.body.conversations.oldestWaitSeconds).toBeGreaterThanOrEqual(0);
    expect(Date.parse(response.body.at)).not.toBeNaN();
  });

  it('moves on as the queue drains: a closed conversation frees Ada for the oldest waiting one', async () => {
    await close(floor.routing, `${team}-c1`);
    const { body } = await stats();
    expect(body.conversations).toMatchObject({ queued: 1, assignedNow: 1 });
    expect(body.lastFifteenMinutes).toMatchObject({ offered: 3, assigned: 2 });
    expect(body.lastFifteenMinutes.p90WaitSeconds).toBeGreaterThanOrEqual(body.lastFifteenMinutes.medianWaitSeconds);
  });

  it('shows the numbers to the supervisors of the team, admins and services, and not to others', async () => {
    const answers = await Promise.all([
      stats(await bearer('sup-1', 'supervisor', [team])), stats(await bearer('gateway', 'service')), stats(),
      stats(await bearer('sup-2', 'supervisor', ['elsewhere'])), stats(await bearer(`${team}-ada`, 'agent', [team])),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 403, 403]);
  });

  it('exposes the same numbers as routing_team_* gauges per team', async () => {
    const metrics = await fetch(`${floor.routing.url}/metrics`).then((response) => response.text());
    const value = (name: string, labels: string) => new RegExp(`^${name}\\{${labels}\\} (\\S+)$`, 'm').exec(metrics)?.[1];
    expect(value('routing_team_agents', `team="${team}",status="online"`)).toBe('1');
    expect(value('routing_team_agents', `team="${team}",status="away"`)).toBe('1');
    expect(value('routing_team_assigned_now', `team="${team}"`)).toBe('1');
    expect(value('routing_team_offered_15m', `team="${team}"`)).toBe('3');
    expect(value('routing_team_assigned_15m', `team="${team}"`)).toBe('2');
    expect(value('routing_team_service_level', `team="${team}"`)).toBe('1');
    expect(value('routing_team_wait_seconds', `team="${team}",quantile="0.9"`)).toMatch(/^\d/);
  });

  it('lists the endpoint in the OpenAPI document', async () => {
    const paths = Object.keys((await http(`${floor.routing.url}/v1/openapi.json`, 'GET')).body?.paths ?? {});
    expect(paths).toContain('/v1/teams/{team}/stats');
  });
});
