/**
 * A short soak (about a minute, a fixed request count): mixed load on one
 * presence + routing floor, sampling heap and projection lag every few
 * seconds and printing them. It proves nothing leaks fast and the
 * projection keeps up; it is not a multi-hour soak.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { overrideStatus, registerAgent, setStatus } from './support/presence-scenarios.js';
import { http } from './support/presence-test-app.js';
import { close, queueConversation } from './support/routing-steps.js';
import { eventually, startRoutingFloor, type RoutingFloor } from './support/routing-test-app.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const REQUESTS = 8000;
const WARM_UP = 1000;
const CONCURRENCY = 8;
const MAX_WALL_MS = 75_000;
const SAMPLE_EVERY_MS = 3000;
const TEAMS = ['soak-a', 'soak-b', 'soak-c', 'soak-d'];
const AGENTS = Array.from({ length: 40 }, (_, i) => `soak-agent-${i}`);

const heapMiB = () => process.memoryUsage().heapUsed / 2 ** 20;

const projectionLag = async (url: string): Promise<number> => {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('presence_projection_lag_events '));
  return line ? Number(line.split(' ')[1]) : NaN;
};

describe('soak: a minute of mixed load with a fixed request count', () => {
  let floor: RoutingFloor;
  beforeAll(async () => {
    floor = await startRoutingFloor(1, { RATE_LIMIT_PER_MINUTE: '1000000' });
    for (const [i, id] of AGENTS.entries()) expect((await registerAgent(floor.presence, id, [TEAMS[i % TEAMS.length]], 3)).status).toBe(200);
  }, 30_000);
  afterAll(async () => { await floor?.close(); });

  it('keeps heap flat and the projection caught up', async () => {
    const started = Date.now();
    const samples: { seconds: number; requests: number; heapMiB: number; lagEvents: number }[] = [];
    let sent = 0;
    let failures = 0;
    let warmHeap = 0;
    const open: { id: string }[] = [];
    const statuses = ['online', 'away', 'offline', 'online'];

    const one = async (n: number) => {
      const agent = AGENTS[n % AGENTS.length];
      const team = TEAMS[AGENTS.indexOf(agent) % TEAMS.length];
      let status: number;
      switch (n % 10) {
        case 0: case 1: case 2: status = (await setStatus(floor.presence, agent, statuses[(n / 10 | 0) % 4])).status; break;
        case 3: status = (await overrideStatus(floor.presence, agent, { status: 'online', reason: `soak ${n}`, supervisorId: 'soak-sup' })).status; break;
        case 4: case 5: status = (await http(`${floor.presence.url}/v1/agents/${agent}`, 'GET')).status; break;
        case 6: status = (await http(`${floor.presence.url}/v1/agents?team=${team}`, 'GET')).status; break;
        case 7: {
          const id = `soak-conv-${n}`;
          status = (await queueConversation(floor.routing, id, team)).status;
          open.push({ id });
          break;
        }
        default: {
          const next = open.shift();
          status = next ? (await close(floor.routing, next.id)).status : (await http(`${floor.presence.url}/v1/floor`, 'GET')).status;
        }
      }
      if (status >= 500 || status === 401 || status === 403 || status === 429) failures++;
    };

    const worker = async () => {
      while (sent < REQUESTS && Date.now() - started < MAX_WALL_MS) {
        const n = sent++;
        await one(n);
        if (n === WARM_UP) { gc(); warmHeap = heapMiB(); }
      }
    };
    const sampler = setInterval(() => {
      void projectionLag(floor.presence.url).then((lagEvents) => {
        samples.push({ seconds: Math.round((Date.now() - started) / 1000), requests: sent, heapMiB: Math.round(heapMiB() * 10) / 10, lagEvents });
      });
    }, SAMPLE_EVERY_MS);
    try {
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    } finally {
      clearInterval(sampler);
    }

    await eventually(async () => (await projectionLag(floor.presence.url)) === 0, 'the projection catches up', 10_000);
    gc();
    const finalHeap = heapMiB();
    const table = [
      'seconds  requests  heap MiB  projection lag (events)',
      ...samples.map((s) => `${String(s.seconds).padStart(7)}  ${String(s.requests).padStart(8)}  ${s.heapMiB.toFixed(1).padStart(8)}  ${String(s.lagEvents).padStart(6)}`),
      `after GC: warm-up ${warmHeap.toFixed(1)} MiB, end ${finalHeap.toFixed(1)} MiB; ${sent} requests in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    ];
    console.log(`soak\n${table.join('\n')}`);

    expect(failures).toBe(0);
    expect(sent).toBeGreaterThan(WARM_UP * 2);
    expect(await projectionLag(floor.presence.url)).toBe(0);
    // Generous on purpose: flat means no growth with the request count, not a tight number that flakes.
    expect(finalHeap).toBeLessThan(warmHeap * 2 + 32);
  }, 120_000);
});
