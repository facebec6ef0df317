import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { http, type JsonResponse } from './support/presence-test-app.js';
import { registerAgent, setStatus, uniqueId } from './support/presence-scenarios.js';
import { queueConversation } from './support/routing-steps.js';
import { startRoutingFloor, type RoutingFloor } from './support/routing-test-app.js';

/** Every page of a list, following X-Next-Cursor, calling `between` after each page (events arriving meanwhile). */
const allPages = async (first: string, between: (page: number) => Promise<void>): Promise<JsonResponse[]> => {
  const pages: JsonResponse[] = [];
  for (let url: string | undefined = first; url !== undefined;) {
    const page: JsonResponse = await http(url, 'GET');
    expect(page.status).toBe(200);
    pages.push(page);
    const cursor: string | null = page.headers.get('x-next-cursor');
    if (cursor) expect(page.headers.get('link')).toContain(`cursor=${cursor}`);
    url = cursor ? `${first}${first.includes('?') ? '&' : '?'}cursor=${cursor}` : undefined;
    await between(pages.length);
  }
  return pages;
};

const repeated = (ids: readonly string[]) => ids.filter((id, i) => ids.indexOf(id) !== i);

describe('bounded responses: limit and cursor, stable while events arrive', () => {
  let floor: RoutingFloor;
  const team = uniqueId('paged');

  beforeAll(async () => { floor = await startRoutingFloor(1); }, 60_000);
  afterAll(async () => { await floor?.close(); });

  it('pages the agents without skipping or repeating one, while agents register and change status between pages', async () => {
    const before = Array.from({ length: 23 }, (_, i) => `${team}-a${String(i).padStart(2, '0')}`);
    for (const id of before) await registerAgent(floor.presence, id, [team]);
    let arrivals = 0;
    const pages = await allPages(`${floor.presence.url}/v1/agents?team=${team}&limit=5`, async (page) => {
      await registerAgent(floor.presence, `${team}-a${String(page).padStart(2, '0')}-late-${arrivals++}`, [team]);
      await setStatus(floor.presence, before[page], 'online');
    });
    const listed = pages.flatMap((page) => page.body.map((agent: { agentId: string }) => agent.agentId));
    expect(pages.every((page) => page.body.length <= 5)).toBe(true);
    expect(repeated(listed)).toEqual([]);
    expect(before.filter((id) => !listed.includes(id))).toEqual([]);
    expect([...listed].sort()).toEqual(listed);
  });

  it('pages an agent\'s status history in stream order, while the agent keeps changing status', async () => {
    const id = uniqueId('historic');
    await registerAgent(floor.presence, id, [team]);
    const statuses = ['online', 'away'] as const;
    for (let i = 0; i < 17; i++) await setStatus(floor.presence, id, statuses[i % 2]);
    const pages = await allPages(`${floor.presence.url}/v1/agents/${id}/status-history?limit=4`, async () => {
      const current = (await http(`${floor.presence.url}/v1/agents/${id}`, 'GET')).body.status;
      await setStatus(floor.presence, id, current === 'online' ? 'away' : 'online');
    });
    const revisions = pages.flatMap((page) => page.body.map((entry: { revision: number }) => entry.revision));
    expect(revisions.length).toBeGreaterThanOrEqual(17);
    expect(revisions.every((revision, i) => i === 0 || revision > revisions[i - 1])).toBe(true);
    expect(revisions.slice(0, 17)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
  });

  it('pages a team queue in queue order while more conversations arrive', async () => {
    const queueTeam = uniqueId('waiting');
    const first = Array.from({ length: 9 }, (_, i) => `${queueTeam}-c${i}`);
    for (const id of first) await queueConversation(floor.routing, id, queueTeam);
    const pages = await allPages(`${floor.routing.url}/v1/queues/${queueTeam}?limit=4`, async (page) => {
      await queueConversation(floor.routing, `${queueTeam}-late-${page}`, queueTeam);
    });
    const listed = pages.flatMap((page) => page.body.conversations.map((c: { conversationId: string }) => c.conversationId));
    expect(repeated(listed)).toEqual([]);
    expect(listed.slice(0, 9)).toEqual(first);
  });

  it('refuses a limit over 1000 and a cursor it did not hand out, naming the field', async () => {
    const tooMany = await http(`${floor.presence.url}/v1/agents?limit=1001`, 'GET');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.field).toBe('limit');
    const forged = await http(`${floor.presence.url}/v1/agents?cursor=bm90LWEtY3Vyc29y`, 'GET');
    expect(forged.status).toBe(400);
    expect(forged.body.error.field).toBe('cursor');
    // A real cursor of one list (agents: this suite registered many) is refused by another list (a queue).
    const agentsCursor = (await http(`${floor.presence.url}/v1/agents?limit=1`, 'GET')).headers.get('x-next-cursor');
    expect(agentsCursor).toEqual(expect.any(String));
    const crossed = await http(`${floor.routing.url}/v1/queues/${team}?cursor=${agentsCursor}`, 'GET');
    expect(crossed.status).toBe(400);
    expect(crossed.body.error.field).toBe('cursor');
  });

  it('answers the floor of one team', async () => {
    const other = uniqueId('other');
    await registerAgent(floor.presence, `${other}-x`, [other]);
    const teamFloor = await http(`${floor.presence.url}/v1/floor?team=${other}`, 'GET');
    expect(teamFloor.body.agents.map((agent: { agentId: string }) => agent.agentId)).toEqual([`${other}-x`]);
  });
});
