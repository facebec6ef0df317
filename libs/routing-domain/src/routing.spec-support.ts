/** The clock, actor and metadata the routing domain's given/when/then specs share (the helper itself is the kernel's). */
import type { Actor, CommandMetadata, EventMetadata } from '@app/kernel';

export const NOW = new Date('2026-11-25T10:00:00.000Z');
export const ROUTING: Actor = { kind: 'service', id: 'routing' };

/** `seconds` after NOW. */
export const at = (seconds: number): Date => new Date(NOW.getTime() + seconds * 1000);

export const commandMetadata = (actor: Actor = ROUTING, now: Date = NOW, commandId = 'cmd'): CommandMetadata =>
  ({ now, actor, commandId, correlationId: 'corr' });

export const eventMetadata = (actor: Actor = ROUTING, now: Date = NOW, commandId = 'cmd'): EventMetadata =>
  ({ schemaVersion: 1, occurredAt: now.toISOString(), actor, causationId: commandId, correlationId: 'corr' });
