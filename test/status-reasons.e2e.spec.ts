import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { http, startPresenceTestApp, type PresenceTestApp } from './support/presence-test-app.js';
import { head, overrideStatus, registerAgent, setStatus, uniqueId } from './support/presence-scenarios.js';
import { bearer } from './support/test-tokens.js';

describe('status reasons over HTTP on the embedded SQLite event store', () => {
  let app: PresenceTestApp;
  const putReason = (code: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    http(`${app.url}/v1/status-reasons/${code}`, 'PUT', body, headers);

  beforeAll(async () => {
    app = await startPresenceTestApp();
    await putReason('lunch', { label: 'Lunch', status: 'away' });
    await putReason('sick-leave', { label: 'Sick leave', status: 'offline' });
    await putReason('old-break', { label: 'Old break', status: 'away', retired: true });
  });
  afterAll(async () => { await app?.close(); });

  it('lets an admin define a reason and lists it with the system reasons', async () => {
    const put = await putReason('training', { label: 'Training', status: 'away' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ reason: { code: 'training', label: 'Training', status: 'away', retired: false, system: false }, command: { appended: 1 } });
    const list = await http(`${app.url}/v1/status-reasons`, 'GET', undefined, await bearer('a1', 'agent'));
    expect(list.status).toBe(200);
    expect(list.body.reasons.map((r: { code: string }) => r.code)).toEqual(['connection-lost', 'missed-offer', 'old-break', 'sick-leave', 'training', 'lunch'].sort());
  });

  it('appends nothing for the same PUT again', async () =>
    expect((await putReason('lunch', { label: 'Lunch', status: 'away' })).body.command).toMatchObject({ appended: 0 }));

  it('refuses a supervisor (403), a system reason (409) and a bad code (400 naming code), appending nothing', async () => {
    const before = await head(app);
    const bySupervisor = await putReason('coffee', { label: 'Coffee', status: 'away' }, await bearer('sup-1', 'supervisor', ['sales']));
    const system = await putReason('connection-lost', { label: 'Gone', status: 'away' });
    const badCode = await putReason('Coffee_Break', { label: 'Coffee', status: 'away' });
    expect([bySupervisor.status, system.status, badCode.status]).toEqual([403, 409, 400]);
    expect([system.body.error.code, badCode.body.error.code, badCode.body.error.field]).toEqual(['SYSTEM_REASON_READ_ONLY', 'INVALID_STATUS_REASON', 'code']);
    expect(await head(app)).toBe(before);
  });

  it('records the code an agent gives with its status, in the availability and the history', async () => {
    const id = uniqueId('rc');
    await registerAgent(app, id);
    const changed = await setStatus(app, id, 'away', { reason: 'back at one', reasonCode: 'lunch' });
    expect(changed.status).toBe(200);
    expect(changed.body.agent.setBy).toEqual({ kind: 'agent', id, reason: 'back at one', reasonCode: 'lunch' });
    const history = await http(`${app.url}/v1/agents/${id}/status-history`, 'GET');
    expect(history.body.map((e: { reasonCode: string | null }) => e.reasonCode)).toEqual(['lunch']);
  });

  it('records the code a supervisor gives with an override', async () => {
    const id = uniqueId('rc');
    await registerAgent(app, id);
    const overridden = await overrideStatus(app, id, { status: 'offline', reason: 'went home ill', reasonCode: 'sick-leave' });
    expect(overridden.status).toBe(201);
    expect(overridden.body.agent.setBy).toMatchObject({ kind: 'supervisor', reasonCode: 'sick-leave' });
  });

  it.each([
    ['an unknown code', 'away', 'pizza', 'REASON_CODE_UNKNOWN'],
    ['a retired code', 'away', 'old-break', 'REASON_CODE_RETIRED'],
    ['a code of another status class', 'away', 'sick-leave', 'REASON_CODE_WRONG_STATUS'],
    ['a system code', 'away', 'connection-lost', 'REASON_CODE_RESERVED'],
  ])('answers 400 naming reasonCode for %s, and appends nothing', async (_name, status, reasonCode, code) => {
    const id = uniqueId('rc');
    await registerAgent(app, id);
    const before = await head(app);
    const refused = await setStatus(app, id, status, { reasonCode });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code, field: 'reasonCode' });
    const override = await overrideStatus(app, id, { status, reason: 'r', reasonCode });
    expect([override.status, override.body.error.field]).toEqual([400, 'reasonCode']);
    expect(await head(app)).toBe(before);
  });

  it('lists the new endpoints in the OpenAPI document', async () => {
    const paths = Object.keys((await http(`${app.url}/v1/openapi.json`, 'GET')).body?.paths ?? {});
    expect(paths).toEqual(expect.arrayContaining(['/v1/status-reasons', '/v1/status-reasons/{code}']));
  });
});
