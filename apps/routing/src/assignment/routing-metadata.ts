import type { Actor, CommandMetadata } from '@app/kernel';

export const ROUTING_ACTOR: Actor = { kind: 'service', id: 'routing' };

/** Metadata of a step routing takes on its own; the clock enters here, at the edge, never in a decide. */
export const routingMetadata = (commandId: string, correlationId: string, now: Date = new Date()): CommandMetadata =>
  ({ now, actor: ROUTING_ACTOR, commandId, correlationId });
