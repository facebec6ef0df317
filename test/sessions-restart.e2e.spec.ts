import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { startPresenceTestApp, type PresenceTestApp } from './support/presence-test-app.js';
import {
  SESSION_TEST_ENV, agentOf, onlineAgent, openSession, statusOf, systemChanges, until,
} from './support/session-steps.js';

const GRACE_SECONDS = 6;

describe('a presence restart (embedded SQLite store, same DATA_DIR, PRESENCE_TIMEOUT_SECONDS=2)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sessions-restart-'));
  const apps: PresenceTestApp[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives reconnecting clients a grace after the start and marks nobody away before it ends', async () => {
    const before = await startPresenceTestApp(SESSION_TEST_ENV, dir);
    apps.push(before);
    const reconnecting = await onlineAgent(before, 'reconnecting');
    const gone = await onlineAgent(before, 'gone');
    const sessions = await Promise.all([reconnecting, gone].map((id) => openSession(before, id)));
    await Promise.all(sessions.map((s) => s.next(1)));
    const onlineSince = Date.parse((await agentOf(before, gone)).since);
    sessions.forEach((s) => s.close());
    await before.close();
    apps.pop();
    // Down longer than the timeout: without a grace both agents would be due the moment the new process looks.
    await until('the timeout has passed while presence was down', () => Date.now() > onlineSince + 2500);

    const startedBy = Date.now();
    const after = await startPresenceTestApp({ ...SESSION_TEST_ENV, PRESENCE_STARTUP_GRACE_SECONDS: String(GRACE_SECONDS) }, dir);
    apps.push(after);
    const session = await openSession(after, reconnecting);
    await session.next(1);
    await until('the agent who did not come back is away', async () => (await statusOf(after, gone)) === 'away');

    const [change] = await systemChanges(after, gone);
    expect(Date.parse((change.metadata as { occurredAt: string }).occurredAt)).toBeGreaterThanOrEqual(startedBy + GRACE_SECONDS * 1000);
    expect(await agentOf(after, reconnecting)).toMatchObject({ status: 'online', connected: true });
    expect(await systemChanges(after, reconnecting)).toEqual([]);
    session.close();
  });
});
