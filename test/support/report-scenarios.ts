/**
 * A working day written into an embedded store before the app starts, at
 * chosen instants (the app's own clock is real time), so the report's cuts
 * can be checked to the second. Written through the one command runner, as
 * the apps append: every event is chained.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandRunner, SqliteEventStore } from '@app/event-store';
import type { Actor } from '@app/kernel';
import { agentStreamId, presenceDecider, type PresenceCommand } from '@app/presence-domain';

/** The seeded day, and an instant on it: `on('12:30')`. */
export const DAY = '2026-11-02';
export const on = (time: string): string => new Date(`${DAY}T${time}:00.000Z`).toISOString();

const HOUR = 3600;
export const hours = (n: number): number => n * HOUR;

const admin: Actor = { kind: 'admin', id: 'admin-1' };
const routing: Actor = { kind: 'service', id: 'routing' };
const system: Actor = { kind: 'system', id: 'presence' };

type Step = readonly [time: string, actor: Actor, command: Pick<PresenceCommand, 'type' | 'data'>];

const register = (agentId: string, teams: string[], time: string): Step =>
  [time, admin, { type: 'PutAgentProfile', data: { agentId, displayName: `Agent ${agentId}`, teams, maxConcurrentConversations: 2 } }];
const status = (agentId: string, time: string, to: 'online' | 'away' | 'offline', reasonCode?: string): Step =>
  [time, { kind: 'agent', id: agentId }, { type: 'SetAgentStatus', data: { agentId, status: to, ...(reasonCode ? { reasonCode } : {}) } }];

/**
 * ada (sales): registered 08:00, online 09:00, away for lunch 12:00, online 13:00, away by the system
 * (connection lost) 15:00, put offline by supervisor sup-1 at 17:00; conversation c1 from 09:30 to 10:30.
 * bob (support): registered 10:30, online 11:00. cy (sales, billing): registered 08:00, never online.
 */
export const WORKING_DAY: readonly Step[] = [
  register('ada', ['sales'], '08:00'),
  register('cy', ['billing', 'sales'], '08:00'),
  status('ada', '09:00', 'online'),
  ['09:30', routing, { type: 'AcceptConversation', data: { agentId: 'ada', conversationId: 'c1', team: 'sales' } }],
  ['10:30', routing, { type: 'ReleaseConversation', data: { agentId: 'ada', conversationId: 'c1', reason: 'closed' } }],
  register('bob', ['support'], '10:30'),
  status('bob', '11:00', 'online'),
  status('ada', '12:00', 'away', 'lunch'),
  status('ada', '13:00', 'online'),
  ['15:00', system, { type: 'SetAgentStatusBySystem', data: { agentId: 'ada', status: 'away', reasonCode: 'connection-lost' } }],
  ['17:00', { kind: 'supervisor', id: 'sup-1' }, {
    type: 'OverrideAgentStatus', data: { agentId: 'ada', status: 'offline', reason: 'end of shift', supervisorId: 'sup-1' },
  }],
];

/** A fresh data folder holding `steps` in its event store. */
export const seededDataDir = async (steps: readonly Step[] = WORKING_DAY): Promise<string> => {
  const dir = mkdtempSync(join(tmpdir(), 'reports-e2e-'));
  const store = new SqliteEventStore(join(dir, 'events.sqlite'));
  const runner = new CommandRunner(store, presenceDecider);
  for (const [time, actor, { type, data }] of steps) {
    const command = { type, data, metadata: { now: new Date(on(time)), actor, commandId: randomUUID(), correlationId: 'seed' } } as PresenceCommand;
    const outcome = await runner.run(agentStreamId(command.data.agentId), command);
    if (outcome.appended === 0) throw new Error(`seeding ${type} for ${command.data.agentId} at ${time} appended nothing`);
  }
  await store.close();
  return dir;
};
