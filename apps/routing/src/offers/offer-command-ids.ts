/**
 * Deterministic command ids for the offer steps routing takes on its own.
 * As in assignment-command-ids.ts, the revision the step acted on is part of
 * the id, so the same step redone after a crash, or taken by a second routing
 * instance that saw the same state, carries the same id: the store appends it
 * once and the runner answers the repeat from the events it already caused.
 */
export const reserveCommandId = (conversationId: string, agentId: string, revision: number) =>
  `reserve:${conversationId}:${agentId}:${revision}`;

export const offerCommandId = (conversationId: string, agentId: string, revision: number) =>
  `offer:${conversationId}:${agentId}:${revision}`;

/** Expiry or rescind of the offer routing saw at the conversation's `revision`. */
export const offerEndCommandId = (kind: 'expire-offer' | 'rescind-offer', conversationId: string, agentId: string, revision: number) =>
  `${kind}:${conversationId}:${agentId}:${revision}`;

export const requeueCommandId = (conversationId: string, agentId: string, revision: number) =>
  `requeue:${conversationId}:${agentId}:${revision}`;

/** The system's away for missed offers, at the agent revision that showed the count reached. */
export const missedOfferAwayCommandId = (agentId: string, agentRevision: number | 'no_stream') =>
  `missed-offer:${agentId}:${agentRevision}`;

/** Repairs of a reservation a crash left behind, at the conversation revision the repair saw. */
export const recoverOfferCommandId = (conversationId: string, agentId: string, revision: number) =>
  `recover-offer:${conversationId}:${agentId}:${revision}`;

/** The agent-side step that follows a conversation-side step: derived from it, so a retry finishes it once. */
export const agentSideCommandId = (conversationStepId: string) => `${conversationStepId}:agent`;

/** The conversation revision an agent's reservation was made against, if routing made it. */
export const reservedAtRevision = (causationId: string, conversationId: string, agentId: string): number | undefined => {
  const [step, conversation, agent, revision] = causationId.split(':');
  if (step !== 'reserve' || conversation !== conversationId || agent !== agentId) return undefined;
  const parsed = Number(revision);
  return Number.isInteger(parsed) && parsed >= 0 ? parsed : undefined;
};
