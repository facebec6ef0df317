import type { RunOptions } from '@app/event-store';

/**
 * How routing runs its own steps: a retried step id is answered from the
 * events it appended, but a step that changed nothing or was refused is
 * decided again, since the agent may have come back or made room since.
 */
export const ROUTING_STEP: RunOptions = { idempotency: 'appends-only' };

/**
 * Deterministic command ids for the steps routing takes on its own. The same
 * step redone (after a crash, or by another instance finishing it) carries the
 * same id, so the store recognises it and appends nothing twice. The
 * conversation's revision is part of the id: it names the exact state the
 * step acted on. Ids are slugs (no ':'), so the parts split back cleanly.
 */
export const acceptCommandId = (conversationId: string, agentId: string, revision: number) =>
  `accept:${conversationId}:${agentId}:${revision}`;

export const assignCommandId = (conversationId: string, agentId: string, revision: number) =>
  `assign:${conversationId}:${agentId}:${revision}`;

export const releaseCommandId = (conversationId: string, agentId: string, revision: number) =>
  `release:${conversationId}:${agentId}:${revision}`;

/** The conversation revision an agent-side accept was made against, if the accept came from routing. */
export const acceptedAtRevision = (causationId: string, conversationId: string, agentId: string): number | undefined => {
  const [step, conversation, agent, revision] = causationId.split(':');
  if (step !== 'accept' || conversation !== conversationId || agent !== agentId) return undefined;
  const parsed = Number(revision);
  return Number.isInteger(parsed) && parsed >= 0 ? parsed : undefined;
};
