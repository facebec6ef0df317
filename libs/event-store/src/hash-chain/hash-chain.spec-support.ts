/** A tiny stream kind for the chain specs: the event store library knows no domain, so its tests bring their own. */
import type { Decider } from '@app/kernel';
import { CommandRunner } from '../command-runner.js';
import type { EventStore } from '../event-store.port.js';

export interface Tally {
  readonly type: 'Tally';
  readonly data: { readonly by: number; readonly note: string };
  readonly metadata: { readonly commandId: string; readonly at: string };
}

export interface Tallied {
  readonly type: 'Tallied';
  readonly data: { readonly by: number; readonly total: number; readonly note: string };
  readonly metadata: { readonly causationId: string; readonly occurredAt: string; readonly actor: { readonly kind: string; readonly id: string } };
}

export const tallyDecider: Decider<Tally, number, Tallied> = {
  initialState: () => 0,
  evolve: (total, event) => event.data.total,
  decide: (command, total) => [{
    type: 'Tallied',
    data: { by: command.data.by, total: total + command.data.by, note: command.data.note },
    metadata: { causationId: command.metadata.commandId, occurredAt: command.metadata.at, actor: { kind: 'agent', id: 'a1' } },
  }],
  read: (stored) => (stored.type === 'Tallied' ? (stored as unknown as Tallied) : undefined),
};

export const tally = (n: number, note = 'tallied by hand'): Tally => ({
  type: 'Tally', data: { by: n, note }, metadata: { commandId: `cmd-${n}`, at: new Date(Date.UTC(2026, 0, 1, 9, n)).toISOString() },
});

/** Runs `count` tally commands on one stream through the shared command runner, as the apps append. */
export const tallyStream = async (store: EventStore, streamId: string, count: number, firstCommand = 1): Promise<void> => {
  const runner = new CommandRunner(store, tallyDecider);
  for (let n = firstCommand; n < firstCommand + count; n++) await runner.run(streamId, tally(n));
};
