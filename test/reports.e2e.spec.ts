import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { http, startPresenceTestApp, type PresenceTestApp } from './support/presence-test-app.js';
import { registerAgent, setStatus, uniqueId } from './support/presence-scenarios.js';
import { hours, on, seededDataDir } from './support/report-scenarios.js';
import { bearer } from './support/test-tokens.js';

describe('the time-in-status report over HTTP on the embedded SQLite event store', () => {
  let app: PresenceTestApp;
  const report = (query: string, headers: Record<string, string> = {}) => http(`${app.url}/v1/reports/time-in-status?${query}`, 'GET', undefined, headers);
  const day = (from: string, to: string) => `from=${on(from)}&to=${on(to)}`;
  const ids = (rows: { agentId: string }[]) => rows.map((row) => row.agentId);

  // A working day written before the start: the projection reads it from the log like any history.
  beforeAll(async () => { app = await startPresenceTestApp({}, await seededDataDir()); });
  afterAll(async () => { await app?.close(); });

  it('answers one row per agent with seconds per status and per reason code, occupancy, conversations and overrides', async () => {
    const response = await report(`${day('08:00', '18:00')}&agentId=ada`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual([{
      agentId: 'ada', displayName: 'Agent ada', teams: ['sales'], from: on('08:00'), to: on('18:00'),
      seconds: { online: hours(5), away: hours(3), offline: hours(2) },
      byReason: [
        { status: 'online', reasonCode: null, seconds: hours(5) },
        { status: 'away', reasonCode: 'connection-lost', seconds: hours(2) },
        { status: 'away', reasonCode: 'lunch', seconds: hours(1) },
        { status: 'offline', reasonCode: null, seconds: hours(2) },
      ],
      occupancy: { seconds: hours(1), onlineSeconds: hours(1), shareOfOnline: 0.2 },
      conversations: { assigned: 1, closed: 1 },
      offers: { missed: 0, declined: 0 },
      overridesReceived: 1,
    }]);
  });

  it('cuts the statuses that straddle from and to exactly at the boundaries', async () => {
    const [row] = (await report(`${day('12:30', '15:30')}&agentId=ada`)).body;
    expect(row.seconds).toEqual({ online: hours(2), away: hours(1), offline: 0 });
    expect(row.byReason).toEqual([
      { status: 'online', reasonCode: null, seconds: hours(2) },
      { status: 'away', reasonCode: 'connection-lost', seconds: hours(0.5) },
      { status: 'away', reasonCode: 'lunch', seconds: hours(0.5) },
    ]);
  });

  it('counts an agent registered inside the range from its registration, and leaves out one registered after it', async () => {
    const [row] = (await report(`${day('08:00', '12:00')}&agentId=bob`)).body;
    expect(row).toMatchObject({ from: on('10:30'), seconds: { online: hours(1), away: 0, offline: hours(0.5) } });
    expect((await report(`${day('08:00', '10:00')}&agentId=bob`)).body).toEqual([]);
  });

  it("chooses agents by their current teams", async () => {
    expect(ids((await report(`${day('08:00', '18:00')}&team=support`)).body)).toEqual(['bob']);
    expect(ids((await report(`${day('08:00', '18:00')}&team=sales`)).body)).toEqual(['ada', 'cy']);
  });

  it('answers CSV for Accept: text/csv, a header row then one agent per line with ISO times', async () => {
    const response = await report(`${day('08:00', '18:00')}&team=sales`, { accept: 'text/csv' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="time-in-status_.*\.csv"$/);
    const [header, ...lines] = (response.body as string).split('\r\n').filter((line) => line !== '');
    const columns = header.split(',');
    expect(columns.slice(0, 8)).toEqual(['agent_id', 'display_name', 'teams', 'from', 'to', 'online_seconds', 'away_seconds', 'offline_seconds']);
    expect(columns).toEqual(expect.arrayContaining(['away_seconds:lunch', 'away_seconds:connection-lost', 'overrides_received']));
    expect(lines).toHaveLength(2);
    const ada = Object.fromEntries(lines[0].split(',').map((cell, i) => [columns[i], cell]));
    expect(ada).toMatchObject({
      agent_id: 'ada', from: on('08:00'), to: on('18:00'), online_seconds: String(hours(5)), 'away_seconds:lunch': String(hours(1)),
      occupancy_share_of_online: '0.2', overrides_received: '1',
    });
  });

  it('keeps up with the log: a change made a moment ago is in the next report', async () => {
    const id = uniqueId('live');
    await registerAgent(app, id, ['live']);
    await setStatus(app, id, 'online');
    const range = `from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date(Date.now() + 3_600_000).toISOString()}&agentId=${id}`;
    const before = (await report(range)).body[0];
    await setStatus(app, id, 'away');
    const after = (await report(range)).body[0];
    expect(before.byReason.map((entry: { status: string }) => entry.status)).not.toContain('away');
    expect(after.byReason.map((entry: { status: string }) => entry.status)).toContain('away');
    const counted = after.seconds.online + after.seconds.away + after.seconds.offline;
    expect(counted).toBeCloseTo((Date.parse(after.to) - Date.parse(after.from)) / 1000, 6);
  });

  it('answers a page at a time, with the next page named in X-Next-Cursor', async () => {
    const first = await report(`${day('08:00', '18:00')}&team=sales&limit=1`);
    expect(ids(first.body)).toEqual(['ada']);
    const cursor = first.headers.get('x-next-cursor');
    const second = await report(`${day('08:00', '18:00')}&team=sales&limit=1&cursor=${cursor}`);
    expect(ids(second.body)).toEqual(['cy']);
    expect(second.headers.get('x-next-cursor')).toBeNull();
  });

  describe('who may read it', () => {
    const as = async (role: 'supervisor' | 'agent' | 'service', teams: string[], query: string) =>
      report(`${day('08:00', '18:00')}${query}`, await bearer(`${role}-x`, role, teams));

    it("lets a supervisor report on its own team, and shows it only its teams' agents when it names none", async () => {
      expect(ids((await as('supervisor', ['sales'], '&team=sales')).body)).toEqual(['ada', 'cy']);
      expect(ids((await as('supervisor', ['billing'], '')).body)).toEqual(['cy']);
      expect(ids((await as('supervisor', ['sales'], '&agentId=ada')).body)).toEqual(['ada']);
    });

    it('refuses a supervisor another team or an agent of another team, and agents and services altogether', async () => {
      const refused = await Promise.all([
        as('supervisor', ['sales'], '&team=support'), as('supervisor', ['sales'], '&agentId=bob'),
        as('agent', ['sales'], '&agentId=ada'), as('service', [], ''),
      ]);
      expect(refused.map((response) => response.status)).toEqual([403, 403, 403, 403]);
      expect(refused[0].body.error.code).toBe('FORBIDDEN');
    });
  });

  it('answers 400 naming the field for a missing or reversed range, and 404 for an unknown agent', async () => {
    const missing = await report(`to=${on('18:00')}`);
    const reversed = await report(day('18:00', '08:00'));
    const unknown = await report(`${day('08:00', '18:00')}&agentId=nobody`);
    expect([missing.status, missing.body.error.field]).toEqual([400, 'from']);
    expect([reversed.status, reversed.body.error.field]).toEqual([400, 'to']);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'AGENT_NOT_FOUND']);
  });

  it('lists the report and the history check in the OpenAPI document', async () => {
    const paths = Object.keys((await http(`${app.url}/v1/openapi.json`, 'GET')).body?.paths ?? {});
    expect(paths).toEqual(expect.arrayContaining(['/v1/reports/time-in-status', '/v1/agents/{agentId}/status-history/verify']));
  });
});
